import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importAgenciesCsv } from '../../src/store/agencies-csv.ts';
import { importFiles } from '../../src/store/import.ts';
import { openStore } from '../../src/store/open.ts';
import { preloadSamples, SAMPLES_DIR } from '../../src/store/preload.ts';
import type { Store } from '../../src/store/db.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-preload-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const count = async (store: Store, table: 'reports' | 'regions') =>
  Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const regionNames = async (store: Store) => (await store.db.selectFrom('regions').select('name').orderBy('name').execute()).map((r) => r.name);

/** A new SQLite store of its own for one test, closed afterwards. */
async function withStore(file: string, use: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore({ sqlitePath: join(tmp, file) });
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

test('a new, empty store gets the example regions and the five samples, once', () =>
  withStore('empty.sqlite', async (store) => {
    const loaded = await preloadSamples(store);
    assert.equal(loaded?.imported, 5);
    assert.equal(await count(store, 'reports'), 5);
    assert.ok((await regionNames(store)).includes('淄博市'));
    assert.equal(await preloadSamples(store), null);
    assert.equal(await count(store, 'reports'), 5);
  }));

test('a store already holding its own regions (imported before the app first starts) never gets the examples', () =>
  withStore('regions.sqlite', async (store) => {
    await importAgenciesCsv(store.db, Buffer.from('机关,区域,上级区域\n东州市教育局,东州市,示范省'));
    const before = await regionNames(store);
    assert.equal(await preloadSamples(store), null);
    assert.deepEqual(await regionNames(store), before);
    assert.equal(await count(store, 'reports'), 0);
    // Marked: deleting its own data later does not bring the examples in either.
    await store.db.deleteFrom('agencies').execute();
    await store.db.deleteFrom('regions').execute();
    assert.equal(await preloadSamples(store), null);
    assert.equal(await count(store, 'regions'), 0);
  }));

test('a store already holding reports (filled by ogi import or a worker) never gets the examples', () =>
  withStore('reports.sqlite', async (store) => {
    const name = '000_6c4583cee035bde5.txt';
    await importFiles(store, [{ name, bytes: readFileSync(join(SAMPLES_DIR, name)) }], { author: 'test', source: 'test' });
    const regions = await count(store, 'regions');
    assert.equal(await preloadSamples(store), null);
    assert.equal(await count(store, 'reports'), 1);
    assert.equal(await count(store, 'regions'), regions);
  }));
