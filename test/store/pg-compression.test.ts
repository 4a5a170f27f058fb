import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Store } from '../../src/store/db.ts';
import { importFiles } from '../../src/store/import.ts';
import { openStore } from '../../src/store/open.ts';
import { postgresSkip, startPostgres, type PgCluster } from '../api/pg.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
let cluster: PgCluster | undefined;
let store: Store | undefined;
before(async () => {
  if (postgresSkip()) return;
  cluster = await startPostgres();
  store = await openStore({ databaseUrl: cluster.url });
});
after(async () => {
  await store?.close();
  await cluster?.stop();
});

test('PostgreSQL with lz4: a report and its original are stored lz4-compressed and read back whole', { skip: postgresSkip() }, async () => {
  const db = store!.db;
  const lz4 = await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
  assert.equal(lz4.rows[0]?.ok, true, 'the PostgreSQL of CI (Debian) is built with lz4');
  const name = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort()[0]!;
  const bytes = readFileSync(join(SAMPLES, name));
  const result = await importFiles(store!, [{ name, bytes }]);
  assert.equal(result.imported, 1);
  const row = await sql<{ data: string | null; text: string | null; length: number; original: string }>`
    select pg_column_compression(r.data) as data, pg_column_compression(o.text) as text,
           length(r.data) as length, o.text as original
    from reports r join originals o on o.report_id = r.id`.execute(db);
  const stored = row.rows[0]!;
  assert.equal(stored.data, 'lz4');
  assert.equal(stored.text, 'lz4');
  assert.equal(stored.original, bytes.toString('utf8'));
  assert.ok(stored.length > 2000);
});
