import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Store } from '../../src/store/db.ts';
import { jobQueueOf } from '../../src/store/job-queue.ts';
import { openStore } from '../../src/store/open.ts';
import { postgresSkip, startPostgres, type PgCluster } from '../api/pg.ts';

let cluster: PgCluster | undefined;
const stores: Store[] = [];
before(async () => {
  if (postgresSkip()) return;
  cluster = await startPostgres();
  stores.push(await openStore({ databaseUrl: cluster.url }), await openStore({ databaseUrl: cluster.url }));
});
after(async () => {
  for (const s of stores) await s.close();
  await cluster?.stop();
});

test('PostgreSQL queue: two processes opening it at once both start; a task fetch reads the waiting tasks in order from an index, without sorting them', { skip: postgresSkip() }, async () => {
  await Promise.all(stores.map((s) => jobQueueOf(s)));
  const db = stores[0]!.db;
  const plan = await db.connection().execute(async (c) => {
    await sql`set enable_seqscan = off`.execute(c);
    // The fetch of pg-boss 10 (plans.js fetchNextJob), as it reaches PostgreSQL.
    const rows = await sql<{ 'QUERY PLAN': string }>`explain select id from pgboss.job where name = 'ogi-tasks' and state < 'active' and start_after < now()
      order by priority desc, created_on, id limit 1 for update skip locked`.execute(c);
    await sql`reset enable_seqscan`.execute(c);
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  // The index is made on pg-boss's job table; PostgreSQL names its copy on the queue's partition after the columns.
  assert.match(plan, /Index Scan using \S*(ogi_job_fetch|name_priority_created_on_id_idx)/);
  assert.doesNotMatch(plan, /Sort/);
});
