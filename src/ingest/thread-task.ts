import { parentPort } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import { ReadBudget, type Limits } from './limits.ts';
import type { ThreadReply } from './thread.ts';

/**
 * The thread's side of thread.ts: reads one file under its own budget, whose extensions (OCR pages) are
 * passed on to the main thread's, and posts the result or the error.
 */
export async function answerTask<T>(file: string, limits: Limits, task: (budget: ReadBudget) => Promise<T>): Promise<void> {
  const post = (reply: ThreadReply<T>) => parentPort!.postMessage(reply);
  const budget = new ReadBudget(file, limits);
  const extend = budget.extend.bind(budget);
  budget.extend = (ms: number) => {
    extend(ms);
    post({ extend: ms });
  };
  try {
    post({ result: await task(budget) });
  } catch (err) {
    post({ error: err instanceof InputError ? { code: err.code, message: err.message } : { message: err instanceof Error ? err.message : String(err) } });
  }
}
