import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { postgresSkip, startPostgres } from './pg.ts';
import { workflowSuite } from './workflow-suite.ts';

// The reporting workflow on an SQLite file, then on a throwaway PostgreSQL cluster.

workflowSuite('workflow on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-workflow-'));
  const store = await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
  return { store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

workflowSuite(
  'workflow on PostgreSQL',
  async () => {
    const cluster = await startPostgres();
    try {
      const store = await openStore({ databaseUrl: cluster.url });
      return { store, close: async () => { await store.close(); await cluster.stop(); } };
    } catch (err) {
      await cluster.stop();
      throw err;
    }
  },
  { skip: postgresSkip() },
);
