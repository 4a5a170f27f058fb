import { InputError } from '../errors.ts';
import { expandInput, READABLE_EXTENSIONS } from '../ingest/read-file.ts';
import { toJson } from '../render/json.ts';
import { sumReports, type RegionSummary, type SkippedInput, type SummaryInput } from '../render/region-summary.ts';
import { tableLabel, type TableKey } from '../schema/cells.ts';
import type { TableTemplate } from '../schema/templates.ts';
import { loadReports } from './load-reports.ts';
import { printable } from './printable.ts';
import { writeOutput } from './write-output.ts';
import { ROLLUP_FORMATS, type RollupFormat, type RollupOptions } from './rollup-formats.ts';

/** `ogi rollup`: the region's summary report from its agencies' report files. */


const AUTHORING_EXTENSIONS = ['.json', '.yaml', '.yml'];

/** Files and directories to files: reports ogi reads, and data or authoring files (.json, .yaml); what could not be opened. */
async function expand(inputs: readonly string[]): Promise<{ files: string[]; problems: InputError[] }> {
  const out: { files: string[]; problems: InputError[] } = { files: [], problems: [] };
  for (const input of inputs) {
    const found = await expandInput(input, [...READABLE_EXTENSIONS, ...AUTHORING_EXTENSIONS]);
    out.files.push(...found.files);
    out.problems.push(...found.problems);
  }
  return out;
}

/** The year and format groups of the inputs, e.g. “2020 年 2019 格式 3 份（a、b、c）”. */
function groupLines(inputs: readonly SummaryInput[]): string[] {
  const groups = new Map<string, string[]>();
  for (const i of inputs) {
    const key = `${i.report.year ?? '年度未读出'} 年 ${i.report.template} 格式`;
    groups.set(key, [...(groups.get(key) ?? []), i.file]);
  }
  return [...groups].map(([k, files]) => `${k} ${files.length} 份（${files.join('、')}）`);
}

function summaryLines(s: RegionSummary, unreadable: readonly SkippedInput[]): string[] {
  const lines = [`已汇总 ${s.included.length} 份 ${s.year} 年（${s.template} 格式）报告：${s.included.map((i) => i.agency ?? i.file).join('、')}`];
  const skipped = [...unreadable, ...s.skipped];
  if (skipped.length) lines.push(`未汇总 ${skipped.length} 份：`, ...skipped.map((k) => `  ${k.file}${k.agency ? `（${k.agency}）` : ''}：${k.reason}`));
  const tables: TableKey[] = ['active', 'requests', 'review'];
  lines.push(`空白单元格（不计入合计，单独计数）：${tables.map((t) => `${tableLabel(t)} ${s.blanksByTable[t]} 个`).join('；')}`);
  if (s.unbalanced.length) lines.push(`注意：因部分报告有空白，汇总后有 ${s.unbalanced.length} 处勾稽关系不平衡：`, ...s.unbalanced.slice(0, 10).map((l) => `  ${l}`));
  return lines;
}


export async function runRollup(inputs: string[], opts: RollupOptions): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`错误：${message}\n`);
    return 2;
  };
  const format = opts.to as RollupFormat;
  if (!ROLLUP_FORMATS.includes(format)) return fail(`--to 应为 ${ROLLUP_FORMATS.join('、')} 之一，收到“${opts.to}”`);
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) return fail(`--year 应为年度（如 2023），收到“${opts.year}”`);
  const { files, problems } = await expand(inputs);
  const loaded = await loadReports(files);
  const unreadable: SkippedInput[] = [
    ...problems.map((p) => ({ file: p.file ?? '', agency: null, reason: p.message })),
    ...loaded.filter((l) => l.error).map((l) => ({ file: l.path, agency: null, reason: l.error!.message })),
  ];
  const all: SummaryInput[] = loaded.filter((l) => l.report).map((l) => ({ file: l.path, report: l.report! }));
  const withTables = all.filter((i) => i.report.template !== 'legacy' && i.report.year !== null);
  const chosen = year === undefined ? withTables : withTables.filter((i) => i.report.year === year);
  const kinds = new Set(chosen.map((i) => `${i.report.year} ${i.report.template}`));
  if (kinds.size > 1) {
    const hint = year === undefined ? '用 --year 选择一个年度' : '同一年度的报告格式不同，请分开汇总';
    return fail(`输入的报告属于不同的年度或格式，不能相加（${hint}）：\n${groupLines(chosen).map((l) => `  ${l}`).join('\n')}`);
  }
  const first = chosen[0]?.report;
  if (!first) {
    for (const u of unreadable) process.stderr.write(`错误：${u.reason}\n`);
    return fail(year === undefined ? '没有可以汇总的报告（需要 2019 年及以后格式、读出了年度的报告）' : `没有 ${year} 年的报告可以汇总`);
  }
  let summary: RegionSummary;
  try {
    summary = sumReports(all, { region: opts.name ?? '本区域', year: first.year!, template: first.template as TableTemplate, mismatched: 'skip' });
  } catch (err) {
    if (err instanceof InputError) return fail(err.message);
    throw err;
  }
  process.stderr.write(`${summaryLines(summary, unreadable).map(printable).join('\n')}\n`);

  let data: Buffer | string;
  if (format === 'json') {
    data = `${toJson({ report: summary.report, sources: summary.sources, blanks: summary.blanks, included: summary.included, skipped: [...unreadable, ...summary.skipped], unbalanced: summary.unbalanced })}\n`;
  } else {
    const { renderTo } = await import('../render/index.ts');
    data = await renderTo(format, [summary.report]);
  }
  await writeOutput(format, data, [summary.report], opts.output);
  return 0;
}
