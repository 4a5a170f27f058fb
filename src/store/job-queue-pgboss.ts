import PgBoss from 'pg-boss';
import type { Store } from './db.ts';
import { jobSize, leaseSeconds, TASK_ATTEMPTS, type JobQueue, type TaskRef, type WorkOptions } from './job-queue.ts';

const QUEUE = 'ogi-tasks';

/**
 * The PostgreSQL queue: pg-boss in its own schema (pgboss) of the same database.
 * Every `ogi worker` (on any machine) fetches tasks with SKIP LOCKED; a task not
 * completed within its lease (its worker was killed) is expired by pg-boss's
 * maintenance and delivered again, up to TASK_ATTEMPTS retries. Smaller jobs' tasks
 * go first (`jobSize`, as pg-boss's priority).
 */
export async function openPgBossQueue(store: Store): Promise<JobQueue> {
  if (!store.databaseUrl) throw new Error('PostgreSQL 连接地址未知，无法打开任务队列');
  const lease = leaseSeconds();
  const boss = new PgBoss({
    connectionString: store.databaseUrl,
    application_name: 'ogi-jobs',
    max: 4,
    schedule: false,
    // Expired tasks are found by the maintenance pass: run it often enough for the lease to mean something.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(lease / 2))),
  });
  boss.on('error', (err) => process.stderr.write(`任务队列出错（pg-boss）：${(err as Error).message}\n`));
  await boss.start();
  try {
    await createUnlessPresent(
      async () => Boolean(await boss.getQueue(QUEUE)),
      () => boss.createQueue(QUEUE, { name: QUEUE, retryLimit: TASK_ATTEMPTS, retryDelay: 1, expireInSeconds: lease }),
    );
    await addFetchIndex(boss);
  } catch (err) {
    // Nobody will stop a queue that was never handed out: its timers would keep the process alive.
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw err;
  }
  return {
    name: 'pg-boss',
    async dispatch(tasks) {
      if (!tasks.length) return;
      // pg-boss takes higher priorities first.
      const priority = -jobSize(tasks);
      await boss.insert(tasks.map((t) => ({ name: QUEUE, data: t, priority, retryLimit: TASK_ATTEMPTS, retryDelay: 1, expireInSeconds: lease })));
    },
    async work(run, options: WorkOptions) {
      for (let i = 0; i < options.concurrency; i++) {
        let id = '';
        id = await boss.work<TaskRef>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
          if (!job) return;
          await run(job.data, job.retryCount + 1);
          // pg-boss waits out the polling interval after a short task: while there is work, fetch the next at once.
          boss.notifyWorker(id);
        });
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/**
 * Creates what `present()` does not find. Two processes starting at once may both try: the second's error is
 * harmless once the thing exists, and either may be chosen as a deadlock's victim while the other has not yet
 * committed (then it looks again, a little later).
 */
async function createUnlessPresent(present: () => Promise<boolean>, create: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await present()) return;
    try {
      await create();
      return;
    } catch (err) {
      if (attempt >= CREATE_ATTEMPTS) {
        if (await present()) return;
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

const CREATE_ATTEMPTS = 5;

/**
 * pg-boss fetches the next task with `state < 'active' … ORDER BY priority desc, created_on, id LIMIT n`,
 * and its own indexes do not give that order: every fetch sorted all waiting tasks — ≈ 4 ms each with
 * 5 600 waiting; during a 100 000-file import the first 39 000 files cost PostgreSQL 100 s of fetches. This
 * index, in fetch order over the waiting tasks only, lets a fetch read the first rows it can lock. Created on
 * pg-boss's job table (so also on every partition it attaches later); looked up first, because creating it,
 * even "if not exists", locks the job table against every worker's writes meanwhile.
 */
function addFetchIndex(boss: PgBoss): Promise<void> {
  const db = boss.getDb();
  return createUnlessPresent(
    async () => (await db.executeSql(`select 1 from pg_indexes where schemaname = 'pgboss' and indexname = 'ogi_job_fetch'`, [])).rows.length > 0,
    () => db.executeSql(`create index if not exists ogi_job_fetch on pgboss.job (name, priority desc, created_on, id) where state < 'active'`, []),
  );
}
