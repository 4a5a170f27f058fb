import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';
import type { ReadBudget } from './limits.ts';
import { ThreadPool } from './thread-pool.ts';

/**
 * PDFs are read on worker threads (pdf-worker.ts) kept for the next PDF, so that pdf.js loads once per thread
 * (about 1.5 s) rather than once per file. A thread past the file's time budget is terminated, so that no PDF
 * holds the process, and the server's event loop stays free while one is read.
 */
const pool = new ThreadPool(import.meta.url, 'pdf-worker');

/** PDF threads alive, busy or idle. */
export const pdfThreads = (): number => pool.threads;

export function readPdfOnThread(bytes: Uint8Array, file: string, budget: ReadBudget): Promise<Block[]> {
  const crashed = (reason: string) => new InputError('damaged', `${file}：PDF 文件无法读取（${reason}）`, file);
  return pool.run<Block[]>(file, budget.limits, { bytes }, crashed, budget);
}
