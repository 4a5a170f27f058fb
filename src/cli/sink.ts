import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from '../errors.ts';

/** Where streamed output goes, with back-pressure: a write waits while the reader is behind. */
export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
  end(): Promise<void>;
}

function streamSink(stream: NodeJS.WritableStream, name: string, close: boolean): Sink {
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    failure = new InputError('unreadable', `${name}：无法写入（${err.code ?? err.message}）`, name);
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

/** A file (created now, replaced if it exists), or standard output when no file is named. */
export function openSink(file?: string): Sink {
  if (!file) return streamSink(process.stdout, '标准输出', false);
  return streamSink(createWriteStream(file), file, true);
}
