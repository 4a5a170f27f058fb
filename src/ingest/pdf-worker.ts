/**
 * Runs `readPdf` on a worker thread (pdf-thread.ts): pdf.js rebuilds a damaged cross-reference table
 * synchronously, which on some inputs takes minutes and cannot be interrupted from its own thread.
 * Messages: { extend: ms } when pages go to OCR, then { blocks } or { error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import { ReadBudget, type Limits } from './limits.ts';
import { readPdf } from './pdf.ts';

const { bytes, file, limits } = workerData as { bytes: Uint8Array; file: string; limits: Limits };
const budget = new ReadBudget(file, limits);
const extend = budget.extend.bind(budget);
budget.extend = (ms: number) => {
  extend(ms);
  parentPort!.postMessage({ extend: ms });
};
readPdf(bytes, file, budget).then(
  (blocks) => parentPort!.postMessage({ blocks }),
  (err: unknown) => parentPort!.postMessage({
    error: err instanceof InputError ? { code: err.code, message: err.message } : { message: err instanceof Error ? err.message : String(err) },
  }),
);
