/**
 * Runs `readPdf` on a worker thread (pdf-thread.ts): pdf.js rebuilds a damaged cross-reference table
 * synchronously, which on some inputs takes minutes and cannot be interrupted from its own thread.
 */
import { workerData } from 'node:worker_threads';
import type { Limits } from './limits.ts';
import { readPdf } from './pdf.ts';
import { answerTask } from './thread-task.ts';

const { bytes, file, limits } = workerData as { bytes: Uint8Array; file: string; limits: Limits };
void answerTask(file, limits, (budget) => readPdf(bytes, file, budget));
