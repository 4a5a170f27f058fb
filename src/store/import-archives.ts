import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import { detectKind } from '../ingest/detect.ts';
import { IMPORTABLE_EXTENSIONS, load, mib, type ImportFile, type ImportItem, type ImportLimits } from './import-files.ts';

const ZIP_MAGIC = Buffer.from('PK');

/** A .zip archive by its name, or by its bytes when they are at hand (an upload's, spooled or not). */
async function isArchive(f: ImportFile): Promise<boolean> {
  if (extname(f.name).toLowerCase() === '.zip') return true;
  if (f.bytes) return detectKind(f.bytes) === 'zip';
  if (!f.spooled) return false;
  try {
    const handle = await open(f.path, 'r');
    try {
      const head = Buffer.alloc(ZIP_MAGIC.length);
      await handle.read(head, 0, head.length, 0);
      // Telling a plain archive from a Word file looks through the whole file: read only a candidate.
      return head.equals(ZIP_MAGIC) && detectKind(await handle.readFile()) === 'zip';
    } finally {
      await handle.close();
    }
  } catch {
    return false; // unreadable: said so when its turn comes
  }
}

/** Zip entry names: UTF-8 when flagged or valid, otherwise GBK (archives made on Chinese Windows). */
function decodeEntryName(bytes: string[] | Uint8Array | Buffer): string {
  const b = Array.isArray(bytes) ? Buffer.from(bytes.join(''), 'latin1') : Buffer.from(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

/** A private temporary folder, made when first asked for (`dir`) and removed with what it holds (`remove`). */
export function lazyTempDir(prefix: string): { dir: () => Promise<string>; remove: () => Promise<void> } {
  let made: string | null = null;
  return {
    dir: async () => (made ??= await mkdtemp(join(tmpdir(), prefix))),
    remove: async () => {
      if (made) await rm(made, { recursive: true, force: true });
    },
  };
}

class TooLarge extends Error {}

/**
 * Writes one archive entry to `path` as it is inflated, stopping past `max` bytes (the size an
 * entry declares may lie: a zip bomb is cut off, never held in memory). Returns the bytes written.
 */
async function inflateTo(entry: JSZip.JSZipObject, path: string, max: number): Promise<number> {
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > max ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(entry.nodeStream('nodebuffer') as unknown as NodeJS.ReadableStream, counted, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return size;
}

/**
 * Unpacks the .zip archives among the files (one level), keeping the report
 * files; what cannot be used is returned as failed items with the reason.
 * Each entry is inflated into a file of the folder `tmp` gives (memory holds one
 * archive at a time, never its contents); the caller removes the folder.
 */
export async function expandArchives(files: readonly ImportFile[], limits: ImportLimits, tmp: () => Promise<string>): Promise<{ files: ImportFile[]; failed: ImportItem[] }> {
  const out: ImportFile[] = [];
  const failed: ImportItem[] = [];
  let unpacked = 0;
  let spooled = 0;
  for (const file of files) {
    if (!(await isArchive(file))) {
      out.push(file);
      continue;
    }
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync((await load(file)).bytes, { decodeFileName: decodeEntryName });
    } catch (err) {
      failed.push({ name: file.name, status: 'failed', reason: `压缩包无法打开（${(err as Error).message}）` });
      continue;
    }
    const entries = Object.values(zip.files).filter((e) => !e.dir && !/(^|\/)(__MACOSX|\.)/.test(e.name));
    for (const entry of entries) {
      const name = `${file.name}/${entry.name}`;
      const ext = extname(entry.name).toLowerCase();
      if (ext === '.zip') {
        failed.push({ name, status: 'failed', reason: '压缩包中的压缩包不会展开，请单独上传' });
        continue;
      }
      if (!IMPORTABLE_EXTENSIONS.includes(ext)) {
        failed.push({ name, status: 'failed', reason: `不是可读取的报告文件（可读取：${IMPORTABLE_EXTENSIONS.join('、')}）` });
        continue;
      }
      const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
      if (declared > limits.maxFileBytes) {
        failed.push({ name, status: 'failed', reason: `文件过大（${mib(declared)}，每个文件最多 ${mib(limits.maxFileBytes)}）` });
        continue;
      }
      if (unpacked + declared > limits.maxUnpackedBytes) {
        failed.push({ name, status: 'failed', reason: `压缩包解压后的总大小超过 ${mib(limits.maxUnpackedBytes)}，其余文件未导入` });
        continue;
      }
      const path = join(await tmp(), `zip-${++spooled}${ext}`);
      const max = Math.min(limits.maxFileBytes, limits.maxUnpackedBytes - unpacked);
      try {
        unpacked += await inflateTo(entry, path, max);
      } catch (err) {
        const reason = !(err instanceof TooLarge)
          ? `压缩包中的文件无法解压（${(err as Error).message}）`
          : max < limits.maxFileBytes
            ? `压缩包解压后的总大小超过 ${mib(limits.maxUnpackedBytes)}，其余文件未导入`
            : `文件过大（解压后超过 ${mib(limits.maxFileBytes)}，每个文件最多 ${mib(limits.maxFileBytes)}）`;
        failed.push({ name, status: 'failed', reason });
        continue;
      }
      out.push({ name, path, spooled: true });
    }
    if (entries.length === 0) failed.push({ name: file.name, status: 'failed', reason: '压缩包中没有文件' });
  }
  return { files: out, failed };
}
