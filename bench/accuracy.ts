/**
 * npm run bench:accuracy — cells exact / cells printed for every layout class of the
 * fixtures (format fixtures, text layouts, converter and crawler outputs). Target: ≥ 99.5 %
 * per class and no wrong number. `--ocr` adds the image and scanned-PDF fixtures (slow);
 * `--detail` lists every cell that was not exact. A second table reads random reports whose blank
 * cells vanished when a crawler flattened them (test/helpers/vanished-blanks.ts).
 */
import { compareTables, percent, runAccuracy, summarize } from '../test/helpers/accuracy.ts';
import { readFileSync } from 'node:fs';
import { jitteredLayout } from '../test/helpers/layout-jitter.ts';
import { flattenedText, laidOutText, tablesWithBlanks } from '../test/helpers/vanished-blanks.ts';
import { extractReport } from '../src/extract/report.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import type { Tables } from '../src/schema/types.ts';

const ocr = process.argv.includes('--ocr');
const detail = process.argv.includes('--detail');
const t0 = performance.now();
const results = await runAccuracy({ ocr });
const ms = performance.now() - t0;

console.log('| 版式类别 | 文件 | 应读单元格 | 准确 | 准确率 | 读错（非空且不对） |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const s of summarize(results)) {
  console.log(`| ${s.layoutClass} | ${s.files} | ${s.expected} | ${s.exact} | ${percent(s).toFixed(2)} % | ${s.wrong} |`);
}
const all = summarize(results.map((r) => ({ ...r, layoutClass: '合计' })))[0]!;
console.log(`| **合计** | ${all.files} | ${all.expected} | ${all.exact} | ${percent(all).toFixed(2)} % | ${all.wrong} |`);
console.log(`\n${results.length} 个文件，用时 ${(ms / 1000).toFixed(1)} 秒（含读取与解析）。`);
if (detail) {
  for (const r of results) {
    if (r.error) console.log(`${r.file}: 无法读取：${r.error}`);
    for (const w of r.wrong) console.log(`${r.file}: 读错 ${w}`);
    if (r.abstained.length) console.log(`${r.file}: 空缺 ${r.abstained.length} 格：${r.abstained.slice(0, 8).join('、')}${r.abstained.length > 8 ? '…' : ''}`);
  }
}

const REPORTS = 30;
console.log(`\n空白单元格随边界消失的随机报告（每行 ${REPORTS} 份，2019、2021 格式各半；表三、表四中给定比例的 0 留空，爬虫连写或空格分隔；按列排版的只有表三按列，其余同制表符文本）：`);
console.log('| 文本 | 留空的 0 | 应读单元格 | 准确 | 准确率 | 读错（非空且不对） |');
console.log('|---|---:|---:|---:|---:|---:|');
const TEXTS = { '': '连写', ' ': '空格分隔', columns: '按列排版（pdftotext -layout 式）' } as const;
const textOf = (kind: keyof typeof TEXTS, template: TableTemplate, tables: ReturnType<typeof tablesWithBlanks>) =>
  kind === 'columns' ? laidOutText(template, tables, 8) : flattenedText(template, tables, kind);
for (const [glue, share] of [['', 0], [' ', 0], ['', 0.2], ['', 0.5], [' ', 0.5], ['columns', 0.2], ['columns', 0.5]] as const) {
  let expected = 0;
  let exact = 0;
  let wrong = 0;
  for (let seed = 1; seed <= REPORTS; seed++) {
    const template: TableTemplate = seed % 2 ? '2019' : '2021';
    const tables = tablesWithBlanks(template, seed, share);
    const got = extractReport(textOf(glue, template, tables), { name: `r${seed}.txt`, format: 'txt' });
    const r = compareTables(template, tables, got.tables);
    expected += r.expected;
    exact += r.exact;
    wrong += r.wrong.length;
  }
  console.log(`| ${TEXTS[glue]} | ${share * 100} % | ${expected} | ${exact} | ${((100 * exact) / expected).toFixed(2)} % | ${wrong} |`);
}

// The same laid-out texts with their offsets disturbed (test/helpers/layout-jitter.ts): how much of the reading rests
// on where values stand, and whether a disturbed layout ever leads to a wrong number.
const JITTERED = ['wrapped/r003.lo-pdftotext-layout.txt', 'wrapped/r008.lo-pdftotext-layout.txt', 'wrapped/r088.pdftotext-layout.txt', 'converted/sample000.ogi.pdftotext-layout.txt'];
const VARIANTS = 60;
console.log(`\n版面扰动（pdftotext -layout 文本每份 ${VARIANTS} 种扰动：整行左右平移一两个字符，或数字间的空白加宽、变窄一两个字符）：`);
console.log('| 文件 | 应读单元格 | 准确 | 准确率 | 读错（非空且不对） |');
console.log('|---|---:|---:|---:|---:|');
for (const file of JITTERED) {
  const path = new URL(`../test/fixtures/${file}`, import.meta.url).pathname;
  const text = readFileSync(path, 'utf8');
  const want = JSON.parse(readFileSync(path.replace(/\.[^/]+\.txt$/, '.expected.json'), 'utf8')) as { template: TableTemplate; tables: Tables };
  let expected = 0;
  let exact = 0;
  let wrong = 0;
  for (let seed = 1; seed <= VARIANTS; seed++) {
    const r = compareTables(want.template, want.tables, extractReport(jitteredLayout(text, seed), { name: file, format: 'txt' }).tables);
    expected += r.expected;
    exact += r.exact;
    wrong += r.wrong.length;
  }
  console.log(`| ${file} | ${expected} | ${exact} | ${((100 * exact) / expected).toFixed(2)} % | ${wrong} |`);
}
