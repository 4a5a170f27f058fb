import { TEMPLATE_DEFS, type TableTemplate } from '../../src/schema/templates.ts';
import { REQUEST_COLUMN_KEYS, requestRows } from '../../src/schema/requests.ts';
import { REVIEW_GROUP_KEYS } from '../../src/schema/review.ts';
import type { Tables } from '../../src/schema/types.ts';

/** Small deterministic PRNG (mulberry32) so every failing case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(r: () => number, max: number): number {
  // Mostly zeros and small numbers, as in real reports.
  const p = r();
  if (p < 0.45) return 0;
  if (p < 0.85) return Math.floor(r() * 10);
  return Math.floor(r() * max);
}

/** Random tables that satisfy every statutory identity (SUM-01…05, CELL-03). */
export function randomTables(template: TableTemplate, seed: number): Tables {
  const r = rng(seed);
  const active: Tables['active'] = {};
  for (const item of TEMPLATE_DEFS[template].active) {
    active[item.key] = {};
    for (const row of item.rows) {
      const values: Record<string, number> = {};
      for (const col of item.columns) {
        if (col.kind === 'money') values[col.key] = int(r, 2) === 0 ? 0 : Math.round(r() * 1000000) / 100;
        else values[col.key] = int(r, 500);
      }
      if ('change' in values && 'lastYear' in values) values.change = Math.floor(r() * 7) - 3;
      if ('change' in values && values.lastYear! + values.change! < 0) values.change = 0 - values.lastYear!;
      if ('publishedTotal' in values) values.publishedTotal = values.publishedThisYear! + int(r, 300);
      if ('inForce' in values) values.inForce = Math.max(values.issued! - values.repealed!, 0) + int(r, 50);
      active[item.key]![row.key] = values;
    }
  }

  const rows = requestRows(template);
  const requests: Tables['requests'] = {};
  const cols = REQUEST_COLUMN_KEYS.length - 1;
  const results = rows.filter((row) => row.result);
  const column = (fn: (c: number) => number) => Array.from({ length: cols }, (_, c) => fn(c));
  const withTotal = (v: number[]) => [...v, v.reduce((a, b) => a + b, 0)];
  const resultValues = new Map(results.map((row) => [row.key, column(() => int(r, 40))]));
  const carriedOver = column(() => int(r, 5));
  const carriedForward = column(() => int(r, 5));
  const resultTotal = column((c) => results.reduce((a, row) => a + resultValues.get(row.key)![c]!, 0));
  // newReceived is whatever makes 一 + 二 = 三(七) + 四 hold; shift 结转下年度 up when it would go negative.
  const newReceived = column((c) => {
    const n = resultTotal[c]! + carriedForward[c]! - carriedOver[c]!;
    if (n < 0) {
      carriedForward[c] = carriedForward[c]! - n;
      return 0;
    }
    return n;
  });
  for (const row of rows) {
    const v =
      row.key === 'newReceived' ? newReceived
      : row.key === 'carriedOver' ? carriedOver
      : row.key === 'resultTotal' ? resultTotal
      : row.key === 'carriedForward' ? carriedForward
      : resultValues.get(row.key)!;
    requests[row.key] = withTotal(v);
  }

  const review: Tables['review'] = {};
  for (const g of REVIEW_GROUP_KEYS) {
    const parts = [int(r, 20), int(r, 5), int(r, 5), int(r, 5)];
    review[g] = [...parts, parts.reduce((a, b) => a + b, 0)];
  }
  return { active, requests, review };
}
