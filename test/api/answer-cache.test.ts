import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AnswerCache } from '../../src/server/cache.ts';
import { bumpDataVersion, dataVersion, inTx } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { createRegion, listRegions, updateRegion } from '../../src/store/regions.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('requests that miss together share one computation; a write makes the next one compute again', async () => {
  const store = await openStore({ sqlitePath: join(tmp, 'cache.sqlite') });
  try {
    const cache = new AnswerCache(store);
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((ok) => setTimeout(ok, 20));
      return { n: computed };
    };
    const bodies = await Promise.all(Array.from({ length: 5 }, () => cache.json('rollup 1 2024', compute).then((r) => r.text())));
    assert.deepEqual([computed, new Set(bodies).size, bodies[0]], [1, 1, '{"n":1}']);
    assert.equal(await (await cache.json('rollup 1 2024', compute)).text(), '{"n":1}');
    await bumpDataVersion(store.db);
    assert.equal(await (await cache.json('rollup 1 2024', compute)).text(), '{"n":2}');
  } finally {
    await store.close();
  }
});

test('an answer is kept under the version the request read with its session, and computed again for a later one', async () => {
  const store = await openStore({ sqlitePath: join(tmp, 'seen.sqlite') });
  try {
    const cache = new AnswerCache(store);
    const seen = await dataVersion(store.db);
    const versions: number[] = [];
    const compute = async (version: number) => (versions.push(version), { version });
    assert.equal(await (await cache.json('list', compute, seen)).text(), `{"version":${seen}}`);
    await bumpDataVersion(store.db);
    assert.equal(await (await cache.json('list', compute, seen)).text(), `{"version":${seen}}`, 'a request that began before the write');
    assert.equal(await (await cache.json('list', compute, seen + 1)).text(), `{"version":${seen + 1}}`);
    assert.equal(await (await cache.json('list', compute)).text(), `{"version":${seen + 1}}`, 'no version given: read, and kept');
    assert.deepEqual(versions, [seen, seen + 1]);
  } finally {
    await store.close();
  }
});

test('a transaction bumps the data version once, as its last statement, and not at all when it rolls back', async () => {
  const store = await openStore({ sqlitePath: join(tmp, 'bump.sqlite') });
  try {
    const before = await dataVersion(store.db);
    const seenInside = await inTx(store.db, async (trx) => {
      await bumpDataVersion(trx);
      await bumpDataVersion(trx);
      return dataVersion(trx);
    });
    assert.deepEqual([seenInside, await dataVersion(store.db)], [before, before + 1]);
    await assert.rejects(inTx(store.db, async (trx) => {
      await bumpDataVersion(trx);
      throw new Error('rolled back');
    }));
    assert.equal(await dataVersion(store.db), before + 1);
  } finally {
    await store.close();
  }
});

test('the regions kept between reads follow every write: from another process, inside a transaction, after a rollback', async () => {
  const path = join(tmp, 'regions.sqlite');
  const reader = await openStore({ sqlitePath: path });
  const writer = await openStore({ sqlitePath: path });
  const names = async (db = reader.db) => (await listRegions(db)).map((r) => r.name);
  try {
    const province = await createRegion(writer.db, { name: '甲省' });
    assert.deepEqual(await names(), ['甲省']);
    assert.equal(await listRegions(reader.db), await listRegions(reader.db), 'unchanged data: the list kept');
    await updateRegion(writer.db, province.id, { name: '乙省' });
    assert.deepEqual(await names(), ['乙省']);
    await assert.rejects(inTx(reader.db, async (trx) => {
      await createRegion(trx, { name: '丙市', parentId: province.id });
      assert.deepEqual(await names(trx), ['乙省', '丙市']);
      throw new Error('rolled back');
    }));
    assert.deepEqual(await names(), ['乙省']);
    await createRegion(reader.db, { name: '丁市', parentId: province.id });
    assert.deepEqual(await names(), ['乙省', '丁市']);
  } finally {
    await reader.close();
    await writer.close();
  }
});
