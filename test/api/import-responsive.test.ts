import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { loginAsAdmin } from '../helpers/auth.ts';
import { bigReportHtml } from '../helpers/big-report.ts';
import { form } from './fixtures.ts';

/**
 * Issue 15: the server keeps answering while a report is read. A page with a 15 000-row table takes seconds to
 * parse and extract; read on the server's own thread, it held every other request until it was stored.
 */

let work: string;
let store: Store;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'ogi-responsive-'));
  store = await openStore({ sqlitePath: join(work, 'ogi.sqlite') });
});
after(async () => {
  await store.close();
  rmSync(work, { recursive: true, force: true });
});

test('health checks asked one after another while a large page is imported are all answered before the import', async () => {
  const app = createApp(store);
  const admin = await loginAsAdmin(app, store);
  const settled: string[] = [];
  const importing = admin.request('/api/imports', { method: 'POST', body: form({ 'big.html': bigReportHtml() }) }).then((res) => {
    settled.push('import');
    return res;
  });
  // One second of checks, well inside the seconds of the read (also on a fast machine). Read on the server's own
  // thread, the page held the timers until it was read; the first check came after it, and the others during its
  // storing, after which the import was answered first.
  for (let i = 1; i <= 4; i++) {
    await sleep(250);
    const health = await app.request('/api/health');
    assert.equal(health.status, 200);
    settled.push(`health ${i}`);
  }
  const res = await importing;
  assert.deepEqual(settled, ['health 1', 'health 2', 'health 3', 'health 4', 'import']);
  assert.equal(res.status, 201);
  const result = (await res.json()) as { imported: number; items: { agency: string; year: number }[] };
  assert.equal(result.imported, 1);
  assert.equal(result.items[0]!.agency, '某某区生态环境局');
  assert.equal(result.items[0]!.year, 2023);
});
