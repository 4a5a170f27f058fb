import type { NoteCode } from '../schema/notes.ts';
import type { Cell } from './cells.ts';
import { isDigitRun, type CellValue } from './values.ts';

/**
 * One value of a row after fitting: the cell it came from, or a slice of a digit run. Made by the functions
 * below with every field, undefined where absent, so that the readers' property accesses see one shape.
 */
export interface Slot {
  cell: Cell | null;
  /** For a part of a split digit run: its offsets in the document. */
  start?: number;
  end?: number;
  /** The digits of a split part, or of a number joined from pieces on several lines. */
  digits?: string;
  /** What is printed at start–end, when it is not all of `digits` (the first piece of a joined number). */
  printed?: string;
  note?: string;
}

/** A row's identity; `groupWidth` when the row is groups of cells each ending with its total. */
export type Identity = ((values: readonly (number | null)[]) => boolean) & { groupWidth?: number };

export interface FitResult {
  slots: Slot[];
  /** A row without an identity whose digit runs split several ways: the caller may decide with more context (the narrative). */
  candidates?: Slot[][];
  /**
   * With the row's identity, for a row printed with digit runs or too few cells: the readings that fill
   * every column, and those with blank cells put back (a blank cell a crawler or converter dropped with
   * its boundaries); null when there are too many to weigh. For the table's column identities to decide.
   */
  readings?: { full: Slot[][] | null; blanks: () => Slot[][] | null };
  note?: string;
  /** Set with `note`: what kind of trouble the row had, and how many cells were printed. */
  code?: NoteCode;
  printed?: number;
}

const makeSlot = (cell: Cell | null, start: number | undefined, end: number | undefined, digits: string | undefined, printed: string | undefined, note: string | undefined): Slot =>
  ({ cell, start, end, digits, printed, note });

/** The value of one printed cell. */
export const cellSlot = (cell: Cell): Slot => makeSlot(cell, undefined, undefined, undefined, undefined, undefined);

/** No value: no cell was printed or taken for it, for the reason `note`. */
export const blankSlot = (note?: string): Slot => makeSlot(null, undefined, undefined, undefined, undefined, note);

/** A number read from part of `cell` (a piece of a digit run) or joined from pieces of several (`printed` at start–end). */
export const digitSlot = (cell: Cell, start: number, end: number, digits: string, note?: string, printed?: string): Slot =>
  makeSlot(cell, start, end, digits, printed, note);

/** The slot with another note. */
export const notedSlot = (slot: Slot, note: string): Slot => makeSlot(slot.cell, slot.start, slot.end, slot.digits, slot.printed, note);
/** Whether two readings put the same printed digits in a cell. */
export const sameSlot = (a: Slot, b: Slot): boolean => a.cell === b.cell && a.start === b.start && a.end === b.end && slotValue(a) === slotValue(b);

const MAX_CANDIDATES = 20000;

export function slotValue(slot: Slot): number | null {
  if (slot.digits !== undefined) return Number(slot.digits);
  const v = slot.cell?.value;
  return v?.kind === 'number' ? v.value : null;
}

function emptySlots(n: number, note: string): Slot[] {
  return Array.from({ length: n }, () => blankSlot(note));
}

/** Every way to cut `digits` into `parts` numbers without leading zeros. */
function* cuts(digits: string, parts: number): Generator<string[]> {
  if (parts === 1) {
    if (digits.length === 1 || digits[0] !== '0') yield [digits];
    return;
  }
  const maxLen = digits.length - (parts - 1);
  for (let len = 1; len <= maxLen; len++) {
    const head = digits.slice(0, len);
    if (len > 1 && head[0] === '0') break;
    for (const rest of cuts(digits.slice(len), parts - 1)) yield [head, ...rest];
  }
}

/** All ways to give each run a number of parts so that the row has `expected` values. */
function* allocations(runs: boolean[], expected: number, index = 0, used = 0): Generator<number[]> {
  const remainingFixed = runs.slice(index + 1).length;
  if (index === runs.length) {
    if (used === expected) yield [];
    return;
  }
  if (!runs[index]) {
    for (const rest of allocations(runs, expected, index + 1, used + 1)) yield [1, ...rest];
    return;
  }
  for (let k = 1; used + k + remainingFixed <= expected; k++) {
    for (const rest of allocations(runs, expected, index + 1, used + k)) yield [k, ...rest];
  }
}

/** A run kept as one cell must read as one number: "0000000" is seven cells of 0, never one. */
const leadingZero = (cell: Cell) => cell.value?.kind === 'number' && /^0\d/.test(cell.value.digits);

function splitRuns(cells: Cell[], expected: number, identity?: Identity): Slot[][] {
  const runs = cells.map((c) => isDigitRun(c.value));
  const found: Slot[][] = [];
  for (const alloc of allocations(runs, expected)) {
    if (alloc.some((k, i) => k === 1 && runs[i] && leadingZero(cells[i]!))) continue;
    let partial: Slot[][] = [[]];
    cells.forEach((cell, i) => {
      const k = alloc[i]!;
      if (k === 1) {
        partial = partial.map((p) => [...p, cellSlot(cell)]);
        return;
      }
      const digits = cell.value?.kind === 'number' ? cell.value.digits : '';
      const offset = cell.start + cell.text.indexOf(digits);
      const next: Slot[][] = [];
      for (const p of partial) {
        for (const cut of cuts(digits, k)) {
          let at = offset;
          const parts = cut.map((d) => {
            const slot = digitSlot(cell, at, at + d.length, d);
            at += d.length;
            return slot;
          });
          next.push([...p, ...parts]);
          if (next.length > MAX_CANDIDATES) break;
        }
      }
      partial = next;
    });
    for (const p of partial) {
      if (!identity || identity(p.map(slotValue))) found.push(p);
      if (found.length > MAX_CANDIDATES) return found;
    }
  }
  return found;
}

/**
 * Fits the value cells printed after a row label to the row's `expected` columns:
 * drops surplus blank cells, ignores surplus cells the identities reject, and
 * splits digit runs whose cell boundaries were lost when exactly one split
 * satisfies the identities.
 */
/** Work left for weighing blank cells put back, shared by the rows of one table (a document of many rows stays bounded). */
export interface FitBudget { tries: number }

/** Readings with blank cells put back that one table may try in all. */
export const TABLE_TRIES = 400_000;

export function fitRow(cells: Cell[], expected: number, identity?: Identity, budget: FitBudget = { tries: TABLE_TRIES }): FitResult {
  if (cells.length === expected) return { slots: cells.map(cellSlot) };

  if (cells.length > expected) {
    const trimmed = trimSurplusBlanks(cells, expected, identity);
    if (Array.isArray(trimmed)) return { slots: trimmed.map(cellSlot) };
    if (trimmed) return trimmed;
    let list = cells;
    while (list.length > expected && list[0]!.value?.kind === 'empty') list = list.slice(1);
    while (list.length > expected && list[list.length - 1]!.value?.kind === 'empty') list = list.slice(0, -1);
    const windows: Cell[][] = [];
    for (let i = 0; i + expected <= list.length; i++) windows.push(list.slice(i, i + expected));
    const fitting = identity ? windows.filter((w) => identity(valuesOf(w))) : windows;
    const extra = list.length - expected;
    // Windows that read the same values ("0 0 0 0 0 0 0 0" for seven columns) are one reading.
    const readsAlike = fitting.length > 1 && fitting.every((w) => readAlike(w, fitting[0]!));
    if (fitting.length === 1 || readsAlike) {
      return {
        slots: fitting[0]!.map(cellSlot),
        code: 'row-surplus-cells',
        printed: list.length,
        note: `该行有${list.length}个单元格，应为${expected}个；已取${readsAlike ? '读数相同的任一种' : '唯一满足勾稽关系的'}${expected}个，忽略${extra}个`,
      };
    }
    // Surplus numbers are pieces of numbers a narrow cell wrapped ("12120" printed "1212" over "0"), or cells of
    // another row: which ones belong to this row cannot be known.
    const why = !identity ? '无法确定多出的是哪几个' : fitting.length > 1 ? `有${fitting.length}种取法都满足勾稽关系` : '任何连续的取法都不满足勾稽关系（可能是窄单元格中折行的数字）';
    const note = `该行有${list.length}个单元格，应为${expected}个，${why}，该行按空白处理`;
    return { slots: emptySlots(expected, note), code: 'row-surplus-cells', printed: list.length, note };
  }

  if (cells.some((c) => isDigitRun(c.value))) {
    const glued = cells.some((c) => c.glued);
    const runs = cells.filter((c) => isDigitRun(c.value)).map((c) => c.text).join('、');
    const full = splitRuns(cells, expected, identity);
    // With the row's identity, blank cells that vanished with their boundaries (a crawler's text, a
    // converter's spaces) are put back too, in readings kept apart for the table to weigh (see `readings`);
    // worked out only when needed (most rows with a split are settled without them).
    let shorterMemo: Slot[][] | null | undefined;
    const blanks = (): Slot[][] | null =>
      shorterMemo !== undefined ? shorterMemo : (shorterMemo = identity && full.length <= MAX_CANDIDATES ? splitShorter(cells, expected, identity, budget) : null);
    const withReadings = identity ? { readings: { full: full.length <= MAX_CANDIDATES ? full : null, blanks } } : {};
    // Without an identity one way to cut is no evidence while a blank cell may have vanished instead
    // ("规章 4 10": 4,1,0, or a blank then 4 and 10): taken only when no shorter reading exists ("000": 0,0,0).
    const settled = full.length === 1 && (identity !== undefined || !shorterExists(cells, expected));
    if (settled) return { slots: full[0]!, code: 'digit-run-split', note: identity ? '单元格边界丢失的连写数字，已按勾稽关系唯一拆分' : '单元格边界丢失的连写数字，只有一种拆分方式', ...withReadings };
    if (full.length === 0 && !identity && !glued && cells.every((c) => c.separated)) {
      // No split and the cells were printed apart: keep what was printed, as printed,
      // and leave the missing cells blank (a cell lost at the edge of a PDF page).
      const missing = expected - cells.length;
      return {
        slots: [...cells.map(cellSlot), ...emptySlots(missing, '该行缺少此单元格')],
        code: 'digit-run-unsplittable',
        printed: cells.length,
        note: `该行只有${cells.length}个单元格，应为${expected}个；其中的“${runs}”不能拆分为满足勾稽关系的数值，已按原样读取，缺少的按空白处理`,
      };
    }
    const shorter = full.length ? null : identity ? blanks() : [];
    if (shorter?.length === 1) {
      const note = `该行只有${cells.length}个单元格，应为${expected}个；连写数字“${runs}”与空白单元格的位置按勾稽关系唯一确定`;
      return { slots: shorter[0]!, code: 'digit-run-split', note, ...withReadings };
    }
    if (shorter?.length === 0) {
      // The digits were glued to the label: which digits make which cell cannot be known.
      const note = glued
        ? `“${runs}”与行名连写，不能拆分为满足勾稽关系的数值，该行按空白处理`
        : `该行只有${cells.length}个单元格，应为${expected}个；其中的“${runs}”不能拆分为满足勾稽关系的数值，也不能确定缺少的是哪几列，该行按空白处理`;
      return { slots: emptySlots(expected, note), code: 'digit-run-ambiguous', printed: cells.length, note };
    }
    const some = full.length ? full : shorter;
    const count = some && some.length <= MAX_CANDIDATES ? String(some.length) : '过多';
    const note = full.length === 1 ? `连写数字“${runs}”拆成${expected}格只有一种方式，但也可能少印了空白单元格，无法唯一确定` : full.length ? `连写数字“${runs}”有${count}种拆分方式，无法唯一确定` : `连写数字“${runs}”拆成${expected}格都不满足勾稽关系，按少印空白单元格拆分有${count}种读法，无法唯一确定`;
    // Without an identity (table 二) the caller may still choose among the splits by what the narrative states.
    const candidates = !identity && full.length <= MAX_CANDIDATES ? { candidates: full } : {};
    return { slots: emptySlots(expected, note), code: 'digit-run-ambiguous', ...(full.length ? {} : { printed: cells.length }), note, ...candidates, ...withReadings };
  }

  const glued = cells.filter((c) => c.glued).map((c) => c.text);
  if (glued.length) {
    // A label glued to "1837.79": where the first cell ends is unknown.
    const note = `“${glued.join('、')}”与行名连写，缺少单元格边界，无法确定各列的数值`;
    return { slots: emptySlots(expected, note), code: 'digit-run-ambiguous', printed: cells.length, note };
  }
  return fitShortRow(cells, expected, identity, budget);
}

/**
 * Whether two cells read the same: of one kind and, for numbers, of one value in one printed unit ("0" and
 * "0.0" read alike; "5万元" and "5元" do not, nor "5" and "5万元": a unit left out is taken from the header).
 */
function sameValue(a: CellValue | null, b: CellValue | null): boolean {
  if (a?.kind !== 'number' || b?.kind !== 'number') return a?.kind === b?.kind;
  return a.value === b.value && a.unit === b.unit;
}

/** Whether two runs of cells are one reading of a row: any of them may be taken, the values are the same. */
const readAlike = (a: readonly Cell[], b: readonly Cell[]) => a.every((c, i) => sameValue(c.value, b[i]!.value));

const valuesOf = (list: readonly Cell[]) => list.map((cell) => slotValue(cellSlot(cell)));

/**
 * A row with more cells than columns, the surplus all blank at its ends: a trailing tab, a grid column the row
 * does not use, a label spanning two cells. When blanks at both ends could be the surplus and the readings differ
 * ("收费\t\t+3\t": is +3 the first column or the second?), the row's identity decides, else nothing is taken.
 * Null when the surplus is not blank cells at the ends.
 */
function trimSurplusBlanks(cells: Cell[], expected: number, identity?: Identity): Cell[] | FitResult | null {
  const surplus = cells.length - expected;
  let lead = 0;
  while (lead < cells.length && cells[lead]!.value?.kind === 'empty') lead++;
  let trail = 0;
  while (trail < cells.length - lead && cells[cells.length - 1 - trail]!.value?.kind === 'empty') trail++;
  if (lead + trail < surplus) return null;
  const readings: Cell[][] = [];
  for (let fromStart = Math.max(0, surplus - trail); fromStart <= Math.min(lead, surplus); fromStart++) readings.push(cells.slice(fromStart, fromStart + expected));
  const distinct = readings.filter((r, i) => readings.findIndex((o) => readAlike(o, r)) === i);
  if (distinct.length === 1) return distinct[0]!;
  const balanced = identity ? distinct.filter((r) => identity(valuesOf(r))) : [];
  if (balanced.length === 1) return balanced[0]!;
  const note = `该行有${cells.length}个单元格，应为${expected}个，多出的空白单元格在行首还是行尾无法确定，该行按空白处理`;
  return { slots: emptySlots(expected, note), code: 'row-surplus-cells', printed: cells.length, note };
}

/** Readings of a row with blank cells put back tried at most (the work of one row stays bounded). */
const MAX_TRIED = 50_000;

/** Places `values` in order among `expected` slots, leaving the positions in `blanks` empty. */
function placed(values: readonly Slot[], expected: number, blanks: readonly number[], note: string): Slot[] {
  const slots: Slot[] = [];
  let next = 0;
  for (let i = 0; i < expected; i++) slots.push(blanks.includes(i) ? blankSlot(note) : values[next++]!);
  return slots;
}

/**
 * Splits of digit runs into fewer cells than the row has, with the blank cells put back wherever
 * the row's identities allow; null when there are too many to weigh (more than MAX_CANDIDATES
 * readings, more than MAX_TRIED tried, or the table's budget spent).
 */
function splitShorter(cells: Cell[], expected: number, identity: Identity, budget: FitBudget): Slot[][] | null {
  // A cell that vanished from a run glued to its label was left empty by the report: weighed as 0, as the
  // table's columns weigh it. Between printed cells a missing one may instead be lost at a page edge: unknown.
  const vanished = cells.some((c) => c.glued) ? 0 : null;
  const found: Slot[][] = [];
  let tried = 0;
  const values: (number | null)[] = new Array(expected);
  for (let missing = 1; expected - missing >= Math.max(cells.length, 1); missing++) {
    const places = [...blankPlaces(expected, missing)];
    for (const split of splitRuns(cells, expected - missing)) {
      const splitValues = split.map(slotValue);
      for (const blanks of places) {
        if (vanished === null && !totalsChecked(blanks, expected, identity.groupWidth)) continue;
        for (let i = 0, next = 0; i < expected; i++) values[i] = blanks.includes(i) ? vanished : splitValues[next++]!;
        if (identity(values)) found.push(placed(split, expected, blanks, '少印的空白单元格'));
        if (found.length > MAX_CANDIDATES || ++tried > MAX_TRIED || --budget.tries < 0) return null;
      }
    }
  }
  return found;
}

/** Every way to cut the row's digit runs so that it has `count` values; null when there are too many to list. */
export function splitsInto(cells: readonly Cell[], count: number): Slot[][] | null {
  const splits = splitRuns([...cells], count);
  return splits.length > MAX_CANDIDATES ? null : splits;
}

/**
 * Whether a total left unknown still leaves the placement checked. An unknown total holds for any values
 * (fragments of numbers a narrow cell wrapped would pass): allowed only for the row's last cell, lost at the
 * page edge, while the other groups' totals check where the row's cells go.
 */
function totalsChecked(blanks: readonly number[], expected: number, width: number | undefined): boolean {
  if (!width) return true;
  const totals = blanks.filter((i) => i % width === width - 1);
  return totals.length === 0 || (totals.length === 1 && totals[0] === expected - 1 && expected >= 2 * width);
}

/** Whether the printed cells also read as fewer numbers than the row has (some blank cells vanished). */
function shorterExists(cells: Cell[], expected: number): boolean {
  for (let n = expected - 1; n >= Math.max(cells.length, 1); n--) if (splitRuns(cells, n).length > 0) return true;
  return false;
}

/** Ways to leave `missing` of `expected` places blank, as sets of blank positions. */
function* blankPlaces(expected: number, missing: number, from = 0): Generator<number[]> {
  if (missing === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= expected - missing; i++) for (const rest of blankPlaces(expected, missing - 1, i + 1)) yield [i, ...rest];
}

/**
 * A row printed with fewer cells than the format has (a blank cell a converter dropped):
 * the printed values are placed where exactly one placement satisfies the row's identities;
 * otherwise nothing is taken, since which cell is missing cannot be known.
 */
function fitShortRow(cells: Cell[], expected: number, identity: Identity | undefined, budget: FitBudget): FitResult {
  const printed = cells.length;
  const shortNote = `该行只有${printed}个单元格，应为${expected}个`;
  if (printed > 0 && cells.every((c) => c.separated)) {
    // Cells printed between separators keep their places: only trailing blank cells can be missing.
    return {
      slots: [...cells.map(cellSlot), ...emptySlots(expected - printed, '该行缺少此单元格')],
      code: 'row-short',
      printed,
      note: `${shortNote}；缺少的按空白处理`,
    };
  }
  const fitting: Slot[][] = [];
  // Any number of blank cells in a row of table 三 (at most 127 placements); at most three in a longer row.
  if (identity && printed > 0 && (expected <= 7 || expected - printed <= 3)) {
    const values = cells.map(cellSlot);
    for (const blanks of blankPlaces(expected, expected - printed)) {
      if (--budget.tries < 0) {
        fitting.length = 0;
        break;
      }
      const slots = placed(values, expected, blanks, '该行缺少此单元格');
      if (identity(slots.map(slotValue))) fitting.push(slots);
    }
    if (fitting.length === 1) {
      return { slots: fitting[0]!, code: 'row-short', printed, note: `${shortNote}；按勾稽关系唯一确定了各值的位置，缺少的按空白处理` };
    }
  }
  const note = `${shortNote}；无法确定缺少的是哪一列，该行按空白处理`;
  // Several placements balance the row: the table's column identities may still tell (see table-requests).
  return { slots: emptySlots(expected, note), code: 'row-short', printed, note, ...(fitting.length > 1 ? { readings: { full: [], blanks: () => fitting } } : {}) };
}
