import { sql } from 'kysely';
import { inTx, type Store } from './db.ts';
import { jobSize, leaseSeconds, workerName, type JobQueue, type TaskRef, type WorkOptions } from './job-queue.ts';

const IDLE_POLL_MS = 500;
/** Task rows per INSERT. */
const DISPATCH_BATCH = 1000;

const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * The SQLite queue: tasks are rows of job_tasks. A worker claims one in a single
 * UPDATE … RETURNING (atomic: SQLite has one writer at a time), smaller jobs'
 * first (`jobSize`), keeps its lease
 * fresh while it works, and marks it done; a task whose lease has passed (its
 * worker was killed) is claimed again.
 */
export function openTableQueue(store: Store): JobQueue {
  const db = store.db;
  const me = workerName();
  let stopping = false;
  const loops: Promise<void>[] = [];
  let wake: (() => void) | null = null;

  async function claim(): Promise<{ id: number; attempts: number; task: TaskRef } | null> {
    const at = new Date().toISOString();
    const row = await db
      .updateTable('job_tasks')
      .set((eb) => ({ state: 'running', worker: me, lease_until: later(leaseSeconds()), attempts: eb('attempts', '+', 1) }))
      // A task whose worker died first, then the next pending one: each read in index order, nothing sorted.
      .where('id', '=', (eb) => eb.fn.coalesce(
        eb.selectFrom('job_tasks').select('id').where('state', '=', 'running').where('lease_until', '<', at).orderBy('job_size').orderBy('id').limit(1),
        eb.selectFrom('job_tasks').select('id').where('state', '=', 'pending').orderBy('job_size').orderBy('id').limit(1),
      ))
      .returning(['id', 'job_id', 'first_seq', 'last_seq', 'attempts'])
      .executeTakeFirst();
    return row ? { id: row.id, attempts: row.attempts, task: { jobId: row.job_id, from: row.first_seq, to: row.last_seq } } : null;
  }

  async function loop(run: (task: TaskRef, attempt: number) => Promise<void>) {
    while (!stopping) {
      const claimed = await claim();
      if (!claimed) {
        await new Promise<void>((ok) => {
          const t = setTimeout(ok, IDLE_POLL_MS);
          wake = () => {
            clearTimeout(t);
            ok();
          };
        });
        continue;
      }
      const heartbeat = setInterval(() => {
        db.updateTable('job_tasks').set({ lease_until: later(leaseSeconds()) }).where('id', '=', claimed.id).where('worker', '=', me).execute().catch(() => undefined);
      }, (leaseSeconds() * 1000) / 3);
      let state = 'done';
      try {
        await run(claimed.task, claimed.attempts);
      } catch {
        state = 'pending';
      } finally {
        clearInterval(heartbeat);
      }
      await db.updateTable('job_tasks').set({ state, lease_until: null }).where('id', '=', claimed.id).execute();
    }
  }

  return {
    name: 'table',
    async dispatch(tasks) {
      if (!tasks.length) return;
      const size = jobSize(tasks);
      const rows = tasks.map((t) => ({ job_id: t.jobId, first_seq: t.from, last_seq: t.to, state: 'pending', attempts: 0, job_size: size }));
      // In batches: one statement takes at most 32 766 values in SQLite (an import of 100 000 files has 10 000 tasks).
      await inTx(db, async (trx) => {
        for (let i = 0; i < rows.length; i += DISPATCH_BATCH) await trx.insertInto('job_tasks').values(rows.slice(i, i + DISPATCH_BATCH)).execute();
      });
      wake?.();
    },
    async work(run, options: WorkOptions) {
      for (let i = 0; i < options.concurrency; i++) loops.push(loop(run));
    },
    async stop() {
      stopping = true;
      wake?.();
      await Promise.allSettled(loops);
    },
  };
}

/** Tasks of SQLite's queue not yet finished, for tests and messages. */
export async function openTasks(store: Store): Promise<number> {
  const row = await store.db.selectFrom('job_tasks').select(sql<number>`count(*)`.as('n')).where('state', 'in', ['pending', 'running']).executeTakeFirst();
  return Number(row?.n ?? 0);
}
