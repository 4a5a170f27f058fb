import { centreOf, type Cell, type Line } from './cells.ts';
import type { Slot } from './fit.ts';

/**
 * Where the values of a short row stand, in text laid out as printed (`pdftotext -layout`): a blank cell
 * leaves a gap and each value stands under its column. pdftotext gives every character one column, CJK or
 * digit, and squeezes a line whose label is long, so a line's offsets are only roughly the page's: a column
 * is taken where most rows printed in full agree on it, and a value is placed only when it stands close to
 * one column and clearly apart from every other, and the distances between its values fit those between
 * the columns. Text not laid out in columns gives no columns. Where narrow cells wrapped the numbers
 * (wrapped-numbers.ts), the rows joined in full give the distances of the columns from the total.
 */

/** How far (in columns of the line) a value's centre may stand from its column's. */
const NEAR = 2;
/** How far it must stand from every other column. */
const APART = 3.5;
/** How much a line may be squeezed or stretched between two of its values, as a share of their columns' distance. */
const SQUEEZE = 0.35;
/** A placement fits the distances when none strays by more than this share of what rules a placement out. */
const FITS = 0.6;
/** Rows printed in full a table needs for its columns. */
export const MIN_ROWS = 3;
/** The share of those rows whose value must stand near the column's median. */
const AGREEING = 2 / 3;

/** Whether the cells stand on one line with nothing but spaces between them (their offsets are the page's). */
export function spacedOnOneLine(cells: readonly Cell[], lines: readonly Line[]): boolean {
  const [first] = cells;
  const line = first ? lines[first.line] : undefined;
  if (!line || cells.some((c) => c.line !== line.index)) return false;
  for (let k = 1; k < cells.length; k++) {
    if (!/^ +$/.test(line.text.slice(cells[k - 1]!.end - line.start, cells[k]!.start - line.start))) return false;
  }
  return true;
}

export const median = (xs: readonly number[]): number => {
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
  // The total, always printed last in a row, may stand closer to the column before it (pdftotext squeezes it).
  for (let c = 1; c < centres.length - 1; c++) if (centres[c]! - centres[c - 1]! < APART) return null;
  if (centres[centres.length - 1]! <= centres[centres.length - 2]!) return null;
  return centres;
}

/** The column a value stands in: within NEAR of one column's centre and at least APART from every other; else null. */
function columnOf(cell: Cell, centres: readonly number[], lines: readonly Line[]): number | null {
  const centre = centreOf(cell, lines);
  const near = centres.findIndex((x) => Math.abs(x - centre) <= NEAR);
  return near >= 0 && centres.every((x, c) => c === near || Math.abs(x - centre) >= APART) ? near : null;
}

/** A value of a row and the column a placement puts it in. */
interface Placed {
  cell: Cell;
  column: number;
}

/** The values a placement of a row puts in columns, with their columns. */
const placedOf = (placement: readonly Slot[]): Placed[] => placement.flatMap((slot, column) => (slot.cell ? [{ cell: slot.cell, column }] : []));

/**
 * How far the distances between a row's neighbouring values stray from those between the columns a placement
 * puts them in, as a share of what rules the placement out (APART, or SQUEEZE of a longer distance): 1 or more
 * rules it out. Distances, not offsets: a long label pushes the numbers of its line right, all alike, and
 * pdftotext squeezes a line a little.
 */
function misfit(placed: readonly Placed[], centres: readonly number[], lines: readonly Line[]): number {
  const at = placed.map(({ cell, column }) => ({ x: centreOf(cell, lines), column })).sort((a, b) => a.column - b.column);
  let worst = 0;
  for (let k = 1; k < at.length; k++) {
    const expected = centres[at[k]!.column]! - centres[at[k - 1]!.column]!;
    worst = Math.max(worst, Math.abs(at[k]!.x - at[k - 1]!.x - expected) / Math.max(APART, SQUEEZE * expected));
  }
  return worst;
}

/**
 * Of a row's placements, those the distances between its values keep (fitting within FITS of its columns);
 * all of them when the distances do not decide (some placement neither fits nor is ruled out) or keep none.
 */
export function allowedByDistances(placements: readonly Slot[][], centres: readonly number[], lines: readonly Line[]): Slot[][] {
  const misfits = placements.map((p) => misfit(placedOf(p), centres, lines));
  const kept = misfits.some((m) => m > FITS && m < 1) ? [] : placements.filter((_, k) => misfits[k]! <= FITS);
  return kept.length ? kept : [...placements];
}

/**
 * Of a row's placements, those the layout does not rule out: each value that stands clearly under a column
 * (`columnOf`) is put in it, and no distance between its values rules it out (`misfit`). None when the layout
 * contradicts every one.
 */
export function allowedByLayout(placements: readonly Slot[][], centres: readonly number[], lines: readonly Line[]): Slot[][] {
  return placements.filter((p) => {
    const placed = placedOf(p);
    return placed.every(({ cell, column }) => [null, column].includes(columnOf(cell, centres, lines))) && misfit(placed, centres, lines) < 1;
  });
}

/** Ways to choose `count` of the columns 0 … `of` − 1, in order. */
export function* columnChoices(count: number, of: number, from = 0): Generator<number[]> {
  if (count === 0) {
    yield [];
    return;
  }
  for (let c = from; c <= of - count; c++) for (const rest of columnChoices(count - 1, of, c + 1)) yield [c, ...rest];
}
