import type { TextPiece } from './blocks.ts';

/**
 * A table's grid with merged cells resolved, shared by the HTML and Word readers.
 *
 * A cell that spans columns leaves empty grid positions after its text. When a
 * header cell and the data cells under it span the same grid columns (a column label
 * printed across two grid columns, its numbers too), those empty positions sit between
 * the values and shift them against the header: label | 13 | 13 | (空) | 524.
 * `collapseSpans` drops every grid column in which no cell of its own starts — all
 * it holds is the empty rest of spans that started further left (or nothing) — so
 * data cells line up with their header by grid position. A column where any row
 * starts a cell, even an empty one, is kept: when the header spans two columns but
 * the data rows print two separate cells, nothing is dropped and nothing guessed.
 *
 * Columns are judged per band of rows between caption rows: a caption row
 * (an item caption across the whole table) is one cell from the first column to
 * the last, says nothing about the columns, and is kept as it is. Table 二 of the
 * 2019 template prints each item with its own spans (one column across two grid columns
 * in item (一), another in item (五)), so one item's columns must
 * not keep another's.
 */

/** One position of the grid. */
export interface GridSlot {
  piece: TextPiece;
  /** The printed cell covering this position: the same value for every position one cell spans. */
  cell: object;
  /** The cell's first row and column is here (its text sits here; the other positions of a span are empty). */
  start: boolean;
}

const EMPTY = (): TextPiece => ({ text: '', loc: {} });

/** Whether the row is a caption: one cell that starts in its first column and covers the whole width. */
function isCaption(row: readonly (GridSlot | undefined)[], width: number): boolean {
  const first = row[0];
  if (!first?.start || width < 2) return false;
  for (let c = 1; c < width; c++) if (row[c]?.cell !== first.cell) return false;
  return true;
}

/**
 * Rows of text pieces, every row as wide as the band it belongs to, with the
 * columns that only spans cover dropped (see above). Positions no cell covers
 * (a row shorter than the table) are empty pieces.
 */
export function collapseSpans(grid: readonly (readonly (GridSlot | undefined)[])[]): TextPiece[][] {
  const width = Math.max(0, ...grid.map((row) => row.length));
  const out: TextPiece[][] = [];
  const flush = (band: readonly (readonly (GridSlot | undefined)[])[]) => {
    if (!band.length) return;
    const kept: number[] = [];
    for (let c = 0; c < width; c++) if (band.some((row) => row[c]?.start)) kept.push(c);
    const columns = kept.length ? kept : Array.from({ length: width }, (_, c) => c);
    for (const row of band) out.push(columns.map((c) => row[c]?.piece ?? EMPTY()));
  };
  let band: (readonly (GridSlot | undefined)[])[] = [];
  for (const row of grid) {
    if (isCaption(row, width)) {
      flush(band);
      band = [];
      out.push(Array.from({ length: width }, (_, c) => row[c]?.piece ?? EMPTY()));
    } else {
      band.push(row);
    }
  }
  flush(band);
  return out;
}
