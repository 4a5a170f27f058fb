import { centreOf, type Cell, type Line } from './cells.ts';
import { blankSlot, cellSlot, type Slot } from './fit.ts';
import { columnChoices, spacedOnOneLine } from './layout-columns.ts';

/**
 * A row of table 二 printing fewer values than its item has columns, in text laid out as printed
 * (`pdftotext -layout`): a blank cell is printed empty, so each value stands under its column. Table 二 has
 * no identity to catch a value put in the wrong column, so a value is placed only where the item's rows
 * printed in full, on their own lines, show every column in one place, and one placement alone puts every
 * value within NEAR of its column while every other placement leaves some value APART from its column.
 */

/** How far (in columns of the line) a value may stand from its column's place. */
const NEAR = 2;
/** How far a value must stand from the column another placement would put it in. */
const APART = 4;

/** The note of a cell the row did not print. */
const UNPRINTED = '该行未印此单元格';

/**
 * Where the item's columns stand: the centres of its full rows' values, when every full row (each on one line,
 * spaces between its values) puts each column within NEAR of the others' and the columns stand at least twice
 * APART from each other (text laid out as printed, not values a single space apart). Null otherwise.
 */
export function itemColumns(fullRows: readonly (readonly Cell[])[], lines: readonly Line[]): number[] | null {
  const laidOut = fullRows.filter((cells) => spacedOnOneLine(cells, lines));
  if (!laidOut.length || laidOut.length < fullRows.length) return null;
  const width = laidOut[0]!.length;
  const centres: number[] = [];
  for (let c = 0; c < width; c++) {
    const at = laidOut.map((cells) => centreOf(cells[c]!, lines));
    if (Math.max(...at) - Math.min(...at) > NEAR) return null;
    centres.push(at.reduce((a, b) => a + b, 0) / at.length);
  }
  return centres.every((x, c) => c === 0 || x - centres[c - 1]! >= 2 * APART) ? centres : null;
}

/**
 * The slots of a short row placed by where its values stand (each whole, spaced on one line), or null when the
 * layout does not place them beyond doubt.
 */
export function placeByColumns(cells: readonly Cell[], centres: readonly number[], lines: readonly Line[]): Slot[] | null {
  if (!cells.length || cells.length >= centres.length || !spacedOnOneLine(cells, lines)) return null;
  if (cells.some((c) => c.value?.kind !== 'number')) return null;
  const at = cells.map((c) => centreOf(c, lines));
  const worst = (cols: readonly number[]) => Math.max(...cols.map((col, n) => Math.abs(at[n]! - centres[col]!)));
  const fitting = [...columnChoices(cells.length, centres.length)].filter((cols) => worst(cols) < APART);
  if (fitting.length !== 1 || worst(fitting[0]!) > NEAR) return null;
  const [cols] = fitting as [number[]];
  return centres.map((_, c) => (cols.includes(c) ? cellSlot(cells[cols.indexOf(c)]!) : blankSlot(UNPRINTED)));
}
