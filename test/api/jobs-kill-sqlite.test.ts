import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeBenchReports } from '../../bench/import.ts';
import { openStore } from '../../src/store/open.ts';
import { FILES, killMidway } from './jobs-kill.ts';

test('SQLite: a queued import shared by two ogi worker processes, one killed (SIGKILL) midway, imports every file exactly once', async () => {
  const work = mkdtempSync(join(tmpdir(), 'ogi-jobs-kill-'));
  writeBenchReports(join(work, 'reports'), FILES);
  const db = join(work, 'ogi.sqlite');
  const store = await openStore({ sqlitePath: db });
  try {
    await killMidway(db, store, join(work, 'reports'));
  } finally {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
});
