import { TEMPLATE_DEFS } from '../schema/templates.ts';
import { REQUEST_COLUMNS, REQUEST_GROUP_LABELS, REQUEST_RESULTS_LABEL, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import type { Cell, Report } from '../schema/types.ts';

/**
 * The flat form of the statutory tables: one row per cell, the same for one
 * report or many. It is the only definition of that form; the CSV export and
 * the XLSX `data` sheet both write it. Reports with the legacy template have no
 * tables and give no rows; local extra rows of table 二 (`tables.active.extra`)
 * are not part of the statutory tables and are left out.
 */
export interface FlatRow {
  agency: string | null;
  year: number | null;
  template: '2019' | '2021';
  table: 'active' | 'requests' | 'review';
  /** Table 二: the item (`art20_1`); null for tables 三 and 四. */
  item: string | null;
  row: string;
  column: string;
  /** null when the cell is blank or unreadable, never 0. */
  value: Cell;
  /** Human labels (Chinese), after the keys. */
  tableLabel: string;
  itemLabel: string | null;
  rowLabel: string;
  columnLabel: string;
}

/** Column names of the flat form, in order (CSV header, XLSX `data` sheet header). */
export const FLAT_COLUMNS = [
  'agency', 'year', 'template', 'table', 'item', 'row', 'column', 'value',
  'tableLabel', 'itemLabel', 'rowLabel', 'columnLabel',
] as const satisfies readonly (keyof FlatRow)[];

const tableLabel = (key: 'active' | 'requests' | 'review'): string => {
  const s = SECTIONS.find((x) => x.key === key)!;
  return `${s.numeral}、${s.heading}`;
};

function requestRowLabel(def: ReturnType<typeof requestRows>[number]): string {
  const group = REQUEST_GROUP_LABELS[def.group];
  const label = def.short ?? def.label;
  if (!def.result && def.key !== 'resultTotal') return label;
  // The results block, then the group (（三）…), then the row; a one-row group ((六) in 2019) is its own label.
  const grouped = group !== null && group !== label;
  return [REQUEST_RESULTS_LABEL, grouped ? group : null, label].filter(Boolean).join(' ');
}

/** One row per table cell of each report, in printed order: 二 (item, row, column), 三 (row, column), 四 (group, column). */
export function flatRows(reports: readonly Report[]): FlatRow[] {
  const out: FlatRow[] = [];
  for (const report of reports) {
    const template = report.template;
    if (template === 'legacy') continue;
    const base = { agency: report.agency, year: report.year, template };
    const { active, requests, review } = report.tables;
    for (const item of TEMPLATE_DEFS[template].active) {
      for (const row of item.rows) {
        for (const column of item.columns) {
          out.push({
            ...base, table: 'active', item: item.key, row: row.key, column: column.key,
            value: active[item.key]?.[row.key]?.[column.key] ?? null,
            tableLabel: tableLabel('active'), itemLabel: item.label, rowLabel: row.label, columnLabel: column.label,
          });
        }
      }
    }
    for (const row of requestRows(template)) {
      REQUEST_COLUMNS.forEach((column, i) => {
        out.push({
          ...base, table: 'requests', item: null, row: row.key, column: column.key,
          value: (requests as Record<string, Cell[] | undefined>)[row.key]?.[i] ?? null,
          tableLabel: tableLabel('requests'), itemLabel: null, rowLabel: requestRowLabel(row),
          columnLabel: i >= 1 && i <= 5 ? `法人或其他组织 ${column.label}` : column.label,
        });
      });
    }
    for (const group of REVIEW_GROUPS) {
      REVIEW_COLUMNS.forEach((column, i) => {
        out.push({
          ...base, table: 'review', item: null, row: group.key, column: column.key,
          value: review[group.key]?.[i] ?? null,
          tableLabel: tableLabel('review'), itemLabel: null,
          rowLabel: group.key === 'review' ? group.label : `${REVIEW_LITIGATION_LABEL} ${group.label}`,
          columnLabel: column.label,
        });
      });
    }
  }
  return out;
}

/** RFC 4180 field: quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The flat form as CSV: UTF-8 with a byte-order mark (so Excel reads the
 * Chinese text), a header line, CRLF line ends, RFC 4180 quoting; null cells
 * are empty fields, never 0.
 */
export function renderCsv(reports: readonly Report[]): string {
  const lines = [FLAT_COLUMNS.join(',')];
  for (const row of flatRows(reports)) lines.push(FLAT_COLUMNS.map((k) => csvField(row[k])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
