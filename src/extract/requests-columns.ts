import { requestRowPaths } from '../schema/cells.ts';
import { evaluate, identities, type Identity } from '../schema/identities.ts';
import type { RequestRowKey } from '../schema/requests.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Cell as Value } from '../schema/types.ts';
import { blankSlot, notedSlot, sameSlot, slotValue, type FitResult, type Slot } from './fit.ts';

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
  slots.set(key, current.map(() => blankSlot(UNDETERMINED)));
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
  if (combos > MAX_COMBINATIONS) {
    const searched = searchBalancing(columns, keys, domains, known);
    return searched === undefined ? (exactOnly ? null : domains) : searched;
  }
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

/** Steps a search of balancing combinations may take (each a choice of one row's value in one column). */
const MAX_STEPS = 2_000_000;

/**
 * The readings of each row that take part in a combination balancing every column identity that can be checked
 * (none of its cells outside the weighed rows unknown); null when none does, undefined when the search would take
 * more than MAX_STEPS or an identity spans columns. The search goes column by column: in each, every row takes
 * one of the values its readings left so far give that column, and a choice is dropped as soon as no choice of
 * the remaining rows can balance the column's identities.
 */
function searchBalancing(columns: readonly Identity[], keys: readonly RequestRowKey[], domains: Slot[][][], known: ReadonlyMap<string, Value>): Slot[][][] | null | undefined {
  const at = new Map<string, { n: number; c: number }>();
  keys.forEach((k, n) => requestRowPaths(k).forEach((p, c) => at.set(p, { n, c })));
  const width = requestRowPaths(keys[0]!).length;
  // Each checkable identity as: fixed + Σ sign × the value its rows take in its column = 0.
  const checks: { c: number; fixed: number; signs: Map<number, number> }[] = [];
  for (const x of columns) {
    let fixed = 0;
    let open = false;
    const signs = new Map<number, number>();
    const cols = new Set<number>();
    for (const [paths, sign] of [[x.left, 1], [x.right, -1]] as const) {
      for (const p of paths) {
        const w = at.get(p);
        const v = known.get(p) ?? null;
        if (w) {
          signs.set(w.n, (signs.get(w.n) ?? 0) + sign);
          cols.add(w.c);
        } else if (v === null) open = true;
        else fixed += sign * v;
      }
    }
    if (open || !signs.size) continue;
    if (cols.size > 1) return undefined;
    checks.push({ c: [...cols][0]!, fixed, signs });
  }
  const kept = domains.map(() => new Set<number>());
  let steps = 0;
  const column = (c: number, sets: number[][]): boolean => {
    if (c === width) {
      sets.forEach((set, n) => set.forEach((k) => kept[n]!.add(k)));
      return true;
    }
    const here = checks.filter((x) => x.c === c);
    const rows = keys.map((_, n) => n).filter((n) => here.some((x) => x.signs.has(n)));
    // The readings of each row left, by the value they give this column.
    const groups = rows.map((n) => {
      const by = new Map<number, number[]>();
      for (const k of sets[n]!) {
        const v = slotValueAt(domains[n]![k]!, c);
        by.set(v, [...(by.get(v) ?? []), k]);
      }
      return [...by];
    });
    // The least and the most the rows from m on can add to each identity.
    const low = here.map(() => new Array<number>(rows.length + 1).fill(0));
    const high = here.map(() => new Array<number>(rows.length + 1).fill(0));
    here.forEach((x, i) => {
      for (let m = rows.length - 1; m >= 0; m--) {
        const adds = groups[m]!.map(([v]) => (x.signs.get(rows[m]!) ?? 0) * v);
        low[i]![m] = low[i]![m + 1]! + Math.min(...adds);
        high[i]![m] = high[i]![m + 1]! + Math.max(...adds);
      }
    });
    const partial = here.map((x) => x.fixed);
    const next = [...sets];
    const pick = (m: number): boolean => {
      if (m === rows.length) return partial.every((v) => Math.abs(v) < 1e-6) ? column(c + 1, next) : true;
      for (const [v, ks] of groups[m]!) {
        if (++steps > MAX_STEPS) return false;
        here.forEach((x, i) => (partial[i]! += (x.signs.get(rows[m]!) ?? 0) * v));
        const open = here.every((_, i) => partial[i]! + low[i]![m + 1]! <= 1e-6 && partial[i]! + high[i]![m + 1]! >= -1e-6);
        next[rows[m]!] = ks;
        const done = !open || pick(m + 1);
        here.forEach((x, i) => (partial[i]! -= (x.signs.get(rows[m]!) ?? 0) * v));
        if (!done) return false;
      }
      next[rows[m]!] = sets[rows[m]!]!;
      return true;
    };
    return pick(0);
  };
  if (!column(0, domains.map((d) => d.map((_, k) => k)))) return undefined;
  const out = kept.map((set, n) => [...set].map((k) => domains[n]![k]!));
  return out.some((r) => r.length === 0) ? null : out;
}

/** The value a reading gives column c, a blank cell counting as 0. */
const slotValueAt = (reading: readonly Slot[], c: number) => slotValue(reading[c]!) ?? 0;

/** Sets a row's slots to what all its balancing readings agree on. */
function agreeing(slots: Map<RequestRowKey, Slot[]>, key: RequestRowKey, rowReadings: Slot[][]): Outcome {
  const first = rowReadings[0]!;
  const agreed = first.map((s, c) => rowReadings.every((r) => sameSlot(r[c]!, s)));
  const current = slots.get(key)!;
  if (agreed.every(Boolean)) {
    if (first.every((s, c) => sameSlot(s, current[c]!))) return 'kept';
    // A number joined from wrapped pieces carries what its first piece printed; a part of a split run does not.
    const note = first.some((s) => s.digits !== undefined && s.printed === undefined) ? '连写数字，已按行、列勾稽关系唯一拆分' : '已按行、列勾稽关系唯一确定位置';
    // A value joined from pieces keeps the note naming them.
    slots.set(key, first.map((s) => (s.cell === null ? s : notedSlot(s, joinNotes(s.note, note)))));
    return 'all';
  }
  const cols = agreed.flatMap((yes, c) => (yes && first[c]!.cell !== null ? [c] : []));
  slots.set(key, first.map((s, c) => (cols.includes(c) ? notedSlot(s, joinNotes(s.note, '按行、列勾稽关系，在每种可能的读法下都相同')) : blankSlot(UNDETERMINED))));
  return cols;
}

const joinNotes = (own: string | undefined, note: string) => (own ? `${own}；${note}` : note);

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
