import { Worker } from 'node:worker_threads';
import { BUNDLE } from '../bundle.ts';
import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';
import type { ReadBudget } from './limits.ts';

type Reply = { extend: number } | { blocks: Block[] } | { error: { code?: InputError['code']; message: string } };

/**
 * A PDF read on a worker thread (pdf-worker.ts) that is stopped when the file's time budget runs out,
 * so that no PDF holds the process, and the server's event loop stays free while one is read.
 */
export function readPdfOnThread(bytes: Uint8Array, file: string, budget: ReadBudget): Promise<Block[]> {
  return new Promise((resolve, reject) => {
    const workerData = { bytes, file, limits: budget.limits };
    const worker = BUNDLE ? new Worker(new URL('./pdf-worker.js', import.meta.url), { workerData }) : onTsx(workerData);
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(budget.timeUp());
      }, budget.remaining());
    };
    const finish = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    arm();
    worker.on('message', (m: Reply) => {
      if ('extend' in m) {
        budget.extend(m.extend);
        arm();
      } else if ('blocks' in m) {
        finish();
        resolve(m.blocks);
      } else {
        finish();
        reject(m.error.code ? new InputError(m.error.code, m.error.message, file) : new Error(m.error.message));
      }
    });
    worker.on('error', (err) => {
      finish();
      reject(new InputError('damaged', `${file}：PDF 文件无法读取（${err.message.split('\n')[0]}）`, file));
    });
    worker.on('exit', () => clearTimeout(timer));
  });
}

/** The worker from the TypeScript sources: tsx registered in the thread first (as bin/ogi does), then the module imported. */
function onTsx(workerData: object): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./pdf-worker.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((m) => { m.register(); return import(${entry}); })`, { eval: true, workerData });
}
