import type { Grid } from './grid.ts';
import { placeGrid, type PlacedCell } from './placed.ts';

/**
 * A statutory table drawn by pdfkit the way Word lays out the DOCX table: rows are never split,
 * a page break repeats the header rows in force (the merged statutory header, or in table 二 the
 * item's own two header rows), header rows stay with the row after them, and a merged cell cut
 * by a page break is drawn as one box per page with its text in the tallest part.
 */

const FONT_SIZE = 10.5;
const CELL_PAD = { x: 2.85, y: 0 };
const MIN_ROW = 14;

/** Share of the table width per grid column (the proportions of the Word tables, docx.ts). */
function columnShares(grid: Grid): number[] {
  const even = (n: number, total: number) => Array.from({ length: n }, () => total / n);
  switch (grid.key) {
    case 'active':
      return [0.31, ...even(grid.width - 1, 0.69)];
    case 'requests':
      return [0.077, 0.108, 0.26, ...even(grid.width - 3, 0.555)];
    case 'review':
      return even(grid.width, 1);
  }
}

export interface TableLayout {
  grid: Grid;
  placed: PlacedCell[][];
  xs: number[];
  widths: number[];
  heights: number[];
  textHeight: Map<object, number>;
  /** Registered name of the table face. */
  font: string;
  /** For each row, the header rows repeated above it after a page break (empty for header rows). */
  headerRows: number[][];
}

const isHeaderRow = (placed: PlacedCell[]) => placed.every((p) => p.cell.kind === 'header' || p.cell.kind === 'note');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const cellTextOptions = (w: number) => ({ width: w - 2 * CELL_PAD.x, lineGap: 0 });

/** Column positions, row heights and header blocks of a grid at a table width. */
export function measureTable(doc: PDFKit.PDFDocument, grid: Grid, font: string, left: number, width: number): TableLayout {
  const widths = columnShares(grid).map((s) => s * width);
  const xs = widths.map((_, i) => left + sum(widths.slice(0, i)));
  const placed = placeGrid(grid);
  const cellWidth = (p: PlacedCell) => sum(widths.slice(p.col, p.col + p.cell.colspan));
  doc.font(font).fontSize(FONT_SIZE);

  // Single-row cells set their row's height; taller merged cells share the deficit among their rows.
  const heights = grid.rows.map(() => MIN_ROW);
  const textHeight = new Map<object, number>();
  for (const p of placed.flat()) {
    if (p.continues) continue;
    const h = p.cell.text ? doc.heightOfString(p.cell.text, cellTextOptions(cellWidth(p))) : 0;
    textHeight.set(p.cell, h);
    if (p.cell.rowspan === 1) heights[p.row] = Math.max(heights[p.row]!, h + 2 * CELL_PAD.y);
  }
  for (const p of placed.flat()) {
    if (p.continues || p.cell.rowspan === 1) continue;
    const have = sum(heights.slice(p.row, p.row + p.cell.rowspan));
    const need = textHeight.get(p.cell)! + 2 * CELL_PAD.y;
    if (have < need) for (let r = p.row; r < p.row + p.cell.rowspan; r++) heights[r]! += (need - have) / p.cell.rowspan;
  }

  const headerRows: number[][] = [];
  let block: number[] = [];
  placed.forEach((row, r) => {
    if (isHeaderRow(row)) {
      if (r === 0 || !isHeaderRow(placed[r - 1]!)) block = [];
      block.push(r);
      headerRows.push([]);
    } else {
      headerRows.push(block);
    }
  });
  return { grid, placed, xs, widths, heights, textHeight, font, headerRows };
}

/** Height of a header block with the first row after it: what must fit for the block to start on a page. */
function blockHeight(t: TableLayout, r: number): number {
  let end = r;
  while (end < t.heights.length - 1 && t.headerRows[end]!.length === 0 && t.headerRows[end + 1]!.length === 0) end++;
  if (t.headerRows[end]!.length === 0 && end + 1 < t.heights.length) end++;
  return sum(t.heights.slice(r, end + 1));
}

/** Height the table needs on the page it starts on (its header with its first row). */
export function startHeight(t: TableLayout): number {
  return blockHeight(t, 0);
}

interface Placement {
  row: number;
  y: number;
}

/** Rows per page, with the header rows repeated at the top of each continuation page. */
function paginate(t: TableLayout, top: number, pageTop: number, bottom: number): Placement[][] {
  const pages: Placement[][] = [[]];
  let y = top;
  for (let r = 0; r < t.heights.length; r++) {
    const header = t.headerRows[r]!.length === 0;
    const need = header ? blockHeight(t, r) : t.heights[r]!;
    const fresh = pages.at(-1)!.length === 0 && y <= pageTop + 0.5;
    if (y + need > bottom && !fresh) {
      pages.push([]);
      y = pageTop;
      if (!header) {
        for (const h of t.headerRows[r]!) {
          pages.at(-1)!.push({ row: h, y });
          y += t.heights[h]!;
        }
      }
    }
    pages.at(-1)!.push({ row: r, y });
    y += t.heights[r]!;
  }
  return pages;
}

/**
 * Draws the table from `top` on the current page, adding pages as needed (the page's bottom margin
 * is the limit). Returns the y below the table on the last page.
 */
export function drawTable(doc: PDFKit.PDFDocument, t: TableLayout, top: number): number {
  const pageTop = doc.page.margins.top;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const pages = paginate(t, top, pageTop, bottom);
  const savedBottom = doc.page.margins.bottom;
  let end = top;
  pages.forEach((page, pg) => {
    if (pg > 0) doc.addPage();
    doc.page.margins.bottom = 0; // text is placed by hand; never let it open a page
    doc.lineWidth(0.6).strokeColor('#000000');
    const yOf = new Map(page.map((p) => [p.row, p.y]));
    for (const p of t.placed.flat()) {
      if (p.continues) continue;
      const rows = Array.from({ length: p.cell.rowspan }, (_, i) => p.row + i);
      const here = rows.filter((r) => yOf.has(r));
      if (here.length === 0) continue;
      const x = t.xs[p.col]!;
      const w = sum(t.widths.slice(p.col, p.col + p.cell.colspan));
      const y = yOf.get(here[0]!)!;
      const h = sum(here.map((r) => t.heights[r]!));
      doc.rect(x, y, w, h).stroke();
      if (!p.cell.text || !holdsText(t, pages, p, pg)) continue;
      const th = t.textHeight.get(p.cell)!;
      doc.font(t.font).fontSize(FONT_SIZE).fillColor('#000000');
      doc.text(p.cell.text, x + CELL_PAD.x, y + Math.max(CELL_PAD.y, (h - th) / 2), {
        ...cellTextOptions(w),
        align: p.cell.kind === 'label' ? 'left' : 'center',
      });
    }
    const last = page.at(-1);
    if (last) end = last.y + t.heights[last.row]!;
    doc.page.margins.bottom = savedBottom;
  });
  return end;
}

/** Whether the cell's text goes on this page: every page that holds it whole, else the page with its tallest part. */
function holdsText(t: TableLayout, pages: Placement[][], p: PlacedCell, pg: number): boolean {
  const part = (page: Placement[]) => sum(page.filter((q) => q.row >= p.row && q.row < p.row + p.cell.rowspan).map((q) => t.heights[q.row]!));
  const whole = sum(t.heights.slice(p.row, p.row + p.cell.rowspan));
  const mine = part(pages[pg]!);
  if (mine >= whole - 0.01) return true;
  const parts = pages.map(part);
  return parts.indexOf(Math.max(...parts)) === pg;
}
