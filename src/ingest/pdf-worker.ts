/**
 * A thread of pdf-thread.ts's pool: runs `readPdf` on the PDFs it is given, one at a time. pdf.js rebuilds a
 * damaged cross-reference table synchronously, which on some inputs takes minutes and cannot be interrupted
 * from its own thread.
 */
import { parentPort } from 'node:worker_threads';
import type { Limits } from './limits.ts';
import { readPdf } from './pdf.ts';
import { answerTask } from './thread-task.ts';

parentPort!.on('message', ({ file, limits, data }: { file: string; limits: Limits; data: { bytes: Uint8Array } }) => {
  void answerTask(file, limits, (budget) => readPdf(data.bytes, file, budget));
});
