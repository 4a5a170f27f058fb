import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeBenchReports } from '../../bench/import.ts';
import { openStore } from '../../src/store/open.ts';
import { FILES, killMidway } from './jobs-kill.ts';
import { postgresSkip, startPostgres } from './pg.ts';

test('PostgreSQL (pg-boss): a queued import shared by two ogi worker processes, one killed (SIGKILL) midway, imports every file exactly once', { skip: postgresSkip() }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'ogi-jobs-kill-'));
  writeBenchReports(join(work, 'reports'), FILES);
  const cluster = await startPostgres();
  const store = await openStore({ databaseUrl: cluster.url });
  try {
    await killMidway(cluster.url, store, join(work, 'reports'));
  } finally {
    await store.close();
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
