import { basename } from 'node:path';
import { checkByteCount, readBytes, sourceOf, type SourceText } from '../ingest/read-file.ts';
import type { ReadBudget } from '../ingest/limits.ts';
import { extractSource } from './index.ts';
import type { ExtractedReport } from './report.ts';

export interface ReadReport {
  source: SourceText;
  report: ExtractedReport;
}

/**
 * Reads one report file and extracts its report, in this thread (read-thread.ts runs it on a worker);
 * `shownAs` is the path the source and the report name (an upload's own name, not its temporary file).
 */
export async function readReport(path: string, budget: ReadBudget, shownAs = path): Promise<ReadReport> {
  const source = { ...(await sourceOf(path, await readBytes(path, budget), budget)), path: shownAs };
  return { source, report: extractSource(source) };
}

/** `readReport` of bytes already in memory (an upload, a queued file, a kept original); `name` gives the format's extension and names the file in messages. */
export async function readReportBytes(name: string, bytes: Uint8Array, budget: ReadBudget): Promise<ReadReport> {
  checkByteCount(name, bytes.length, budget);
  const read = await sourceOf(name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), budget);
  // An upload's name may carry a Windows folder.
  const source = { ...read, name: basename(name.replace(/\\/g, '/')) };
  return { source, report: extractSource(source) };
}
