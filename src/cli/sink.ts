import { createWriteStream, fstatSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from '../errors.ts';
import { fileSystemReason } from '../ingest/walk.ts';

/** Where streamed output goes, with back-pressure: a write waits while the reader is behind. */
export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
  end(): Promise<void>;
}

function streamSink(stream: NodeJS.WritableStream, file: string | null, close: boolean): Sink {
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    const why = fileSystemReason(err, 'write');
    failure = file ? new InputError('unwritable', `无法写入输出文件 ${file}：${why}`, file) : new InputError('unwritable', `无法写入标准输出：${why}`);
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async write(chunk) {
      check();
      if (!stream.write(chunk)) {
        // The listener that lost the race is removed, or a long run would pile up 'error' listeners.
        const settled = new AbortController();
        const wait = (event: string) => once(stream, event, { signal: settled.signal }).catch(() => {});
        await Promise.race([wait('drain'), wait('error')]);
        settled.abort();
      }
      check();
    },
    async end() {
      check();
      if (close) await new Promise<void>((resolve) => (stream as WriteStream).end(resolve));
      check();
    },
  };
}

/**
 * A file (created now, replaced if it exists), or standard output when no file is named. A file
 * that fails part-way (disk full) is removed, never left behind as if complete.
 */
export function openSink(file?: string): Sink {
  if (!file) return streamSink(process.stdout, null, false);
  const stream = createWriteStream(file);
  let regular = false;
  stream.on('open', (fd: number) => {
    regular = fstatSync(fd).isFile();
  });
  stream.on('error', () => {
    if (regular) rmSync(file, { force: true });
  });
  return streamSink(stream, file, true);
}
