import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';
import type { ReadBudget } from './limits.ts';
import { awaitThread, startThread } from './thread.ts';

/**
 * A PDF read on a worker thread (pdf-worker.ts) that is stopped when the file's time budget runs out,
 * so that no PDF holds the process, and the server's event loop stays free while one is read.
 */
export async function readPdfOnThread(bytes: Uint8Array, file: string, budget: ReadBudget): Promise<Block[]> {
  const worker = startThread(import.meta.url, 'pdf-worker', budget.limits, { bytes, file, limits: budget.limits });
  try {
    return await awaitThread<Block[]>(worker, budget, (reason) => new InputError('damaged', `${file}：PDF 文件无法读取（${reason}）`, file));
  } finally {
    void worker.terminate();
  }
}
