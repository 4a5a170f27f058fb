/**
 * The model of page layout shared by the PDF text layer (pdf.ts) and OCR (ocr.ts): positioned glyphs and
 * ruling lines in, lines of text with their runs, then tables (cells spanning rows and columns, possibly
 * over several pages) and paragraphs out. Coordinates are page units, y from the top.
 */

/** One character (or an unsplittable run) with its place on the page, y from the top. */
export interface Glyph {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Baseline (PDF) or bottom of the box (OCR). */
  base: number;
  /** Font size or character height. */
  size: number;
  /** OCR confidence, 0–100. */
  conf?: number;
  /** OCR: the recogniser's line and the glyph's place in it (word boxes can be wider than the word, so order is kept). */
  ocrLine?: number;
  seq?: number;
}

/** A ruling line as a thin rectangle (x0 < x1, y0 < y1), y from the top. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageInput {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  glyphs: Glyph[];
  rules: Rule[];
  /** Factor from page units to the units of locations (e.g. 72/200 for a 200 dpi render → PDF points). Default 1. */
  unit?: number;
  /** The glyphs come from OCR: looser spacing, boxes instead of font sizes. */
  ocr?: boolean;
}

export interface LayoutOptions {
  /** Glyphs come from OCR: looser spacing, no font sizes. */
  ocr?: boolean;
}

export interface CellPart {
  page: number;
  /** x0, y0, x1, y1 in page units. */
  rect: [number, number, number, number];
  glyphs: Glyph[];
}

export interface LayoutCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  parts: CellPart[];
  /** Set by a caller that re-read the cell (OCR of the cell image). */
  text?: string;
  conf?: number;
  openTop?: boolean;
  openBottom?: boolean;
}

export interface LayoutTable {
  kind: 'table';
  ruled: boolean;
  rows: number;
  cols: number;
  cells: LayoutCell[];
}

export interface LayoutParagraph {
  kind: 'paragraph';
  lines: Line[];
}

export type LayoutItem = LayoutTable | LayoutParagraph;

export interface Line {
  page: number;
  glyphs: Glyph[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  mid: number;
  size: number;
  frags: Frag[];
  text: string;
  /** Position in the document flow (pages stacked). */
  flow: number;
}

/** A run of glyphs on a line, separated from the next by a gap too wide for one cell or phrase. */
export interface Frag {
  glyphs: Glyph[];
  x0: number;
  x1: number;
  text: string;
  numeric: boolean;
}
