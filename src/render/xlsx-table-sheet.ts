import type ExcelJS from 'exceljs';
import { activePath } from '../schema/cells.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS } from '../schema/templates.ts';
import type { Report } from '../schema/types.ts';
import type { Grid } from './grid.ts';
import { placeGrid } from './placed.ts';

/** The sheets of the workbook that show a statutory table (二、三、四) in the official layout, with the merged cells of its grid. */

type TableKey = Grid['key'];

const SHORT: Record<TableKey, string> = { active: '二、主动公开', requests: '三、依申请公开', review: '四、复议诉讼' };
const MAX_SHEET_NAME = 31;

const heading = (key: TableKey) => {
  const s = SECTIONS.find((x) => x.key === key)!;
  return `${s.numeral}、${s.heading}`;
};

/** Characters Excel refuses in sheet names, and leading/trailing apostrophes. */
const sanitize = (s: string) => s.replace(/[\\/?*[\]:：]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim();

/** Sheet names of one workbook: unique without regard to case, at most 31 characters. */
export class SheetNames {
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

export function sheetBase(report: Pick<Report, 'agency' | 'year' | 'input'>, key: TableKey, several: boolean): string {
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

/** The number formats of table 二's signed (+/−) and money columns, by cell path. */
const NUMBER_FORMATS = new Map<string, string>();
for (const t of Object.values(TEMPLATE_DEFS)) {
  for (const item of t.active) {
    for (const c of item.columns) {
      const format = c.kind === 'signed' ? '+0;-0;0' : c.kind === 'money' ? '0.00##' : undefined;
      if (format) for (const row of item.rows) NUMBER_FORMATS.set(activePath(item.key, row.key, c.key), format);
    }
  }
}

/**
 * A table cell's style, one object per kind: ExcelJS registers a style once per style object
 * (never mutated), where a style set piece by piece would be serialised anew for every cell.
 * Numbers and text are kept apart because ExcelJS gives numbers a number format by default.
 */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();
function sharedStyle(horizontal: 'left' | 'center', numFmt: string | undefined, numeric: boolean): Partial<ExcelJS.Style> {
  const key = `${horizontal} ${numFmt ?? ''} ${numeric}`;
  let style = STYLES.get(key);
  if (!style) {
    style = { font: FONT, border: BORDER, alignment: { horizontal, vertical: 'middle', wrapText: true }, ...(numFmt ? { numFmt } : {}) };
    STYLES.set(key, style);
  }
  return style;
}
const LINE_HEIGHT = 14;

/** Display width of a text in Excel units (CJK characters count double). */
const textWidth = (s: string) => [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e7f ? 2.1 : 1.1), 0);

/** One statutory table in its official layout, on a sheet of its own; returns the sheet (the caller commits it). */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, title: string, grid: Grid): ExcelJS.Worksheet {
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
  placeGrid(grid).forEach((row, r) => {
    for (const { cell, col, continues } of row) {
      if (continues) continue;
      const r0 = top + r;
      const c0 = col + 1;
      if (cell.colspan > 1 || cell.rowspan > 1) ws.mergeCells(r0, c0, r0 + cell.rowspan - 1, c0 + cell.colspan - 1);
      const value = cell.kind === 'value' ? cell.value ?? null : cell.text;
      const format = cell.kind === 'value' && cell.path ? NUMBER_FORMATS.get(cell.path) : undefined;
      const style = sharedStyle(cell.kind === 'label' ? 'left' : 'center', format, typeof value === 'number');
      if (value !== null) ws.getCell(r0, c0).value = value;
      // Every cell of a merged area is styled, so the outline is complete in every viewer.
      for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) ws.getCell(r0 + dr, c0 + dc).style = style;
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
  return ws;
}
