/** A thread of read-thread.ts's pool: reads and extracts the files it is given, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { Limits } from '../ingest/limits.ts';
import { answerTask } from '../ingest/thread-task.ts';
import { readReport, readReportBytes } from './read-report.ts';

parentPort!.on('message', ({ file, limits, data }: { file: string; limits: Limits; data: { shownAs?: string; bytes?: Uint8Array } }) => {
  void answerTask(file, limits, (budget) => (data.bytes ? readReportBytes(file, data.bytes, budget) : readReport(file, budget, data.shownAs)));
});
