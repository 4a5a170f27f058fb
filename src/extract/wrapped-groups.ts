import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../schema/review.ts';
import { centreOf, type Cell, type Line } from './cells.ts';
import { blankSlot, type Slot } from './fit.ts';
import { CENTRE_TOLERANCE, slotOf, type Piece } from './wrapped-numbers.ts';

/**
 * Table 四's values when a narrow cell wrapped its numbers (a PDF through `pdftotext -layout`): the values
 * printed whole on one line, the upper pieces of wrapped ones on the line above and their lower pieces on the
 * line below, centred in the same column. Joined by column, then cut into the groups, each ending with its
 * total: kept only when one cut makes every group's total the sum of its other values.
 */

const PER_GROUP = REVIEW_COLUMN_KEYS.length;
const GROUPS = REVIEW_GROUP_KEYS.length;

/** A group read from wrapped numbers: its values in place, and whether it printed every column. */
export interface JoinedGroup {
  slots: Slot[];
  whole: boolean;
}

/**
 * The groups read from `cells`, the value cells of table 四 printed over three lines; null unless every cell is
 * a number, every piece above the middle line pairs with one below it, centre over centre, and exactly one cut
 * of the values in column order into the groups balances each. A group printing fewer values than columns
 * keeps only its total: which of its columns are blank no identity tells.
 */
export function joinWrappedGroups(cells: readonly Cell[], lines: readonly Line[]): JoinedGroup[] | null {
  if (!cells.length || cells.some((c) => c.value?.kind !== 'number' || !/^\d+$/.test(c.text))) return null;
  const at = [...new Set(cells.map((c) => c.line))].sort((a, b) => a - b);
  if (at.length !== 3 || at[2]! - at[0]! !== 2) return null;
  const width = Math.max(...cells.map((c) => c.text.length));
  const on = (y: number): Piece[] =>
    cells.filter((c) => c.line === y).map((cell) => ({ cell, centre: centreOf(cell, lines) }));
  const [upper, middle, lower] = at.map(on) as [Piece[], Piece[], Piece[]];
  const pairs = upper.length === lower.length && upper.every((u, n) => u.cell.text.length === width && Math.abs(u.centre - lower[n]!.centre) <= CENTRE_TOLERANCE);
  if (!pairs || !upper.length) return null;
  const values = [...middle.map((p) => ({ pieces: [p], centre: p.centre })), ...upper.map((u, n) => ({ pieces: [u, lower[n]!], centre: u.centre }))]
    .sort((a, b) => a.centre - b.centre)
    .map((v) => slotOf(v.pieces));
  const numbers = values.map((s) => Number(s.digits ?? s.cell!.text));
  const cuts = [...groupCuts(numbers, 0, GROUPS)];
  if (cuts.length !== 1) return null;
  let from = 0;
  return cuts[0]!.map((size) => {
    const group = values.slice(from, (from += size));
    if (size === PER_GROUP) return { slots: group, whole: true };
    const note = `该组印有${size}个数值，少于${PER_GROUP}个，哪几列空白无法由勾稽关系确定`;
    return { slots: [...Array.from({ length: PER_GROUP - 1 }, () => blankSlot(note)), group[size - 1]!], whole: false };
  });
}

/** The sizes of `groups` consecutive groups of `values` from `from`, each of one to PER_GROUP values ending with the sum of the rest. */
function* groupCuts(values: readonly number[], from: number, groups: number): Generator<number[]> {
  if (groups === 0) {
    if (from === values.length) yield [];
    return;
  }
  for (let size = 1; size <= PER_GROUP && from + size <= values.length; size++) {
    const group = values.slice(from, from + size);
    const total = group[size - 1]!;
    if (group.slice(0, -1).reduce((a, b) => a + b, 0) !== total) continue;
    for (const rest of groupCuts(values, from + size, groups - 1)) yield [size, ...rest];
  }
}
