import { activePath } from '../schema/cells.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { TEMPLATE_DEFS } from '../schema/templates.ts';
import { SECTIONS } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { FLAT_COLUMNS, flatRows } from './flat.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { placeGrid } from './placed.ts';
import { reportTitle } from './text.ts';

/**
 * Reports as an Excel workbook: for each report one sheet per statutory table
 * (二、三、四) in the official layout, with the merged cells of the grids, and
 * one flat `data` sheet holding `flatRows` (one row per cell). Values are
 * numbers; blank or unreadable cells stay empty, never 0.
 */

type TableKey = Grid['key'];

const SHORT: Record<TableKey, string> = { active: '二、主动公开', requests: '三、依申请公开', review: '四、复议诉讼' };
const MAX_SHEET_NAME = 31;

const heading = (key: TableKey) => {
  const s = SECTIONS.find((x) => x.key === key)!;
  return `${s.numeral}、${s.heading}`;
};

/** Characters Excel refuses in sheet names, and leading/trailing apostrophes. */
const sanitize = (s: string) => s.replace(/[\\/?*[\]:：]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim();

class SheetNames {
  private readonly used = new Set<string>(['data']);

  take(base: string): string {
    let name = base.slice(0, MAX_SHEET_NAME);
    for (let n = 2; this.used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = `${base.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}

function sheetBase(report: Report, key: TableKey, several: boolean): string {
  if (!several) return heading(key);
  const short = SHORT[key];
  const year = report.year === null ? '' : String(report.year);
  const room = MAX_SHEET_NAME - short.length - year.length - 1;
  // Reports without an agency are told apart by their id, never lumped under one empty name.
  const unnamed = report.input ? `报告${report.input.id.slice(0, 8)}` : '报告';
  const agency = sanitize(report.agency ?? '').slice(0, Math.max(0, room)) || unnamed;
  return `${agency}${year} ${short}`;
}

/** Column widths in Excel units (about one Latin character; a Chinese character takes about two). */
function columnWidths(grid: Grid): number[] {
  switch (grid.key) {
    case 'active':
      return [26, ...Array.from({ length: grid.width - 1 }, () => 16)];
    case 'requests':
      return [9, 10, 30, ...Array.from({ length: grid.width - 3 }, () => 8.5)];
    case 'review':
      return Array.from({ length: grid.width }, () => 7.5);
  }
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 10.5 };
const LINE_HEIGHT = 14;

/** Display width of a text in Excel units (CJK characters count double). */
const textWidth = (s: string) => [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e7f ? 2.1 : 1.1), 0);

function addTableSheet(wb: ExcelJS.Workbook, name: string, title: string, grid: Grid): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: grid.key === 'active' ? 'portrait' : 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ showGridLines: false }],
  });
  const widths = columnWidths(grid);
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const top = 3; // rows 1–2: report title and section heading
  ws.mergeCells(1, 1, 1, grid.width);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: '宋体', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 24;
  ws.mergeCells(2, 1, 2, grid.width);
  ws.getCell(2, 1).value = heading(grid.key);
  ws.getCell(2, 1).font = { name: '黑体', size: 12 };
  ws.getRow(2).height = 20;

  const heights = grid.rows.map(() => LINE_HEIGHT + 4);
  const spanned: { r: number; rowspan: number; need: number }[] = [];
  const signed = new Set<string>();
  const money = new Set<string>();
  if (grid.key === 'active') {
    for (const t of Object.values(TEMPLATE_DEFS)) {
      for (const item of t.active) {
        for (const c of item.columns) {
          for (const row of item.rows) {
            const path = activePath(item.key, row.key, c.key);
            if (c.kind === 'signed') signed.add(path);
            if (c.kind === 'money') money.add(path);
          }
        }
      }
    }
  }

  placeGrid(grid).forEach((row, r) => {
    for (const { cell, col, continues } of row) {
      if (continues) continue;
      const r0 = top + r;
      const c0 = col + 1;
      if (cell.colspan > 1 || cell.rowspan > 1) ws.mergeCells(r0, c0, r0 + cell.rowspan - 1, c0 + cell.colspan - 1);
      const target = ws.getCell(r0, c0);
      if (cell.kind === 'value') {
        if (cell.value !== null && cell.value !== undefined) target.value = cell.value;
        if (cell.path && signed.has(cell.path)) target.numFmt = '+0;-0;0';
        else if (cell.path && money.has(cell.path)) target.numFmt = '0.00##';
      } else {
        target.value = cell.text;
      }
      target.alignment = { horizontal: cell.kind === 'label' ? 'left' : 'center', vertical: 'middle', wrapText: true };
      target.font = FONT;
      // Borders on every cell of a merged area, so the outline is complete in every viewer.
      for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) ws.getCell(r0 + dr, c0 + dc).border = BORDER;
      const width = widths.slice(col, col + cell.colspan).reduce((a, b) => a + b, 0) - 1;
      const lines = Math.max(1, Math.ceil(textWidth(cell.text) / Math.max(width, 1)));
      const need = lines * LINE_HEIGHT + 4;
      if (cell.rowspan === 1) heights[r] = Math.max(heights[r]!, need);
      else spanned.push({ r, rowspan: cell.rowspan, need });
    }
  });
  for (const { r, rowspan, need } of spanned) {
    const have = heights.slice(r, r + rowspan).reduce((a, b) => a + b, 0);
    if (have < need) heights[r + rowspan - 1]! += need - have;
  }
  heights.forEach((h, r) => { ws.getRow(top + r).height = h; });
}

/** Rows of an Excel worksheet (1,048,576), less the header. */
export const SHEET_DATA_ROWS = 1_048_575;

/**
 * The flat `data` sheet; a corpus with more cells than a worksheet holds continues in
 * `data (2)`, `data (3)`… (each with the header), never past Excel's last row.
 */
function addDataSheets(wb: ExcelJS.Workbook, names: SheetNames, reports: readonly Report[], rowsPerSheet: number): void {
  let ws: ExcelJS.Worksheet | null = null;
  let sheets = 0;
  let r = 0;
  for (const row of flatRows(reports)) {
    if (ws === null || r > rowsPerSheet) {
      sheets++;
      ws = addDataSheet(wb, sheets === 1 ? 'data' : names.take(`data (${sheets})`));
      r = 1;
    }
    const sheet = ws;
    const at = r + 1;
    FLAT_COLUMNS.forEach((key, i) => {
      const v = row[key];
      if (v !== null) sheet.getCell(at, i + 1).value = v;
    });
    r++;
  }
  if (ws === null) addDataSheet(wb, 'data');
}

function addDataSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.getRow(1).values = [...FLAT_COLUMNS];
  ws.getRow(1).font = { bold: true };
  const widths: Record<string, number> = { agency: 24, tableLabel: 34, itemLabel: 18, rowLabel: 48, columnLabel: 22 };
  FLAT_COLUMNS.forEach((key, i) => { ws.getColumn(i + 1).width = widths[key] ?? 14; });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FLAT_COLUMNS.length } };
  return ws;
}

/** What the workbook reads of a report (the CLI keeps only this of each report until the end). */
export type WorkbookReport = Pick<Report, 'agency' | 'year' | 'template' | 'tables' | 'input'>;

/**
 * The workbook's date, in its properties and on every file of its zip: 1 January after the
 * latest report year (when reports are published), so that the same reports give the same bytes.
 */
export function workbookDate(reports: readonly Pick<Report, 'year'>[]): Date {
  const latest = reports.reduce<number | null>((y, r) => (r.year !== null && (y === null || r.year > y) ? r.year : y), null);
  // Zip dates start in 1980.
  return new Date(Date.UTC(latest === null ? 1980 : Math.max(1980, latest + 1), 0, 1));
}

/** ExcelJS dates each zip entry with the time of writing; the same entries, dated `date`. */
async function dated(bytes: ArrayBuffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  zip.forEach((_, entry) => {
    entry.date = date;
  });
  // Entries keep their deflated bytes: JSZip only rewrites the headers.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The reports as an .xlsx workbook: table sheets per report, then the flat `data` sheet(s). */
export async function renderXlsx(reports: readonly WorkbookReport[], options: { rowsPerSheet?: number } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ogi';
  const date = workbookDate(reports);
  wb.created = date;
  wb.modified = date;
  const names = new SheetNames();
  const several = reports.length > 1;
  const full = reports as readonly Report[];
  for (const report of full) {
    if (report.template === 'legacy') continue;
    const title = reportTitle(report);
    const grids = [activeGrid(report.template, report.tables), requestsGrid(report.template, report.tables), reviewGrid(report.tables)];
    for (const grid of grids) addTableSheet(wb, names.take(sheetBase(report, grid.key, several)), title, grid);
  }
  addDataSheets(wb, names, full, options.rowsPerSheet ?? SHEET_DATA_ROWS);
  return dated(await wb.xlsx.writeBuffer(), date);
}
