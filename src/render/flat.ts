import { cellList, readerOf } from '../schema/cells.ts';
import type { Cell, Report } from '../schema/types.ts';
import { csvHead, csvLine, toCsv } from './csv.ts';

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
  /** The input file, relative to the root given to the CLI (`Report.input`); null for reports not read from a file. */
  path: string | null;
  /** sha256 (hex) of the original's bytes (`Report.input`): one id per report, also when it has no agency. */
  reportId: string | null;
}

/** Column names of the flat form, in order (CSV header, XLSX `data` sheet header). */
export const FLAT_COLUMNS = [
  'agency', 'year', 'template', 'table', 'item', 'row', 'column', 'value',
  'tableLabel', 'itemLabel', 'rowLabel', 'columnLabel', 'path', 'reportId',
] as const satisfies readonly (keyof FlatRow)[];

/** One row per table cell of each report, in printed order: 二 (item, row, column), 三 (row, column), 四 (group, column). */
export function flatRows(reports: readonly Report[]): FlatRow[] {
  return reports.flatMap(reportRows);
}

function reportRows(report: Report): FlatRow[] {
  const template = report.template;
  if (template === 'legacy') return [];
  const path = report.input?.path ?? null;
  const reportId = report.input?.id ?? null;
  return cellList(template).map((def) => ({
    agency: report.agency, year: report.year, template, table: def.table, item: def.item, row: def.row, column: def.column,
    value: readerOf(def)(report.tables),
    tableLabel: def.tableLabel, itemLabel: def.itemLabel, rowLabel: def.rowLabel, columnLabel: def.columnLabel,
    path, reportId,
  }));
}

/** The header of the flat CSV (with its byte-order mark); `flatCsvLines` of each report follow it. */
export const flatCsvHead = (): string => csvHead(FLAT_COLUMNS);

/** One report's lines of the flat CSV: written as each report is read, so a corpus of any size streams. */
export function flatCsvLines(report: Report): string {
  let out = '';
  for (const row of reportRows(report)) out += csvLine(FLAT_COLUMNS.map((k) => row[k]));
  return out;
}

/** The flat form as CSV (see csv.ts): a header line, then one line per cell. */
export function renderCsv(reports: readonly Report[]): string {
  return toCsv(FLAT_COLUMNS, flatRows(reports).map((row) => FLAT_COLUMNS.map((k) => row[k])));
}
