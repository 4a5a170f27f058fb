import { num, type Q } from './db.ts';
import { keptUnderVersion } from './kept.ts';

/** Ids kept of each sorted list: the first pages, which are nearly all that anyone reads. */
export const KEPT_IDS = 2000;

type IdRows = { id: number; n: unknown }[];

/**
 * One page of a sorted, filtered list: the ids on it and how many match in all.
 * `ids(limit, offset)` returns the ids in order, each row with the total as `n`; `count()` counts when there is no row.
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
    // An empty page (past the end, or nothing matches) has no row to carry the total.
    return { total: num(rows.length ? rows[0]!.n : await count()), ids: rows.map((r) => r.id) };
  }
  const list = await keptUnderVersion(
    db,
    `list ${key}`,
    async () => {
      const rows = await ids(KEPT_IDS, 0);
      return { total: rows.length ? num(rows[0]!.n) : 0, ids: rows.map((r) => r.id) };
    },
    seenVersion,
  );
  return { total: list.total, ids: list.ids.slice(page.offset, page.offset + page.limit) };
}
