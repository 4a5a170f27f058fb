import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { postgresSkip, startPostgres } from './pg.ts';

export type OpenStore = () => Promise<{ store: Store; close(): Promise<void> }>;
export type Suite = (name: string, open: OpenStore, options?: { skip?: string | false }) => void;

/** A store on an SQLite file in a temporary folder, removed on close. */
export const sqliteStore: OpenStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-test-'));
  const store = await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A store on a throwaway PostgreSQL cluster, stopped on close. */
export const postgresStore: OpenStore = async () => {
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
};

/** Runs a suite on SQLite, then on PostgreSQL (skipped with a reason where PostgreSQL is missing outside CI). */
export function onBothDatabases(suite: Suite, what: string): void {
  suite(`${what} on SQLite`, sqliteStore);
  suite(`${what} on PostgreSQL`, postgresStore, { skip: postgresSkip() });
}
