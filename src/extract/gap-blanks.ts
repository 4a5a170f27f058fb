import { centreOf, type Cell, type Line } from './cells.ts';
import { median, spacedOnOneLine } from './layout-columns.ts';
import type { Slot } from './fit.ts';

/**
 * Blank cells of a row laid out as printed (`pdftotext -layout`) seen as wider gaps: table 四 prints its
 * fifteen values on one line, a blank cell printed empty, so where the distance between two neighbouring
 * values is two column pitches, one cell between them is blank. The pitch is the median distance on the
 * line. Taken only when every distance is within SLACK of a whole number of pitches, the gaps account for
 * every missing cell (a blank at either end shows no gap), and the narrowest gap with a blank cell is wider
 * than the widest without one by half a pitch at least (pdftotext narrows empty space unevenly).
 */

/** How far (in pitches) a distance may stray from a whole number of pitches. */
const SLACK = 0.4;

/**
 * The columns left blank, as the gaps between the values show them; null when the line does not show them
 * beyond doubt.
 */
export function blanksByGaps(cells: readonly Cell[], width: number, lines: readonly Line[]): number[] | null {
  const missing = width - cells.length;
  if (missing <= 0 || cells.length < 3 || !spacedOnOneLine(cells, lines)) return null;
  const at = cells.map((c) => centreOf(c, lines));
  const distances = at.slice(1).map((x, n) => x - at[n]!);
  const pitch = median(distances);
  if (pitch <= 0) return null;
  const blanks: number[] = [];
  let column = 0;
  for (const d of distances) {
    const pitches = Math.round(d / pitch);
    if (pitches < 1 || Math.abs(d / pitch - pitches) > SLACK) return null;
    for (let k = 1; k < pitches; k++) blanks.push(column + k);
    column += pitches;
  }
  // A blank's gap stands clear of the widest gap between neighbouring cells, by half a pitch at least.
  const single = Math.max(...distances.filter((d) => Math.round(d / pitch) === 1));
  const wider = Math.min(...distances.filter((d) => Math.round(d / pitch) > 1));
  return column === width - 1 && wider - single >= pitch / 2 ? blanks : null;
}

/** The one reading whose blank cells are those the gaps show (none split from a run); null when there is not one. */
export function readingWithBlanks(readings: readonly Slot[][], blanks: readonly number[]): Slot[] | null {
  const fits = readings.filter((r) => r.every((slot, c) => (slot.cell === null) === blanks.includes(c) && slot.digits === undefined));
  return fits.length === 1 ? fits[0]! : null;
}
