import { TEMPLATE_DEFS, type TableTemplate } from '../../src/schema/templates.ts';
import {
  REQUEST_APPLICANT_LABEL, REQUEST_BALANCE_NOTE, REQUEST_COLUMNS, REQUEST_GROUP_LABELS, REQUEST_ORG_GROUP_LABEL,
  REQUEST_RESULTS_LABEL, requestRows,
} from '../../src/schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL } from '../../src/schema/review.ts';
import { SECTIONS } from '../../src/schema/sections.ts';
import type { Cell, Tables } from '../../src/schema/types.ts';

/**
 * Writes report text in the table layouts real reports use, so that tests can
 * read the same data back from each of them. Labels come from the schema.
 */
export type Layout = 'tabs' | 'cell-per-line' | 'pipe' | 'markdown' | 'spaces';
export const LAYOUTS: Layout[] = ['tabs', 'cell-per-line', 'pipe', 'markdown', 'spaces'];

type Row = string[];

const fmt = (v: Cell | undefined, signed = false): string =>
  v === null || v === undefined ? '' : signed && v > 0 ? `+${v}` : String(v);

export function tableRows(template: TableTemplate, tables: Tables): { active: Row[][]; requests: Row[]; review: Row[] } {
  const active: Row[][] = [];
  for (const item of TEMPLATE_DEFS[template].active) {
    const rows: Row[] = [[item.label], ['信息内容', ...item.columns.map((c) => c.label)]];
    for (const row of item.rows) {
      rows.push([row.label, ...item.columns.map((c) => fmt(tables.active[item.key]?.[row.key]?.[c.key], c.kind === 'signed'))]);
    }
    active.push(rows);
  }
  const requests: Row[] = [
    [REQUEST_BALANCE_NOTE, REQUEST_APPLICANT_LABEL],
    ['', REQUEST_COLUMNS[0].label, REQUEST_ORG_GROUP_LABEL, REQUEST_COLUMNS[6].label],
    ['', '', ...REQUEST_COLUMNS.slice(1, 6).map((c) => c.label), ''],
  ];
  let group: string | null = null;
  for (const row of requestRows(template)) {
    const values = (tables.requests[row.key] ?? []).map((v) => fmt(v));
    const groupLabel = REQUEST_GROUP_LABELS[row.group];
    const lead: string[] = [];
    if (row.key === 'granted') lead.push(REQUEST_RESULTS_LABEL);
    if (groupLabel && groupLabel !== group && row.key !== 'other') lead.push(groupLabel);
    group = groupLabel;
    requests.push([...lead, row.label, ...values]);
  }
  const review: Row[] = [
    [REVIEW_GROUPS[0].label, REVIEW_LITIGATION_LABEL],
    [...REVIEW_COLUMNS.map((c) => c.label), REVIEW_GROUPS[1].label, REVIEW_GROUPS[2].label],
    [...REVIEW_COLUMNS.map((c) => c.label), ...REVIEW_COLUMNS.map((c) => c.label)],
    REVIEW_GROUPS.flatMap((g) => (tables.review[g.key] ?? []).map((v) => fmt(v))),
  ];
  return { active, requests, review };
}

export function writeRows(rows: Row[], layout: Layout): string {
  switch (layout) {
    case 'tabs':
      return rows.map((r) => r.join('\t')).join('\n');
    case 'cell-per-line':
      return rows.map((r) => r.map((c) => `\t${c}`).join('\n')).join('\n\n');
    case 'pipe':
      return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
    case 'markdown': {
      const width = Math.max(...rows.map((r) => r.length));
      const sep = `|${' --- |'.repeat(width)}`;
      return [`| ${rows[0]!.join(' | ')} |`, sep, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
    }
    case 'spaces':
      // Plain text has no way to show a blank cell: write "/" instead.
      return rows.map((r) => r.map((c) => (c === '' ? '/' : c)).join(' ')).join('\n');
  }
}

export interface ReportText {
  agency?: string;
  year: number;
  template: TableTemplate;
  tables: Tables;
  layout: Layout;
  signed?: string;
  /** Sentences printed under the headings of parts 三 and 四, before their tables. */
  narrative?: { requests?: string; review?: string };
}

export function reportText(r: ReportText): string {
  const agency = r.agency ?? '某某市某某局';
  const t = tableRows(r.template, r.tables);
  const heading = (i: number) => `${SECTIONS[i]!.numeral}、${SECTIONS[i]!.heading}`;
  const active = t.active.map((rows) => writeRows(rows, r.layout)).join('\n\n');
  return [
    agency,
    `${r.year}年政府信息公开工作年度报告`,
    '',
    `本年度报告中所列数据的统计期限自${r.year}年1月1日起至${r.year}年12月31日止。`,
    heading(0),
    `${r.year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》。`,
    heading(1),
    active,
    '',
    heading(2),
    ...(r.narrative?.requests ? [r.narrative.requests] : []),
    writeRows(t.requests, r.layout),
    '',
    heading(3),
    ...(r.narrative?.review ? [r.narrative.review] : []),
    writeRows(t.review, r.layout),
    '',
    heading(4),
    '存在的问题是宣传不够。改进措施是加强培训。',
    heading(5),
    '无。',
    '',
    agency,
    r.signed ?? `${r.year + 1}年1月20日`,
    '',
  ].join('\n');
}
