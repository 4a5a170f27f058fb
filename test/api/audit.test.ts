import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { auditSuite } from './audit-suite.ts';
import { postgresSkip, startPostgres } from './pg.ts';

// The audit log on an SQLite file, then on a throwaway PostgreSQL cluster.

auditSuite('audit log on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-audit-'));
  const store = await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

auditSuite(
  'audit log on PostgreSQL',
  async () => {
    const cluster = await startPostgres();
    try {
      const store = await openStore({ databaseUrl: cluster.url });
      return {
        store,
        close: async () => {
          await store.close();
          await cluster.stop();
        },
      };
    } catch (err) {
      await cluster.stop();
      throw err;
    }
  },
  { skip: postgresSkip() },
);
