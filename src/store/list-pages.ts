import { num, type Q } from './db.ts';
import { keptUnderVersion } from './kept.ts';

/** Ids kept of each sorted list: the first pages, which are nearly all that anyone reads. */
export const KEPT_IDS = 2000;

/** Ids in order; each row may carry the list's total as `n` (a window count). */
type IdRows = { id: number; n?: unknown }[];

/**
 * The total of a list from one page of it: the count the rows carry, else a short page ends the list; otherwise
 * (a full page, or an empty page past the start) `count()` is asked.
 */
async function totalOf(rows: IdRows, limit: number, offset: number, count: () => Promise<unknown>): Promise<number> {
  if (rows[0]?.n !== undefined) return num(rows[0].n);
  if (rows.length < limit && (rows.length > 0 || offset === 0)) return offset + rows.length;
  return num(await count());
}

/**
 * One page of a sorted, filtered list: the ids on it and how many match in all.
 * `ids(limit, offset)` returns the ids in order, with the total as `n` or without it; `count()` counts them all, asked
 * only when the page does not tell (where an index gives a list's first rows in order, a window count beside them
 * would make the database read and sort every matching row: 420 → 65 ms for a province of 100 000 reports).
 * The first `KEPT_IDS` ids of a list (`key` names its filter and order) are kept while the data version is unchanged
 * (`keptUnderVersion`), so paging through it reads the matching rows once instead of once per page.
 * `seenVersion`: the data version the caller read before building the query (saves reading it again).
 */
export async function listPage(
  db: Q,
  key: string,
  page: { limit: number; offset: number },
  ids: (limit: number, offset: number) => Promise<IdRows>,
  count: () => Promise<unknown>,
  seenVersion?: number,
): Promise<{ total: number; ids: number[] }> {
  if (db.isTransaction || page.offset + page.limit > KEPT_IDS) {
    const rows = await ids(page.limit, page.offset);
    return { total: await totalOf(rows, page.limit, page.offset, count), ids: rows.map((r) => r.id) };
  }
  const list = await keptUnderVersion(
    db,
    `list ${key}`,
    async () => {
      const rows = await ids(KEPT_IDS, 0);
      return { total: await totalOf(rows, KEPT_IDS, 0, count), ids: rows.map((r) => r.id) };
    },
    seenVersion,
  );
  return { total: list.total, ids: list.ids.slice(page.offset, page.offset + page.limit) };
}
