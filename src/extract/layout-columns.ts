import { centreOf, type Cell, type Line } from './cells.ts';

/**
 * Where the values of a short row stand, in text laid out as printed (`pdftotext -layout`): a blank cell
 * leaves a gap and each value stands under its column. pdftotext gives every character one column, CJK or
 * digit, and squeezes a line whose label is long, so a line's offsets are only roughly the page's: a column
 * is taken where most rows printed in full agree on it, and a value is placed only when it stands close to
 * one column and clearly apart from every other. Text not laid out in columns gives no columns.
 */

/** How far (in columns of the line) a value's centre may stand from its column's. */
const NEAR = 2;
/** How far it must stand from every other column. */
const APART = 3.5;
/** Rows printed in full a table needs for its columns. */
const MIN_ROWS = 3;
/** The share of those rows whose value must stand near the column's median. */
const AGREEING = 2 / 3;

/** Whether the cells stand on one line with nothing but spaces between them. */
function spacedOnOneLine(cells: readonly Cell[], lines: readonly Line[]): boolean {
  const [first] = cells;
  const line = first ? lines[first.line] : undefined;
  if (!line || cells.some((c) => c.line !== line.index)) return false;
  for (let k = 1; k < cells.length; k++) {
    if (!/^ +$/.test(line.text.slice(cells[k - 1]!.end - line.start, cells[k]!.start - line.start))) return false;
  }
  return true;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The centres of a table's columns from its rows printed in full (each on one line, spaces between its values):
 * per column the median, kept only when at least MIN_ROWS rows are laid out so and most stand within NEAR of it.
 * Null when the text shows no columns.
 */
export function layoutColumns(fullRows: readonly (readonly Cell[])[], lines: readonly Line[]): number[] | null {
  const laidOut = fullRows.filter((row) => spacedOnOneLine(row, lines));
  if (laidOut.length < MIN_ROWS || new Set(laidOut.map(([first]) => first!.line)).size !== laidOut.length) return null;
  const centres: number[] = [];
  for (let c = 0; c < laidOut[0]!.length; c++) {
    const at = laidOut.map((row) => centreOf(row[c]!, lines));
    const middle = median(at);
    if (at.filter((x) => Math.abs(x - middle) <= NEAR).length < AGREEING * at.length) return null;
    centres.push(middle);
  }
  for (let c = 1; c < centres.length; c++) if (centres[c]! - centres[c - 1]! < APART) return null;
  return centres;
}

/** The column a value stands in: within NEAR of one column's centre and at least APART from every other; else null. */
export function columnOf(cell: Cell, centres: readonly number[], lines: readonly Line[]): number | null {
  const centre = centreOf(cell, lines);
  const near = centres.findIndex((x) => Math.abs(x - centre) <= NEAR);
  return near >= 0 && centres.every((x, c) => c === near || Math.abs(x - centre) >= APART) ? near : null;
}

/**
 * The column each value of a short row stands in (`columnOf`), or null for the whole row when it is not laid
 * out on one line.
 */
export function columnsOfValues(cells: readonly Cell[], centres: readonly number[], lines: readonly Line[]): (number | null)[] | null {
  return spacedOnOneLine(cells, lines) ? cells.map((cell) => columnOf(cell, centres, lines)) : null;
}
