import { hostname } from 'node:os';
import type { Store } from './db.ts';

/**
 * Where the tasks of background jobs wait for a worker. A task is a range of a
 * job's items (files or reports); the job and its items live in the store's
 * tables (src/store/jobs.ts), whatever the queue. On PostgreSQL the tasks go
 * through pg-boss, so `ogi worker` processes on any number of machines share
 * them; on SQLite through the job_tasks table of the same file.
 */
export interface TaskRef {
  jobId: number;
  from: number;
  to: number;
}

export interface WorkOptions {
  /** Tasks run at once by this process. */
  concurrency: number;
}

export interface JobQueue {
  /** 'pg-boss' or 'table', for messages. */
  readonly name: string;
  /** Queues one job's tasks (all of them, or those a retry runs again), behind those of smaller jobs: see `jobSize`. */
  dispatch(tasks: readonly TaskRef[]): Promise<void>;
  /**
   * Starts taking tasks. `attempt` counts deliveries of the task (1 first); `run` throwing, or its
   * worker dying, makes the task be delivered again. After TASK_ATTEMPTS the runner gives up on it.
   */
  work(run: (task: TaskRef, attempt: number) => Promise<void>, options: WorkOptions): Promise<void>;
  /** Stops taking tasks and waits for those under way. */
  stop(): Promise<void>;
}

/**
 * Where a job's tasks wait: workers take the tasks of jobs with fewer tasks first, and among jobs of one size
 * the earliest queued. So a clerk's upload of a few files, or a re-check, waits at most for the tasks under way,
 * not behind a region's import of thousands of files.
 */
export const jobSize = (tasks: readonly TaskRef[]): number => Math.min(tasks.length, 1_000_000);

/** How long a task may run without its worker being heard from before another worker takes it (OGI_JOB_LEASE_SECONDS). */
export function leaseSeconds(): number {
  const n = Number(process.env.OGI_JOB_LEASE_SECONDS);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 900;
}

/** Tries of a task; delivered once more, its remaining items are marked failed (a file that kills its worker every time). */
export const TASK_ATTEMPTS = 4;

export const workerName = (): string => `${hostname()}:${process.pid}`;

const queues = new WeakMap<Store, Promise<JobQueue>>();

/** The store's queue, opened on first use and closed with the store. */
export function jobQueueOf(store: Store): Promise<JobQueue> {
  let q = queues.get(store);
  if (!q) {
    q = store.dialect === 'postgres'
      ? import('./job-queue-pgboss.ts').then((m) => m.openPgBossQueue(store))
      : import('./job-queue-table.ts').then((m) => m.openTableQueue(store));
    queues.set(store, q);
    q.catch(() => queues.delete(store));
  }
  return q;
}

export async function closeJobQueue(store: Store): Promise<void> {
  const q = queues.get(store);
  if (!q) return;
  queues.delete(store);
  await (await q.catch(() => null))?.stop();
}
