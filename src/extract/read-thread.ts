import { InputError } from '../errors.ts';
import type { ReadOptions } from '../ingest/read-file.ts';
import { ThreadPool } from '../ingest/thread-pool.ts';
import type { ReadReport } from './read-report.ts';

const pool = new ThreadPool(import.meta.url, 'read-worker');

/** Threads of the pool alive, busy or idle. */
export const readerThreads = (): number => pool.threads;

/**
 * `readReport` on a worker thread: the server reads and extracts an uploaded file there, so that a large
 * page or Word table (parsed synchronously) holds no other request. The file's time budget is kept from
 * outside (the thread is terminated when it runs out) and its memory by the thread's heap cap.
 */
export function readReportOnThread(path: string, options: ReadOptions & { shownAs?: string } = {}): Promise<ReadReport> {
  const crashed = (reason: string) => new InputError('damaged', `${path}：文件无法读取（${reason}）`, path);
  return pool.run<ReadReport>(path, options.limits ?? {}, { shownAs: options.shownAs }, crashed);
}

/**
 * `readReportOnThread` of bytes already in memory (copied to the thread: no temporary file); `name` tells the
 * format by its extension where the content does not (.md from .txt) and names the file in messages.
 */
export function readBytesOnThread(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadReport> {
  const crashed = (reason: string) => new InputError('damaged', `${name}：文件无法读取（${reason}）`, name);
  return pool.run<ReadReport>(name, options.limits ?? {}, { bytes }, crashed);
}
