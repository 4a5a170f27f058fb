import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bumpDataVersion, inTx, type Store } from '../../src/store/db.ts';
import { KEPT_IDS, listPage } from '../../src/store/list-pages.ts';
import { openStore } from '../../src/store/open.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-list-pages-'));
let store: Store;
let other: Store;
before(async () => {
  store = await openStore({ sqlitePath: join(tmp, 'lists.sqlite') });
  other = await openStore({ sqlitePath: join(tmp, 'lists.sqlite') });
});
after(async () => {
  await store.close();
  await other.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A sorted list of `n` ids read through listPage, recording every read and count it asks for. */
function list(n: number) {
  const all = Array.from({ length: n }, (_, i) => 1000 + i);
  const reads: [number, number][] = [];
  let counts = 0;
  const ids = async (limit: number, offset: number) => {
    reads.push([limit, offset]);
    await new Promise((ok) => setTimeout(ok, 5));
    return all.slice(offset, offset + limit).map((id) => ({ id }));
  };
  const count = async () => (counts++, all.length);
  return { all, reads, counts: () => counts, page: (key: string, limit: number, offset: number, db = store.db) => listPage(db, key, { limit, offset }, ids, count) };
}

test('the first pages of a list are read once while the data are unchanged; a write from another process reads again', async () => {
  const l = list(120);
  assert.deepEqual(await l.page('a', 50, 0), { total: 120, ids: l.all.slice(0, 50) });
  assert.deepEqual(await l.page('a', 50, 100), { total: 120, ids: l.all.slice(100) });
  assert.deepEqual(await l.page('a', 50, 150), { total: 120, ids: [] });
  assert.deepEqual(l.reads, [[KEPT_IDS, 0]]);
  await bumpDataVersion(other.db);
  assert.deepEqual(await l.page('a', 10, 20), { total: 120, ids: l.all.slice(20, 30) });
  assert.deepEqual([l.reads, l.counts()], [[[KEPT_IDS, 0], [KEPT_IDS, 0]], 0]);
});

test('lists that miss together share one read; different keys are kept apart', async () => {
  const l = list(30);
  const pages = await Promise.all([0, 10, 20].map((offset) => l.page('b', 10, offset)));
  assert.deepEqual(pages.map((p) => p.ids), [l.all.slice(0, 10), l.all.slice(10, 20), l.all.slice(20)]);
  await l.page('c', 10, 0);
  assert.deepEqual(l.reads, [[KEPT_IDS, 0], [KEPT_IDS, 0]]);
});

test('pages past the kept ids and pages inside a transaction are read as asked; the total is counted only when a page does not tell it', async () => {
  const l = list(KEPT_IDS + 60);
  assert.deepEqual(await l.page('d', 50, KEPT_IDS), { total: KEPT_IDS + 60, ids: l.all.slice(KEPT_IDS, KEPT_IDS + 50) });
  assert.equal(l.counts(), 1, 'a full page: counted');
  assert.deepEqual(await l.page('d', 50, KEPT_IDS + 30), { total: KEPT_IDS + 60, ids: l.all.slice(KEPT_IDS + 30) });
  assert.equal(l.counts(), 1, 'a short page ends the list');
  assert.deepEqual(await l.page('d', 50, KEPT_IDS + 100), { total: KEPT_IDS + 60, ids: [] });
  assert.equal(l.counts(), 2, 'an empty page past the start: counted');
  await inTx(store.db, async (trx) => {
    assert.deepEqual(await l.page('d', 5, 0, trx), { total: KEPT_IDS + 60, ids: l.all.slice(0, 5) });
  });
  assert.deepEqual(await l.page('d', 50, 0), { total: KEPT_IDS + 60, ids: l.all.slice(0, 50) });
  assert.deepEqual([l.reads, l.counts()], [[[50, KEPT_IDS], [50, KEPT_IDS + 30], [50, KEPT_IDS + 100], [5, 0], [KEPT_IDS, 0]], 4]);
  const none = list(0);
  assert.deepEqual(await none.page('e', 50, 0), { total: 0, ids: [] });
  const short = list(7);
  assert.deepEqual(await short.page('f', 5, 5), { total: 7, ids: short.all.slice(5) });
  assert.deepEqual([none.counts(), short.counts()], [0, 0]);
});
