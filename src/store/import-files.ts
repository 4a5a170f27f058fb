import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { READABLE_EXTENSIONS } from '../ingest/read-file.ts';

/**
 * A file to import: its name as the user knows it, and its bytes or its path on disk (read when its turn comes).
 * A spooled file is an upload kept in a private temporary file: it is read like bytes, so messages and the
 * stored report name it by `name`, never by its path.
 */
export type ImportFile = { name: string; bytes: Buffer; path?: string; spooled?: boolean } | { name: string; bytes?: undefined; path: string; spooled?: boolean };

export type LoadedFile = { name: string; bytes: Buffer; path?: string; spooled?: boolean };

/** The file with its bytes: read from its path when it came as a path. */
export async function load(file: ImportFile): Promise<LoadedFile> {
  return file.bytes ? file : { ...file, bytes: await readFile(file.path) };
}

/** The size of a file without reading it: one over the limit is refused before it takes any memory. */
export const sizeOf = async (file: ImportFile): Promise<number> => (file.bytes ? file.bytes.length : (await stat(file.path)).size);

/** The file with its bytes, or why it cannot be imported: over `maxFileBytes` (refused before it is read), missing or unreadable. */
export async function loadWithin(input: ImportFile, maxFileBytes: number): Promise<{ file: LoadedFile } | { failed: string }> {
  try {
    const size = await sizeOf(input);
    if (size > maxFileBytes) return { failed: `文件过大（${mib(size)}，每个文件最多 ${mib(maxFileBytes)}）` };
    return { file: await load(input) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { failed: code === 'ENOENT' ? `${input.name}：文件不存在` : `${input.name}：无法读取（${code ?? (err as Error).message}）` };
  }
}

export interface ImportItem {
  name: string;
  status: 'imported' | 'duplicate' | 'failed';
  /** The new report (imported) or the one already stored with the same bytes (duplicate). */
  reportId?: number;
  agency?: string | null;
  year?: number | null;
  template?: string;
  errors?: number;
  warnings?: number;
  /** Why the file could not be imported (Chinese). */
  reason?: string;
}

/** A file in an import's record: a queued import cancelled before a file was run records it as cancelled. */
export type RecordedItem = Omit<ImportItem, 'status'> & { status: ImportItem['status'] | 'cancelled' };

export interface ImportLimits {
  /** Files in one import, after unpacking archives. */
  maxFiles: number;
  /** Bytes of one file (also of each file inside an archive). */
  maxFileBytes: number;
  /** Bytes unpacked from the archives of one import. */
  maxUnpackedBytes: number;
  /**
   * Bytes of files read and stored together, in one transaction (a background task's files, `importFiles`'
   * groups): more are stored in consecutive groups (a larger file alone), so large files are never all held at once.
   */
  batchBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFiles: 2000, maxFileBytes: 50 * 1024 * 1024, maxUnpackedBytes: 1024 * 1024 * 1024, batchBytes: 64 * 1024 * 1024,
};

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A size in MB as the import's messages give it. */
export const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/** What can be imported: report documents, and reports as contract JSON (`ogi parse --json`, `ogi render --to json`). */
export const IMPORTABLE_EXTENSIONS: readonly string[] = [...READABLE_EXTENSIONS, '.json'];

/**
 * Items in consecutive groups of at most `max.count` items and `max.bytes` bytes (an item larger than that alone):
 * what one transaction of an import reads and stores.
 */
export function groupsWithin<T>(items: readonly T[], sizeOfItem: (item: T) => number, max: { bytes: number; count: number }): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOfItem(item);
    if (group.length && (bytes + size > max.bytes || group.length >= max.count)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += size;
  }
  if (group.length) groups.push(group);
  return groups;
}
