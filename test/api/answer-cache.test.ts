import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AnswerCache } from '../../src/server/cache.ts';
import { bumpDataVersion } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';

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
