import { InputError } from '../errors.ts';
import { cellDef, cellList, readCell, readerOf, writeCell, type TableKey } from '../schema/cells.ts';
import { completeTotals } from '../schema/derive.ts';
import { evaluate, identities } from '../schema/identities.ts';
import { summaryAgency } from '../schema/issuer.ts';
import { SECTION_KEYS } from '../schema/sections.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Provenance, Report, Tables } from '../schema/types.ts';

/**
 * The summary report of a region: the three statutory tables of several reports of one format and
 * year summed cell by cell into one report of the region. Every summed cell names the reports it
 * came from; a blank cell is left out of its sum and counted apart, never read as 0.
 */

/** One report to sum and how to name it in the sources: a file name, or the store's report number. */
export interface SummaryInput {
  /** The file (CLI) or `#<report id>` (store) the report was read from. */
  file: string;
  report: Report;
}

/** One term of a summed cell. `derived`: the report left this total blank and it was computed from its parts. */
export interface CellSource {
  file: string;
  agency: string | null;
  value: number;
  derived?: true;
}

export interface SkippedInput {
  file: string;
  agency: string | null;
  reason: string;
}

export interface SummaryOptions {
  /** The region's name: the summary's agency is “<name>（汇总）”. */
  region: string;
  /** The year and format to sum; taken from the reports when left out (they must then agree). */
  year?: number;
  template?: TableTemplate;
  /** Reports of another year or format: refused (the default, an InputError naming them) or skipped and listed. */
  mismatched?: 'refuse' | 'skip';
  /**
   * Which reports count (e.g. only accepted ones, once reports have a review status): returns why a
   * report is left out, or null to sum it. Every report counts when left out.
   */
  exclude?: (input: SummaryInput) => string | null;
}

export interface RegionSummary {
  /** The region's report: summed tables, placeholder sections, each cell's sources in `provenance[path].text`. */
  report: Report;
  year: number;
  template: TableTemplate;
  /** The reports summed. */
  included: { file: string; agency: string | null }[];
  skipped: SkippedInput[];
  /** Per cell path: the reports that printed a number there, with their values. */
  sources: Record<string, CellSource[]>;
  /** Per cell path: how many summed reports left the cell blank (only cells with blanks). */
  blanks: Record<string, number>;
  /** Blank cells per table, over all summed reports. */
  blanksByTable: Record<TableKey, number>;
  /** Identities of the summed tables that do not hold (some report left a part blank), in Chinese. */
  unbalanced: string[];
}

export const SUMMARY_SECTION_TEXT = '（本部分由本区域政府信息公开工作主管部门撰写。本汇总报告的统计表由 ogi 根据本区域各机关的年度报告逐格相加生成。）';

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const describe = (i: SummaryInput) => `${i.file}（${i.report.agency ?? '机关名称未读出'}，${i.report.year ?? '年度未读出'} 年，${i.report.template} 格式）`;

function targetOf(inputs: readonly SummaryInput[], options: SummaryOptions): { year: number; template: TableTemplate } {
  const year = options.year ?? inputs.find((i) => i.report.year !== null)?.report.year ?? null;
  const template = options.template ?? (inputs.find((i) => i.report.template !== 'legacy')?.report.template as TableTemplate | undefined);
  if (year === null || year === undefined || !template) {
    throw new InputError('usage', inputs.length ? '没有可以汇总的报告：年度都未读出，或都是 2019 年以前格式（没有统计表）' : '没有可以汇总的报告');
  }
  return { year, template };
}

function mismatch(input: SummaryInput, year: number, template: TableTemplate): string | null {
  const r = input.report;
  if (r.template === 'legacy') return '2019 年以前格式，没有统计表';
  if (r.year !== year) return r.year === null ? '未能读出年度' : `年度为 ${r.year}，不是 ${year}`;
  if (r.template !== template) return `表格为 ${r.template} 格式，不是 ${template} 格式`;
  return null;
}

/** Sums reports of one year and format into the region's report (see the module comment). */
export function sumReports(inputs: readonly SummaryInput[], options: SummaryOptions): RegionSummary {
  const { year, template } = targetOf(inputs, options);
  const skipped: SkippedInput[] = [];
  const refused: string[] = [];
  const members: { input: SummaryInput; tables: Tables; derived: Set<string> }[] = [];
  for (const input of inputs) {
    const wrong = mismatch(input, year, template);
    if (wrong && options.mismatched !== 'skip') refused.push(`${describe(input)}：${wrong}`);
    const reason = wrong ?? options.exclude?.(input) ?? null;
    if (reason) {
      skipped.push({ file: input.file, agency: input.report.agency, reason });
      continue;
    }
    const done = completeTotals(input.report);
    members.push({ input, tables: done.report.tables, derived: new Set(done.computed) });
  }
  if (refused.length) {
    throw new InputError('usage', `只能汇总同一年度、同一格式的报告（${year} 年，${template} 格式）；以下报告不符：\n${refused.map((l) => `  ${l}`).join('\n')}`);
  }
  if (!members.length) throw new InputError('usage', `没有可以汇总的 ${year} 年报告`);

  const tables: Tables = { active: {}, requests: {}, review: {} };
  const sources: Record<string, CellSource[]> = {};
  const blanks: Record<string, number> = {};
  const blanksByTable: Record<TableKey, number> = { active: 0, requests: 0, review: 0 };
  const provenance: Record<string, Provenance> = {};
  for (const def of cellList(template)) {
    const read = readerOf(def);
    const terms: CellSource[] = [];
    let blank = 0;
    for (const m of members) {
      const value = read(m.tables);
      if (value === null) blank++;
      else terms.push({ file: m.input.file, agency: m.input.report.agency, value, ...(m.derived.has(def.path) ? { derived: true as const } : {}) });
    }
    const sum = terms.length ? round(terms.reduce((a, t) => a + t.value, 0)) : null;
    writeCell(tables, def.path, sum);
    sources[def.path] = terms;
    if (blank) {
      blanks[def.path] = blank;
      blanksByTable[def.table] += blank;
    }
    const text = terms.map((t) => `${t.agency ?? t.file}=${t.value}${t.derived ? '（由分项算出）' : ''}`).join('；');
    provenance[def.path] = { start: 0, end: 0, line: 1, text, note: `${terms.length} 份报告相加${blank ? `，${blank} 份空白未计入` : ''}` };
  }

  const region = options.region.trim() || '本区域';
  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, SUMMARY_SECTION_TEXT])) as Report['sections'];
  const agencies = members.map((m) => m.input.report.agency ?? m.input.file);
  const summed: Report = {
    agency: summaryAgency(region), year, template, signedOn: null, publishedOn: null, issuerType: 'government', sections, tables,
    source: { name: `${region}${year}年度汇总`, format: 'json' },
    preamble: `本报告汇总 ${members.length} 份年度报告：${agencies.join('、')}。空白单元格不计入合计，单独计数。`,
    provenance, notes: [],
  };
  const { report: completed, computed } = completeTotals(summed);
  for (const path of computed) completed.provenance[path] = { start: 0, end: 0, line: 1, text: '', note: '各报告均为空白，由汇总后的分项算出' };
  const read = (p: string) => readCell(completed.tables, p);
  const unbalanced = identities(template)
    .map((x) => ({ x, e: evaluate(x, read) }))
    .filter(({ e }) => e.status === 'fails')
    .map(({ x, e }) => {
      const at = cellDef(template, x.right[0]!);
      return `${at ? `${at.rowLabel} ${at.columnLabel}` : x.right[0]}：${x.def.says}，${x.def.leftName}为 ${round(e.left)}，实为 ${round(e.right)}`;
    });
  return {
    report: completed, year, template, included: members.map((m) => ({ file: m.input.file, agency: m.input.report.agency })),
    skipped, sources, blanks, blanksByTable, unbalanced,
  };
}
