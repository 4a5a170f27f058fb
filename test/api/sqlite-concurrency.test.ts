import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { writeBenchReports } from '../../bench/import.ts';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { loginAsAdmin } from '../helpers/auth.ts';
import { root } from '../helpers/cli.ts';
import { form } from './fixtures.ts';

/**
 * Two `ogi import` processes and a web upload on one SQLite file at the same time:
 * writers wait their turn, so every file is imported once and none fails.
 */

const run = promisify(execFile);
const PER_WRITER = 80;
let work: string;
let dbPath: string;
let store: Store;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'ogi-concurrency-'));
  const all = join(work, 'all');
  writeBenchReports(all, PER_WRITER * 3);
  const names = readdirSync(all).sort();
  for (const [w, dir] of ['a', 'b', 'web'].entries()) {
    mkdirSync(join(work, dir));
    for (const n of names.slice(w * PER_WRITER, (w + 1) * PER_WRITER)) renameSync(join(all, n), join(work, dir, n));
  }
  dbPath = join(work, 'ogi.sqlite');
  store = await openStore({ sqlitePath: dbPath });
});
after(async () => {
  await store.close();
  rmSync(work, { recursive: true, force: true });
});

test('two ogi import processes and a web upload at once import every file exactly once', async () => {
  const app = createApp(store);
  const admin = await loginAsAdmin(app, store);
  const cli = (dir: string) => run(join(root, 'bin', 'ogi'), ['import', join(work, dir), '--db', dbPath], { cwd: root });
  const webDir = join(work, 'web');
  const upload = Object.fromEntries(readdirSync(webDir).map((n) => [n, readFileSync(join(webDir, n))]));
  const [a, b, web] = await Promise.all([cli('a'), cli('b'), admin.request('/api/imports', { method: 'POST', body: form(upload) })]);
  assert.match(a.stdout, new RegExp(`导入 ${PER_WRITER} 份，重复 0 份，失败 0 份`));
  assert.match(b.stdout, new RegExp(`导入 ${PER_WRITER} 份，重复 0 份，失败 0 份`));
  assert.ok(web.status === 201 || web.status === 202, `upload answered ${web.status}`);
  const rows = await store.db.selectFrom('reports').select(['content_hash']).execute();
  assert.equal(rows.length, PER_WRITER * 3);
  assert.equal(new Set(rows.map((r) => r.content_hash)).size, PER_WRITER * 3);
});
