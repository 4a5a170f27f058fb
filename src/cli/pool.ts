import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BUNDLE } from '../bundle.ts';
import type { CorpusEntry } from './corpus-inputs.ts';
import type { CorpusTask, ItemResult } from './corpus-item.ts';

/** Inputs in flight per worker: one read while another is parsed. */
const PER_WORKER = 2;
/** How far ahead of the next result to emit work may run (bounds the results held for input order). */
const WINDOW_PER_WORKER = 8;

/**
 * Files a corpus must have for worker threads to pay off. Each thread compiles the readers and the rules
 * anew (with bin/ogi's compiler settings, about 1 s of CPU per thread before it runs at full speed), while
 * the main thread alone gets that compilation done on a spare core. So k threads win only when the share
 * of files they take off the main thread, n × (1 − 1/k), outweighs about 600 files; on this 2-core machine
 * (whole process, one thread vs two): 1,000 files even for parse (1.4–2.0 vs 1.6 s) and check (2.4–3.1 vs
 * 2.6 s), 2,000 files parse 2.2 vs 2.0 s and check 4.2 vs 3.5 s.
 */
const WARM_UP_FILES = 600;

/** Threads for `files` inputs when --jobs is not given: one per core, or the main thread alone for a small corpus. */
export function defaultJobs(files: number, cores = availableParallelism()): number {
  return cores > 1 && files * (1 - 1 / cores) > WARM_UP_FILES ? cores : 1;
}

export type Emit = (result: ItemResult, index: number) => Promise<void>;

/**
 * Does the task on every input and hands the results to `emit` in input order, one at a time
 * (emit may wait: output back-pressure slows the work down). `jobs` worker threads, or in this
 * thread for `jobs` 1 (or a single input); at most a bounded window of results waits for its turn,
 * so memory does not grow with the corpus.
 */
export async function runCorpus(entries: readonly CorpusEntry[], task: CorpusTask, jobs: number, emit: Emit): Promise<void> {
  if (jobs <= 1 || entries.length <= 1) return inProcess(entries, task, emit);
  return onWorkers(entries, task, Math.min(jobs, entries.length), emit);
}

/** In this thread; the next few files are read while one is parsed. */
async function inProcess(entries: readonly CorpusEntry[], task: CorpusTask, emit: Emit): Promise<void> {
  // Loaded here only: with workers, the main thread never loads the readers and the rules.
  const { processItem } = await import('./corpus-item.ts');
  const ahead: Promise<ItemResult>[] = [];
  let started = 0;
  const fill = () => {
    while (started < entries.length && ahead.length < PER_WORKER * 2) ahead.push(processItem(entries[started++]!, task));
  };
  fill();
  for (let i = 0; i < entries.length; i++) {
    const result = await ahead.shift()!;
    fill();
    await emit(result, i);
  }
}

/** The prebuilt worker (plain JavaScript) or the one that starts tsx first. */
const WORKER_URL = BUNDLE ? new URL('./corpus-worker.js', import.meta.url) : new URL('./corpus-worker.mjs', import.meta.url);

async function onWorkers(entries: readonly CorpusEntry[], task: CorpusTask, count: number, emit: Emit): Promise<void> {
  const workers = Array.from({ length: count }, () => new Worker(WORKER_URL, { workerData: { task } }));
  const window = count * WINDOW_PER_WORKER;
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  const done = new Map<number, ItemResult>();
  let next = 0;
  let emitted = 0;
  let emitting = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const dispatch = () => {
        for (const w of workers) {
          while (inFlight.get(w)! < PER_WORKER && next < entries.length && next < emitted + window) {
            w.postMessage({ index: next, entry: entries[next] });
            inFlight.set(w, inFlight.get(w)! + 1);
            next++;
          }
        }
      };
      const flush = async () => {
        if (emitting) return;
        emitting = true;
        try {
          while (done.has(emitted)) {
            const result = done.get(emitted)!;
            done.delete(emitted);
            await emit(result, emitted);
            emitted++;
            dispatch();
          }
        } catch (err) {
          reject(err);
        } finally {
          emitting = false;
        }
        if (emitted === entries.length) resolve();
      };
      for (const w of workers) {
        w.on('message', (m: { index: number; result: ItemResult }) => {
          inFlight.set(w, inFlight.get(w)! - 1);
          done.set(m.index, m.result);
          dispatch();
          void flush();
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (emitted < entries.length) reject(new Error(`工作线程意外退出（退出码 ${code}）`));
        });
      }
      dispatch();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
