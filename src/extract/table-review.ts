import { placePath, reviewRowPaths } from '../schema/cells.ts';
import { rowHolds } from '../schema/identities.ts';
import { labelMatches } from '../schema/labels.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUPS, REVIEW_GROUP_KEYS } from '../schema/review.ts';
import type { ReviewTable } from '../schema/types.ts';
import type { Cell, Line } from './cells.ts';
import { blankSlot, cellSlot, digitSlot, fitRow, notedSlot, sameSlot, slotValue, type FitResult, type Slot } from './fit.ts';
import { reviewReadings } from './review-readings.ts';
import { valuesAfter, type Recorder } from './record.ts';
import type { TableSpan } from './table-requests.ts';
import { blanksByGaps, readingWithBlanks } from './gap-blanks.ts';
import { joinWrappedGroups } from './wrapped-groups.ts';

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
  lines?: readonly Line[],
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
  const stroked = byRow ? null : strokeRow(stream, start, to, rec);
  let groups: Slot[][];
  let last: number;
  if (byRow) {
    ({ groups, last } = byRow);
  } else if (stroked) {
    ({ groups, last } = stroked);
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
    const apart = new Set(cells.map((c) => c.row)).size > 1;
    let fit = fitRow(cells, ALL, groupsHold);
    const byGaps = lines && !apart && fit.readings ? placedByGaps(cells, fit.readings, lines) : null;
    if (byGaps) fit = { slots: byGaps, code: 'row-short', printed: cells.length, note: `只有${cells.length}个单元格，应为${ALL}个；按版面中数值之间的空距（空一格处相隔两个列距）唯一确定空白的位置，各组总计等于各项之和（空白计 0）` };
    else fit = byReadingsAlike(fit, cells, apart);
    groups = REVIEW_GROUP_KEYS.map((_, g) => fit.slots.slice(g * PER_GROUP, (g + 1) * PER_GROUP));
    last = Math.max(start, j - 1);
    // Values on several lines, two groups or more not adding up (or no reading at all): numbers a narrow cell
    // wrapped, joined by column when one way of cutting them into groups balances every group (every value
    // gathered: the cells end a run).
    const unread = brokenGroups(groups).length >= 2 || fit.slots.every((s) => s.cell === null);
    const joined = apart && lines && unread && (j >= to || stream[j]!.kind !== 'value') ? joinWrappedGroups(cells, lines) : null;
    if (joined) {
      groups = joined.map((g) => g.slots);
      joined.forEach((g, n) => {
        const path = placePath({ table: 'review', row: REVIEW_GROUP_KEYS[n]! });
        const name = REVIEW_GROUPS[n]!.label;
        if (g.whole) rec.note('row-wrapped-joined', `表四“${name}”组的数字在窄单元格中折行，已按所在列把上下行的数字拼接，五列齐全；各组按列序只有一种划分使每组总计等于各项之和`, path, stream[i]);
        else rec.note('cells-undetermined', `表四“${name}”组的数字在窄单元格中折行，已按所在列把上下行的数字拼接；各组按列序只有一种划分使每组总计等于各项之和，该组印有的数值少于五个，已读取总计，哪几列空白无法确定，其余各列按空白处理`, path, stream[i]);
      });
    } else {
      if (fit.note) rec.note(fit.code!, `表四：${fit.note}`, 'review', stream[i], { actual: fit.printed, expected: ALL });
      if (apart) misreadGroups(groups, rec, stream[i]);
    }
  }

  const table: ReviewTable = {};
  REVIEW_GROUP_KEYS.forEach((key, g) => {
    table[key] = groups[g]!.map((slot, c) => rec.value(CELL_PATHS[g]![c]!, slot));
  });
  return { table, span: { first: start, last } };
}

/**
 * The reading of a row printing fewer than fifteen values on one line whose blank cells the gaps between its
 * values show, when each group's total is then exactly the sum of what was printed (a blank printed empty counts
 * as 0): null otherwise.
 */
function placedByGaps(cells: readonly Cell[], readings: { blanks: () => Slot[][] | null }, lines: readonly Line[]): Slot[] | null {
  // The gaps first: the readings with blank cells put back are worked out only when the line shows where they go.
  const blanks = blanksByGaps(cells, ALL, lines);
  const withBlanks = blanks ? readings.blanks() : null;
  const reading = withBlanks ? readingWithBlanks(withBlanks, blanks!) : null;
  return reading && groupsHold(reading.map((s) => slotValue(s) ?? 0)) ? reading : null;
}

/**
 * A row of digit runs that its fit left ambiguous, or read with blank cells put back as if unique (blank totals
 * were not weighed: a total the report left blank, its items 0 or blank, is one more reading): the cells alike
 * in every reading (`agreedCells`). A reading unique among them all stands; with none alike, a row read as if
 * unique is left blank. Values on several lines may be pieces of wrapped numbers: not weighed here.
 */
function byReadingsAlike(fit: FitResult, cells: readonly Cell[], apart: boolean): FitResult {
  const putBack = fit.code === 'digit-run-split' && fit.slots.some((s) => s.cell === null);
  if (fit.code !== 'digit-run-ambiguous' && !putBack) return fit;
  const agreed = apart ? null : agreedCells(cells);
  if (!agreed) {
    if (!putBack) return fit;
    return { slots: fit.slots.map(() => blankSlot('连写数字有多种读法，此格无法确定')), code: 'digit-run-ambiguous', printed: cells.length, note: `印有${cells.length}个数值，应为${ALL}个；各值的拆分与空白单元格（包括留空的总计）的位置有多种读法，无法唯一确定` };
  }
  if (putBack && agreed.count === 1) return fit;
  return { slots: agreed.slots, code: 'cells-undetermined', printed: cells.length, note: `印有${cells.length}个数值，应为${ALL}个；各值的拆分与空白单元格的位置有${agreed.count}种读法都使各组总计等于各项之和，${agreed.named}在每种读法下都相同，已读取，其余各格无法确定，按空白处理` };
}

/**
 * The cells every reading of a row of digit runs puts alike (the same printed digits in the same cell), the
 * others blank. The readings (`reviewReadings`) cut the runs and put blank cells back, each balancing every
 * group. Null when they are too many to list, or agree on no printed value.
 */
function agreedCells(cells: readonly Cell[]): { slots: Slot[]; named: string; count: number } | null {
  const all = reviewReadings(cells);
  const [first] = all ?? [];
  if (!all || !first) return null;
  const agreed = first.map((slot, c) => slot.cell !== null && all.every((r) => sameSlot(r[c]!, slot)));
  if (!agreed.some(Boolean)) return null;
  const note = `连写数字有${all.length}种读法，此格在每种读法下都相同`;
  const slots = first.map((slot, c) => (agreed[c] ? notedSlot(slot, note) : blankSlot('连写数字有多种读法，此格无法确定')));
  const named = REVIEW_GROUPS.flatMap((g, n) => {
    const cols = REVIEW_COLUMN_KEYS.flatMap((_, c) => (agreed[n * PER_GROUP + c] ? [c] : []));
    return cols.length === PER_GROUP ? [`“${g.label}”组五格`] : cols.length ? [`“${g.label}”组${cols.length}格`] : [];
  });
  return { slots, named: named.join('、'), count: all.length };
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

/** What OCR prints for the digit 1 when it takes it for a stroke. */
const STROKES = new Set(['|', '丨', 'l', 'I', ']', '[']);

/**
 * The row of fifteen values with one cell printed as a stroke ("9 | 6 0 16 …", OCR's reading of a
 * 1): the stroke is read as 1 only when its group's identity (总计 = the sum of its parts) says the
 * cell is exactly 1; otherwise it is blank with the reason. Null when there is no such row.
 */
function strokeRow(stream: readonly Cell[], start: number, to: number, rec: Recorder): { groups: Slot[][]; last: number } | null {
  for (let i = start; i < to; i++) {
    if (i > start && stream[i - 1]!.row === stream[i]!.row) continue;
    let j = i;
    while (j < to && stream[j]!.row === stream[i]!.row) j++;
    const cells = stream.slice(i, j);
    const strokes = cells.filter((c) => c.kind === 'label');
    if (cells.length !== ALL || strokes.length !== 1 || !STROKES.has(strokes[0]!.text.trim()) || cells.some((c) => c.kind === 'text')) continue;
    const k = cells.indexOf(strokes[0]!);
    const g = Math.floor(k / PER_GROUP);
    const part = cells.slice(g * PER_GROUP, (g + 1) * PER_GROUP).map((c) => (c.value?.kind === 'number' ? c.value.value : null));
    const at = k - g * PER_GROUP;
    const others = part.filter((_, n) => n !== at);
    const implied = others.some((v) => v === null) ? null : at === PER_GROUP - 1 ? others.reduce<number>((a, b) => a + b!, 0) : others[PER_GROUP - 2]! - others.slice(0, PER_GROUP - 2).reduce<number>((a, b) => a + b!, 0);
    const stroke = strokes[0]!;
    const slots: Slot[] = cells.map(cellSlot);
    if (implied === 1) {
      slots[k] = digitSlot(stroke, stroke.start, stroke.end, '1', `印为“${stroke.text.trim()}”（数字 1 的常见误识），该组总计只在此格为 1 时与各项之和相等，读作 1`);
    } else {
      slots[k] = blankSlot();
      rec.note('row-short', `表四：一格印为“${stroke.text.trim()}”，不能确定是数值 1（该组勾稽关系${implied === null ? '无法核对' : `要求此格为 ${implied}`}），按空白处理`, placePath({ table: 'review', row: REVIEW_GROUP_KEYS[g]! }), stroke, { actual: stroke.text.trim() });
    }
    return { groups: REVIEW_GROUP_KEYS.map((_, n) => slots.slice(n * PER_GROUP, (n + 1) * PER_GROUP)), last: j - 1 };
  }
  return null;
}

/**
 * Values gathered from several printed lines whose groups' totals are not their sums, two groups or more: the
 * pieces of numbers a narrow cell wrapped above and below the line ("1228" / "2048 …" / "8"), not the report's
 * sums. Those groups are left blank. Values printed on one line keep the report's sums, for the checks.
 */
function misreadGroups(groups: Slot[][], rec: Recorder, at: Cell | undefined): void {
  const broken = brokenGroups(groups);
  if (broken.length < 2) return;
  const names = broken.map((k) => `“${REVIEW_GROUPS.find((d) => d.key === k)!.label}”`).join('');
  const message = `表四的数值分印在几行，${names}各组的总计都不等于各项之和，疑为折行的数字，这些组按空白处理`;
  rec.note('row-misread', message, 'review', at);
  for (const key of broken) groups[REVIEW_GROUP_KEYS.indexOf(key)] = Array.from({ length: PER_GROUP }, () => blankSlot(message));
}

/** The groups whose total is not the sum of their other values. */
const brokenGroups = (groups: readonly Slot[][]) => REVIEW_GROUP_KEYS.filter((_, g) => !groupsHold(groups[g]!.map(slotValue)));
