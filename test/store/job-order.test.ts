import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Store } from '../../src/store/db.ts';
import { jobQueueOf } from '../../src/store/job-queue.ts';
import { createJob, runTask } from '../../src/store/jobs.ts';
import { openStore } from '../../src/store/open.ts';
import { postgresSkip, startPostgres, type PgCluster } from '../api/pg.ts';

/**
 * A clerk's upload of a few files queued after a region's import of many must not wait for all of it:
 * workers take the tasks of smaller jobs first, on both queues (SQLite's table, pg-boss).
 */

const tmp = mkdtempSync(join(tmpdir(), 'ogi-job-order-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function tasksInOrder(store: Store): Promise<string[]> {
  const ran: string[] = [];
  let done!: () => void;
  const all = new Promise<void>((ok) => (done = ok));
  const handlers = {
    noop: {
      chunk: 1,
      runItem: async (_s: Store, _job: unknown, item: { name: string }) => {
        ran.push(item.name);
        if (ran.length === 13) done();
        return { status: 'done' as const };
      },
    },
  };
  const owner = { userId: null, author: '测试', scope: null };
  const job = (name: string, n: number) =>
    createJob(store, handlers, { kind: 'noop', owner }, Array.from({ length: n }, (_, i) => ({ name: `${name}${i + 1}` })));
  await job('大', 10);
  await job('中', 2);
  await job('小', 1);
  const queue = await jobQueueOf(store);
  await queue.work((task, attempt) => runTask(store, handlers, task, attempt), { concurrency: 1 });
  await all;
  await queue.stop();
  return ran;
}

const EXPECTED = ['小1', '中1', '中2', ...Array.from({ length: 10 }, (_, i) => `大${i + 1}`)];

describe('SQLite', () => {
  test('the tasks of smaller jobs are taken first, each job in its order', async () => {
    const store = await openStore({ sqlitePath: join(tmp, 'order.sqlite') });
    try {
      assert.deepEqual(await tasksInOrder(store), EXPECTED);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL', { skip: postgresSkip() }, () => {
  let cluster: PgCluster | undefined;
  after(async () => cluster?.stop());
  test('the tasks of smaller jobs are taken first', async () => {
    cluster = await startPostgres();
    const store = await openStore({ databaseUrl: await cluster.createDatabase('job_order') });
    try {
      // pg-boss orders the tasks of one insert by a random id: within a job only the set is fixed.
      const ran = await tasksInOrder(store);
      const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      assert.deepEqual([ran.slice(0, 1), sorted(ran.slice(1, 3)), sorted(ran.slice(3))], [EXPECTED.slice(0, 1), EXPECTED.slice(1, 3), EXPECTED.slice(3)]);
    } finally {
      await store.close();
    }
  });
});
