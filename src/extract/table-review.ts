import { placePath, reviewRowPaths } from '../schema/cells.ts';
import { rowHolds } from '../schema/identities.ts';
import { labelMatches } from '../schema/labels.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUPS, REVIEW_GROUP_KEYS } from '../schema/review.ts';
import type { ReviewTable } from '../schema/types.ts';
import type { Cell } from './cells.ts';
import { fitRow, type Slot } from './fit.ts';
import { valuesAfter, type Recorder } from './record.ts';
import type { TableSpan } from './table-requests.ts';

const PER_GROUP = REVIEW_COLUMN_KEYS.length;
const ALL = PER_GROUP * REVIEW_GROUPS.length;
const CELL_PATHS = REVIEW_GROUP_KEYS.map(reviewRowPaths);
const groupsHold = rowHolds('review');

export function isReviewAnchor(cell: Cell): boolean {
  return cell.kind === 'label' && labelMatches(REVIEW_GROUPS[0], cell.key);
}

/**
 * Reads table 四 from [from, to). The usual layout prints three header rows and
 * then the 15 values in one row; some reports print one row per group
 * ("<group> | 0 | 0 | 0 | 0 | 0"), which is read by the group labels.
 */
export function extractReview(
  stream: readonly Cell[],
  from: number,
  to: number,
  rec: Recorder,
): { table: ReviewTable; span: TableSpan | null } {
  const start = stream.findIndex((c, i) => i >= from && i < to && isReviewAnchor(c));
  if (start < 0) return { table: {}, span: null };

  for (let i = start; i < to && stream[i]!.kind !== 'text'; i++) {
    const c = stream[i]!;
    if (c.kind !== 'label') continue;
    REVIEW_GROUPS.forEach((g) => {
      if (labelMatches(g, c.key) && !rec.labels[placePath({ table: 'review', row: g.key })]) rec.label(placePath({ table: 'review', row: g.key }), c);
    });
  }
  const byRow = readGroupRows(stream, start, to);
  let groups: Slot[][];
  let last: number;
  if (byRow) {
    ({ groups, last } = byRow);
  } else {
    // The values start at the first row that holds only values, not all blank.
    let i = start;
    while (i < to && !isValueRow(stream, i, to)) i++;
    if (i >= to) i = trailingValues(stream, start, to);
    const cells: Cell[] = [];
    let j = i;
    while (j < to && stream[j]!.kind === 'value' && cells.length < ALL + 4) cells.push(stream[j++]!);
    if (cells.every((c) => c.value?.kind === 'empty')) {
      rec.note('table-empty', '表四只有表头，没有数值', 'review');
    }
    const fit = fitRow(cells, ALL, groupsHold);
    if (fit.note) rec.note(fit.code!, `表四：${fit.note}`, 'review', stream[i], { actual: fit.printed, expected: ALL });
    groups = REVIEW_GROUP_KEYS.map((_, g) => fit.slots.slice(g * PER_GROUP, (g + 1) * PER_GROUP));
    last = Math.max(start, j - 1);
  }

  const table: ReviewTable = {};
  REVIEW_GROUP_KEYS.forEach((key, g) => {
    table[key] = groups[g]!.map((slot, c) => rec.value(CELL_PATHS[g]![c]!, slot));
  });
  return { table, span: { first: start, last } };
}

function readGroupRows(stream: readonly Cell[], start: number, to: number): { groups: Slot[][]; last: number } | null {
  const groups: Slot[][] = [];
  let i = start;
  let last = start;
  for (const def of REVIEW_GROUPS) {
    while (i < to && !(stream[i]!.kind === 'label' && labelMatches(def, stream[i]!.key))) i++;
    if (i >= to) return null;
    let { cells, next } = valuesAfter(stream, i, to, PER_GROUP);
    if (!cells.some((c) => c.value?.kind !== 'empty')) {
      // A group printed as a table of its own: caption row, header row, then its values.
      let j = i + 1;
      while (j < to && !isValueRow(stream, j, to) && !REVIEW_GROUPS.some((g) => stream[j]!.kind === 'label' && labelMatches(g, stream[j]!.key))) j++;
      if (j >= to || !isValueRow(stream, j, to)) return null;
      const row = stream[j]!.row;
      for (next = j; next < to && stream[next]!.row === row; next++);
      cells = stream.slice(j, next);
    }
    const fit = fitRow(cells, PER_GROUP, groupsHold);
    groups.push(fit.slots);
    last = next - 1;
    i = next;
  }
  return { groups, last };
}

function isValueRow(stream: readonly Cell[], i: number, to: number): boolean {
  const row = stream[i]!.row;
  if (i > 0 && stream[i - 1]!.row === row) return false;
  let printed = false;
  for (let j = i; j < to && stream[j]!.row === row; j++) {
    if (stream[j]!.kind !== 'value') return false;
    if (stream[j]!.value?.kind !== 'empty') printed = true;
  }
  return printed;
}

/**
 * The values printed at the end of the last header row (a converter joined the header and
 * the value row): the one run of exactly fifteen values that ends a row after a label, or `to`.
 */
function trailingValues(stream: readonly Cell[], start: number, to: number): number {
  const runs: number[] = [];
  for (let i = start + 1; i < to; i++) {
    const c = stream[i]!;
    if (c.kind !== 'value' || stream[i - 1]!.kind !== 'label' || stream[i - 1]!.row !== c.row) continue;
    let j = i;
    while (j < to && stream[j]!.kind === 'value' && stream[j]!.row === c.row) j++;
    if (j - i === ALL && (j >= to || stream[j]!.row !== c.row) && stream.slice(i, j).some((v) => v.value?.kind === 'number')) runs.push(i);
  }
  return runs.length === 1 ? runs[0]! : to;
}
