import { dataVersion, num, type Q } from './db.ts';

/** Ids kept of each sorted list: the first pages, which are nearly all that anyone reads. */
export const KEPT_IDS = 2000;
const KEPT_LISTS = 500;

type IdRows = { id: number; n: unknown }[];

interface KeptList {
  version: number;
  total: number;
  ids: number[];
}

const kept = new WeakMap<Q, Map<string, KeptList>>();
const reading = new WeakMap<Q, Map<string, Promise<KeptList>>>();

/**
 * One page of a sorted, filtered list: the ids on it and how many match in all.
 * `ids(limit, offset)` returns the ids in order, each row with the total as `n`; `count()` counts when there is no row.
 * Outside a transaction the first `KEPT_IDS` ids of a list (`key` names its filter and order) are kept while the
 * data version is unchanged, so paging through it reads the matching rows once instead of once per page.
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
  const list = await keptList(db, key, ids, seenVersion);
  return { total: list.total, ids: list.ids.slice(page.offset, page.offset + page.limit) };
}

async function keptList(db: Q, key: string, ids: (limit: number, offset: number) => Promise<IdRows>, seenVersion?: number): Promise<KeptList> {
  const lists = kept.get(db) ?? kept.set(db, new Map()).get(db)!;
  // The version first: rows written in between are newer than the version they are kept under, never older.
  const version = seenVersion ?? (await dataVersion(db));
  const hit = lists.get(key);
  if (hit?.version === version) {
    lists.delete(key);
    lists.set(key, hit);
    return hit;
  }
  const flights = reading.get(db) ?? reading.set(db, new Map()).get(db)!;
  const flight = `${version} ${key}`;
  let read = flights.get(flight);
  if (!read) {
    read = ids(KEPT_IDS, 0).then((rows) => ({ version, total: rows.length ? num(rows[0]!.n) : 0, ids: rows.map((r) => r.id) }));
    flights.set(flight, read);
    read.then(
      (list) => {
        flights.delete(flight);
        if ((lists.get(key)?.version ?? -1) > list.version) return;
        lists.delete(key);
        lists.set(key, list);
        for (const oldest of lists.keys()) {
          if (lists.size <= KEPT_LISTS) break;
          lists.delete(oldest);
        }
      },
      () => flights.delete(flight),
    );
  }
  return read;
}
