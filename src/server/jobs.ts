import type { Store } from '../store/db.ts';
import { importJob } from '../store/job-import.ts';
import { recheckJob } from '../store/job-recheck.ts';
import { closeJobQueue, jobQueueOf } from '../store/job-queue.ts';
import { runTask, type JobHandlers } from '../store/jobs.ts';
import { renderJob, rollupJob } from './job-exports.ts';

/** Every kind of background job and what runs one item of it. */
export const JOB_HANDLERS: JobHandlers = { import: importJob, recheck: recheckJob, rollup: rollupJob, render: renderJob };

export interface Workers {
  queue: string;
  stop(): Promise<void>;
}

/** Takes tasks from the store's queue, `concurrency` at a time, until stopped (the server's pool and `ogi worker`). */
export async function startWorkers(store: Store, concurrency: number): Promise<Workers> {
  const queue = await jobQueueOf(store);
  await queue.work((task, attempt) => runTask(store, JOB_HANDLERS, task, attempt), { concurrency });
  return { queue: queue.name, stop: () => closeJobQueue(store) };
}
