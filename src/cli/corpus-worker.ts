import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusEntry } from './corpus-inputs.ts';
import { processItem, type CorpusTask } from './corpus-item.ts';

/** A worker thread of the corpus pool (src/cli/pool.ts): does the task on each input it is sent. */
const task = (workerData as { task: CorpusTask }).task;
// Output written as it is (not re-indented into a JSON array) goes back as UTF-8 bytes, moved, not copied.
const verbatim = !(task.command === 'parse' && task.output === 'json') && !(task.command === 'render' && task.format === 'json');
const encoder = new TextEncoder();

function moveBytes(text: string, moved: ArrayBuffer[]): Uint8Array {
  const bytes = encoder.encode(text);
  moved.push(bytes.buffer as ArrayBuffer);
  return bytes;
}

parentPort!.on('message', (m: { index: number; entry: CorpusEntry }) => {
  void processItem(m.entry, task).then((result) => {
    const moved: ArrayBuffer[] = [];
    if (verbatim) {
      for (const r of result.records) {
        if (typeof r.chunk === 'string') r.chunk = moveBytes(r.chunk, moved);
        if (typeof r.seriesChunk === 'string') r.seriesChunk = moveBytes(r.seriesChunk, moved);
      }
    }
    parentPort!.postMessage({ index: m.index, result }, moved);
  });
});
