import { requestRowPaths } from '../schema/cells.ts';
import { evaluate, identities, type Identity } from '../schema/identities.ts';
import type { RequestRowKey } from '../schema/requests.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Cell as Value } from '../schema/types.ts';
import { slotValue, type FitResult, type Slot } from './fit.ts';

/**
 * Table 三's column identities weighing the readings of rows printed as digit runs or short of cells
 * (see `FitResult.readings`): which split, and where a vanished blank cell was.
 */

/** Enumerated at most: past this many combinations of the rows' readings, each row keeps what all of its remaining readings agree on. */
const MAX_COMBINATIONS = 200_000;

export type Readings = NonNullable<FitResult['readings']>;
/** What the column identities made of a row: its reading kept as fitted, read whole, or only some columns (none: blank). */
export type Outcome = 'kept' | 'all' | number[];

/**
 * Weighs the readings of rows printed with digit runs or too few cells against the column identities
 * (一+二 = 三（七）+四, （七） = Σ results), a blank cell put back counting as 0. When every row can be read
 * filling its columns, nothing shows that blank cells vanished: only those readings are weighed, and only
 * when every combination can be tried. Once a row can be read only with blank cells put back, they did
 * vanish and any row may have lost one: every row is weighed with both kinds. A row keeps only what every
 * balancing combination reads the same: the whole row, or the columns whose cell is the same printed value
 * in each (the rest stay blank).
 */
export function resolveByColumns(template: TableTemplate, slots: Map<RequestRowKey, Slot[]>, readings: ReadonlyMap<RequestRowKey, Readings>): Map<RequestRowKey, Outcome> {
  const keys = [...readings.keys()];
  const filledEverywhere = keys.every((k) => (readings.get(k)!.full?.length ?? 0) > 0);
  // Too many readings of one kind: the row cannot be weighed, and is left blank.
  const both = (r: Readings) => {
    const blanks = r.full ? r.blanks() : null;
    return r.full && blanks ? [...r.full, ...blanks] : null;
  };
  const weighed = keys.flatMap((key) => {
    const r = readings.get(key)!;
    const domain = filledEverywhere ? r.full : both(r);
    return domain ? [{ key, domain }] : [];
  });
  const chosen = balancing(template, slots, weighed, filledEverywhere);
  const outcome = new Map<RequestRowKey, Outcome>();
  if (chosen) {
    weighed.forEach(({ key }, n) => outcome.set(key, agreeing(slots, key, chosen[n]!)));
    for (const key of keys) if (!outcome.has(key)) outcome.set(key, unread(slots, key));
    return outcome;
  }
  // No reading balances the table (a report whose sums are wrong). Without a sign that blank cells vanished,
  // a row keeps its one split, as its own identity gave it; with one, only when no reading with blank cells
  // put back balances the row either.
  for (const key of keys) {
    const r = readings.get(key)!;
    outcome.set(key, r.full?.length === 1 && (filledEverywhere || r.blanks()?.length === 0) ? 'kept' : unread(slots, key));
  }
  return outcome;
}

/** The note of a cell left blank because the row's readings differ there. */
const UNDETERMINED = '有多种读法（拆分方式或少印空白单元格的位置），无法确定';

/** A row none of whose readings can be trusted: blank (a row fitted blank already keeps its own notes). */
function unread(slots: Map<RequestRowKey, Slot[]>, key: RequestRowKey): Outcome {
  const current = slots.get(key)!;
  if (current.every((s) => s.cell === null)) return 'kept';
  slots.set(key, current.map(() => ({ cell: null, note: UNDETERMINED })));
  return [];
}

/**
 * The readings of each weighed row that take part in a combination balancing every column identity; null when
 * none does. Past MAX_COMBINATIONS, the readings no identity rules out (or null with `exactOnly`).
 */
function balancing(template: TableTemplate, slots: ReadonlyMap<RequestRowKey, Slot[]>, weighed: { key: RequestRowKey; domain: Slot[][] }[], exactOnly: boolean): Slot[][][] | null {
  const keys = weighed.map((w) => w.key);
  const domains = weighed.map((w) => w.domain);
  const known = new Map<string, Value>();
  for (const [k, rowSlots] of slots) if (!keys.includes(k)) requestRowPaths(k).forEach((p, c) => known.set(p, slotValue(rowSlots[c]!)));
  const columns = identities(template).filter((x) => x.def.per === 'column');
  if (!narrow(columns, keys, domains, known)) return null;
  let combos = 1;
  for (const d of domains) combos *= d.length;
  if (combos > MAX_COMBINATIONS) return exactOnly ? null : domains;
  const values = new Map(known);
  // A row not printed at all reads as blank: identities through it are not held against a reading.
  const read = (p: string) => values.get(p) ?? null;
  const kept = domains.map(() => new Set<Slot[]>());
  const chosen: Slot[][] = [];
  const pick = (n: number): void => {
    if (n === keys.length) {
      if (columns.some((x) => evaluate(x, read).status === 'fails')) return;
      chosen.forEach((cand, m) => kept[m]!.add(cand));
      return;
    }
    const paths = requestRowPaths(keys[n]!);
    for (const cand of domains[n]!) {
      paths.forEach((p, c) => values.set(p, slotValue(cand[c]!) ?? 0));
      chosen[n] = cand;
      pick(n + 1);
    }
  };
  pick(0);
  const out = kept.map((set) => [...set]);
  return out.some((r) => r.length === 0) ? null : out;
}

/** Sets a row's slots to what all its balancing readings agree on. */
function agreeing(slots: Map<RequestRowKey, Slot[]>, key: RequestRowKey, rowReadings: Slot[][]): Outcome {
  const first = rowReadings[0]!;
  const same = (a: Slot, b: Slot) => a.cell === b.cell && a.start === b.start && a.end === b.end && slotValue(a) === slotValue(b);
  const agreed = first.map((s, c) => rowReadings.every((r) => same(r[c]!, s)));
  const current = slots.get(key)!;
  if (agreed.every(Boolean)) {
    if (first.every((s, c) => same(s, current[c]!))) return 'kept';
    const note = first.some((s) => s.digits !== undefined) ? '连写数字，已按行、列勾稽关系唯一拆分' : '已按行、列勾稽关系唯一确定位置';
    slots.set(key, first.map((s) => (s.cell === null ? s : { ...s, note })));
    return 'all';
  }
  const cols = agreed.flatMap((yes, c) => (yes && first[c]!.cell !== null ? [c] : []));
  slots.set(key, first.map((s, c) => (cols.includes(c) ? { ...s, note: '按行、列勾稽关系，在每种可能的读法下都相同' } : { cell: null, note: UNDETERMINED })));
  return cols;
}

/** Largest set of partial sums kept when narrowing; beyond it only their bounds are weighed. */
const MAX_SUMS = 1_500;

/** The sums `base` plus one value of each set can make (null past MAX_SUMS), with their bounds. */
interface Sums { set: Set<number> | null; min: number; max: number }

function addValues(base: Sums, values: readonly number[], sign: number): Sums {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, sign * v);
    max = Math.max(max, sign * v);
  }
  let set: Set<number> | null = null;
  if (base.set && base.set.size * values.length <= MAX_SUMS * 4) {
    set = new Set<number>();
    for (const a of base.set) for (const v of values) set.add(a + sign * v);
    if (set.size > MAX_SUMS) set = null;
  }
  return { set, min: base.min + min, max: base.max + max };
}

/** Whether some a of `before` and b of `after` make a + b = target. */
function reachable(before: Sums, after: Sums, target: number): boolean {
  if (target < before.min + after.min || target > before.max + after.max) return false;
  if (!before.set || !after.set) return true;
  const [small, large] = before.set.size <= after.set.size ? [before.set, after.set] : [after.set, before.set];
  for (const a of small) if (large.has(target - a)) return true;
  return false;
}

/**
 * Drops the readings of rows that no choice of the other rows' readings can balance in some column
 * identity (blank cells of a reading count as 0; a blank cell of a row read plainly balances anything);
 * false when a row has no reading left.
 */
function narrow(columns: readonly Identity[], keys: readonly RequestRowKey[], domains: Slot[][][], known: ReadonlyMap<string, Value>): boolean {
  const at = new Map<string, { n: number; c: number }>();
  keys.forEach((k, n) => requestRowPaths(k).forEach((p, c) => at.set(p, { n, c })));
  for (let changed = true, passes = 0; changed && passes < 8; passes++) {
    changed = false;
    for (const x of columns) {
      let fixed = 0;
      let open = false;
      const terms: { n: number; c: number; sign: number }[] = [];
      for (const [paths, sign] of [[x.left, 1], [x.right, -1]] as const) {
        for (const p of paths) {
          const amb = at.get(p);
          if (amb) terms.push({ ...amb, sign });
          else {
            const v = known.get(p) ?? null;
            if (v === null) open = true;
            else fixed += sign * v;
          }
        }
      }
      if (open || !terms.length) continue;
      const valueOf = (cand: Slot[], c: number) => slotValue(cand[c]!) ?? 0;
      const values = terms.map((t) => [...new Set(domains[t.n]!.map((cand) => valueOf(cand, t.c)))]);
      const prefix: Sums[] = [{ set: new Set([fixed]), min: fixed, max: fixed }];
      terms.forEach((t, i) => prefix.push(addValues(prefix[i]!, values[i]!, t.sign)));
      const suffix: Sums[] = [];
      suffix[terms.length] = { set: new Set([0]), min: 0, max: 0 };
      for (let i = terms.length - 1; i >= 0; i--) suffix[i] = addValues(suffix[i + 1]!, values[i]!, terms[i]!.sign);
      for (const [i, t] of terms.entries()) {
        const allowed = new Set(values[i]!.filter((v) => reachable(prefix[i]!, suffix[i + 1]!, -t.sign * v)));
        if (allowed.size === values[i]!.length) continue;
        domains[t.n] = domains[t.n]!.filter((cand) => allowed.has(valueOf(cand, t.c)));
        if (domains[t.n]!.length === 0) return false;
        changed = true;
      }
    }
  }
  return true;
}
