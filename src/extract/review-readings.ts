import { REVIEW_COLUMN_KEYS, REVIEW_GROUPS } from '../schema/review.ts';
import type { Cell } from './cells.ts';
import { blankSlot, slotValue, splitsInto, type Slot } from './fit.ts';
import { columnChoices } from './layout-columns.ts';

const PER_GROUP = REVIEW_COLUMN_KEYS.length;
const ALL = PER_GROUP * REVIEW_GROUPS.length;
/** Readings listed at most: past it the list would be incomplete, and no cell is read from it. */
const MAX_READINGS = 20_000;
const BLANK = '少印的空白单元格';

/** Cuts of the values into groups tried at most (each checked in a few steps): past it no cell is read. */
const MAX_CUTS = 1_000_000;

/** The group's cells with `values` in `places`, the others blank. */
const groupOf = (values: readonly Slot[], places: readonly number[]): Slot[] =>
  Array.from({ length: PER_GROUP }, (_, c) => (places.includes(c) ? values[places.indexOf(c)]! : blankSlot(BLANK)));

/**
 * The ways one group of table 四 may hold `values` in order, its other cells blank: its total (the last cell)
 * is the sum of its items, a blank counting as 0 (a cell the report left empty). So the last value is the total
 * and the sum of the others, or every value is 0 and the total blank. The table's very last cell may instead
 * be lost at the page edge: then the values are items, unchecked.
 */
function groupPlacements(values: readonly Slot[], last: boolean): Slot[][] {
  const numbers = values.map((s) => slotValue(s) ?? 0);
  const items = numbers.slice(0, -1).reduce((a, b) => a + b, 0);
  const out: Slot[][] = [];
  // The last value in the total's cell, the others among the items'.
  if (values.length && numbers[numbers.length - 1] === items) {
    for (const places of columnChoices(values.length - 1, PER_GROUP - 1)) out.push(groupOf(values, [...places, PER_GROUP - 1]));
  }
  // The total blank: every value an item, all of them 0 (or the table's last cell lost).
  if (values.length < PER_GROUP && (last || numbers.every((n) => n === 0))) {
    for (const places of columnChoices(values.length, PER_GROUP - 1)) out.push(groupOf(values, places));
  }
  return out;
}

/**
 * Every reading of table 四 printed as values in a row, fewer than its cells or with digit runs: the runs cut into cells (as
 * `splitsInto` allows), the values cut in order into the three groups, each group's values placed among its
 * cells so that it balances (`groupPlacements`). It holds the printed table whenever the report's sums are
 * right. Null when there would be more than MAX_READINGS.
 */
export function reviewReadings(cells: readonly Cell[]): Slot[][] | null {
  const out: Slot[][] = [];
  let tried = 0;
  for (let count = cells.length; count <= ALL; count++) {
    const splits = splitsInto(cells, count);
    if (!splits) return null;
    for (const values of splits) {
      for (let a = 0; a <= Math.min(PER_GROUP, count); a++) {
        const first = groupPlacements(values.slice(0, a), false);
        if (!first.length) continue;
        for (let b = a; b <= Math.min(a + PER_GROUP, count); b++) {
          if (count - b > PER_GROUP) continue;
          if (++tried > MAX_CUTS) return null;
          const second = groupPlacements(values.slice(a, b), false);
          const third = second.length ? groupPlacements(values.slice(b), true) : [];
          for (const g0 of first) for (const g1 of second) for (const g2 of third) {
            out.push([...g0, ...g1, ...g2]);
            if (out.length > MAX_READINGS) return null;
          }
        }
      }
    }
  }
  return out;
}
