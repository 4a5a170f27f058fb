import { Worker } from 'node:worker_threads';
import { BUNDLE } from '../bundle.ts';
import { InputError } from '../errors.ts';
import type { Limits, ReadBudget } from './limits.ts';

/** What a reading thread posts (thread-task.ts): more time for OCR pages, then its result or its error. */
export type ThreadReply<T> = { extend: number } | { result: T } | { error: { code?: InputError['code']; message: string } };

/**
 * Starts the worker module `name` that sits beside the module `base` (its import.meta.url), its heap capped at
 * `limits.readMemoryMb`: the prebuilt file in the CLI bundle, or the TypeScript source with tsx registered
 * in the thread first (as bin/ogi does), since Node 20 does not pass tsx on to workers.
 */
export function startThread(base: string, name: string, limits: Limits, workerData?: unknown): Worker {
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: limits.readMemoryMb } };
  if (BUNDLE) return new Worker(new URL(`./${name}.js`, base), options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL(`./${name}.ts`, base).href);
  return new Worker(`import(${tsx}).then((m) => { m.register(); return import(${entry}); })`, { eval: true, ...options });
}

/**
 * The reply of a thread that was just given a file, under the file's budget: when the time runs out or the
 * thread dies (out of memory, a crash), the thread is terminated, `lost` is called and the promise rejects
 * with the Chinese error that names the file. A thread that replied may take the next file.
 */
export function awaitThread<T>(worker: Worker, budget: ReadBudget, crashed: (reason: string) => InputError, lost = () => {}): Promise<T> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => end(budget.timeUp(), true), budget.remaining());
    };
    const end = (err: Error | null, drop: boolean, result?: T) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (drop) {
        lost();
        void worker.terminate();
      }
      if (err) reject(err);
      else resolve(result as T);
    };
    const onMessage = (m: ThreadReply<T>) => {
      if ('extend' in m) {
        budget.extend(m.extend);
        arm();
      } else if ('result' in m) end(null, false, m.result);
      else end(m.error.code ? new InputError(m.error.code, m.error.message, budget.file) : new Error(m.error.message), false);
    };
    const onError = (err: Error & { code?: string }) => {
      const mb = budget.limits.readMemoryMb;
      const outOfMemory = new InputError('unsupported', `${budget.file}：读取时内存超过上限（${mb} MB），已停止读取`, budget.file);
      end(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory : crashed(err.message.split('\n')[0]!), true);
    };
    const onExit = (code: number) => end(crashed(`读取线程意外退出，退出码 ${code}`), true);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    arm();
  });
}
