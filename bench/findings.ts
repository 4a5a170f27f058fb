/**
 * npm run bench:findings — precision and recall per rule on the findings regression suite
 * (test/helpers/findings-suite.ts): random consistent reports in every layout of both
 * templates, clean and with one planted defect in 三 or 四, with 0 written as a number and as
 * "—". FINDINGS_DOCS sets the documents per template, layout and kind (default 20). Then
 * defects planted in the converted documents of test/fixtures/converted (CONVERTED_DEFECTS per file, default 5).
 */
import {
  defectFound, hitsFor, isClean, loud, precision, recall, runFindingsSuite, scoreByRule, type SuiteDoc,
} from '../test/helpers/findings-suite.ts';
import { runConvertedDefects, type ConvertedDefect } from '../test/helpers/converted-defects.ts';

const perLayout = Number(process.env.FINDINGS_DOCS ?? 20);
const t0 = performance.now();
const docs = await runFindingsSuite({ perLayout });
const ms = performance.now() - t0;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

function table(title: string, group: SuiteDoc[]): void {
  console.log(`\n${title}（干净 ${group.filter(isClean).length} 份，植入缺陷 ${group.filter((d) => !isClean(d)).length} 份）`);
  console.log('| 规则 | 植入缺陷数 | 发现 | 召回率 | 干净文档上的错误（误报） | 干净文档上的警告 | 精确率 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const s of scoreByRule(group)) {
    console.log(`| ${s.rule} | ${s.planted} | ${s.found} | ${pct(recall(s))} | ${s.cleanErrors} | ${s.cleanWarnings} | ${pct(precision(s))} |`);
  }
  // Totals by document: a defect is found when a SUM error names its row or column.
  const planted = group.filter((d) => !isClean(d));
  const found = planted.filter(defectFound).length;
  const cleanErrors = group.filter(isClean).reduce((n, d) => n + d.findings.filter((f) => f.severity === 'error').length, 0);
  const cleanWarnings = group.filter(isClean).reduce((n, d) => n + d.findings.filter((f) => f.severity === 'warning').length, 0);
  const errors = group.reduce((n, d) => n + d.findings.filter((f) => f.severity === 'error').length, 0);
  const onTarget = planted.reduce((n, d) => n + (d.target ? hitsFor(d.findings, d.target).length : d.findings.filter((f) => f.severity === 'error' && f.rule === d.expectRule).length), 0);
  console.log(`| **合计（按文档）** | ${planted.length} | ${found} | ${pct(recall({ planted: planted.length, found }))} | ${cleanErrors} | ${cleanWarnings} | ${pct(errors === 0 ? null : onTarget / errors)} |`);
}

table('数字写法：0 写作 0', docs.filter((d) => d.kind === 'clean' || d.kind === 'planted'));
table('占位写法：0 写作“—”', docs.filter((d) => d.kind === 'blank' || d.kind === 'blank-planted'));
table('正文写明表三、表四的件数（植入：正文中一个数与表格不符）', docs.filter((d) => d.kind === 'narrative' || d.kind === 'narrative-planted'));

const clean = docs.filter(isClean);
const most = Math.max(...clean.map((d) => loud(d).length));
console.log(`\n干净文档上警告与错误合计最多 ${most} 条（目标 ≤ 10）。`);
console.log('召回率：植入缺陷所破坏的勾稽关系中，该规则在被改格所在行或列报出错误的比例；精确率：该规则的错误中指向被改格所在行或列的比例。');
console.log(`${docs.length} 份文档（2 种格式 × 5 种版式 × 每种 ${perLayout} 份 × 6 类），用时 ${(ms / 1000).toFixed(1)} 秒（含生成、读取与核查）。`);

// Planted defects in documents made by the real converters (test/helpers/converted-defects.ts).
const t1 = performance.now();
const converted = await runConvertedDefects(Number(process.env.CONVERTED_DEFECTS ?? 5));
const byConverter = new Map<string, ConvertedDefect[]>();
for (const d of converted) byConverter.set(d.converter, [...(byConverter.get(d.converter) ?? []), d]);
console.log('\n转换工具产生的文档（test/fixtures/converted）中植入一个表三或表四的数字');
console.log('| 转换 | 植入缺陷数 | 读出并发现 | 读出但未发现 | ogi 未能读出（留空并说明） | 读错 | 新增的其他错误（误报） |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [converter, list] of [...byConverter].sort(([a], [b]) => a.localeCompare(b))) {
  const n = (o: string) => list.filter((d) => d.outcome === o).length;
  console.log(`| ${converter} | ${list.length} | ${n('found')} | ${n('missed')} | ${n('unread')} | ${n('misread')} | ${list.reduce((k, d) => k + d.strayErrors.length, 0)} |`);
}
console.log(`${converted.length} 处缺陷，用时 ${((performance.now() - t1) / 1000).toFixed(1)} 秒。`);
