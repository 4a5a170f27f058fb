import JSZip from 'jszip';
import { InputError } from '../errors.ts';
import { formatBytes, overLimit, type ReadBudget } from './limits.ts';

/**
 * The parts of a Word package, read under the caps of `ReadBudget`: the entry count from the end of
 * central directory record before anything is parsed, the sizes the entries declare, and the bytes
 * actually inflated (a zip bomb may declare small sizes), counted while inflating.
 */

const EOCD = 0x06054b50;

/** Entries the end of central directory record declares; null when it is not found (a truncated file). */
function declaredEntries(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = bytes.length - 22; pos >= Math.max(0, bytes.length - 22 - 0xffff); pos--) {
    if (view.getUint32(pos, true) === EOCD) return view.getUint16(pos + 10, true);
  }
  return null;
}

export async function openZip(bytes: Uint8Array, budget: ReadBudget): Promise<JSZip> {
  const { file, limits } = budget;
  budget.cap('zipEntries', declaredEntries(bytes) ?? 0, 'Word 压缩包中的文件数');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new InputError('damaged', `${file}：Word 文件已损坏，无法解压`, file);
  }
  const entries = Object.values(zip.files);
  budget.cap('zipEntries', entries.length, 'Word 压缩包中的文件数');
  let declared = 0;
  for (const entry of entries) declared += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (declared > limits.zipDeclaredBytes) throw overLimit(file, 'Word 压缩包声明的解压后大小', formatBytes(limits.zipDeclaredBytes));
  return zip;
}

/** One part as UTF-8 text, inflated up to `xmlPartBytes`; undefined when the package has no such part. */
export function readZipText(zip: JSZip, name: string, budget: ReadBudget): Promise<string | undefined> {
  const entry = zip.file(name);
  if (!entry) return Promise.resolve(undefined);
  const { file, limits } = budget;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let stopped = false;
    const stream = entry.nodeStream('nodebuffer');
    const stop = (err: InputError) => {
      stopped = true;
      stream.pause();
      stream.removeAllListeners('data');
      reject(err);
    };
    stream
      .on('data', (chunk: Buffer) => {
        if (stopped) return;
        size += chunk.length;
        if (size > limits.xmlPartBytes) return stop(overLimit(file, `Word 压缩包中 ${name} 解压后的大小`, formatBytes(limits.xmlPartBytes)));
        if (budget.expired()) return stop(budget.timeUp());
        chunks.push(chunk);
      })
      .on('error', () => {
        if (!stopped) reject(new InputError('damaged', `${file}：Word 文件已损坏，无法解压 ${name}`, file));
      })
      .on('end', () => {
        if (!stopped) resolve(new TextDecoder('utf-8').decode(Buffer.concat(chunks)));
      });
  });
}

