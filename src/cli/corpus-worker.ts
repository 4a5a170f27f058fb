import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusEntry } from './corpus-inputs.ts';
import { processItem, type CorpusTask } from './corpus-item.ts';

/** A worker thread of the corpus pool (src/cli/pool.ts): does the task on each input it is sent. */
const task = (workerData as { task: CorpusTask }).task;
// Output written as it is (not re-indented into a JSON array) goes back as UTF-8 bytes, moved, not copied.
const verbatim = !(task.command === 'parse' && task.output === 'json') && !(task.command === 'render' && task.format === 'json');
const encoder = new TextEncoder();

parentPort!.on('message', (m: { index: number; entry: CorpusEntry }) => {
  void processItem(m.entry, task).then((result) => {
    const moved: ArrayBuffer[] = [];
    if (verbatim) {
      for (const r of result.records) {
        if (typeof r.chunk !== 'string') continue;
        const bytes = encoder.encode(r.chunk);
        r.chunk = bytes;
        moved.push(bytes.buffer as ArrayBuffer);
      }
    }
    parentPort!.postMessage({ index: m.index, result }, moved);
  });
});
