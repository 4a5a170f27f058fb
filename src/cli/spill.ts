import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a value was put aside: [offset, length] in the spill file. */
export type Spilled = readonly [number, number];

/**
 * JSON values put aside in a temporary file until they are needed again, so that a command that
 * must see every input before it writes (`ogi check`: the cross-year rules pair reports) holds
 * only their places in memory, however large the corpus. The file is unlinked as soon as it is
 * open: nothing is left behind, even when the process is killed.
 */
export class Spill {
  private readonly dir = mkdtempSync(join(tmpdir(), 'ogi-'));
  private readonly fd = openSync(join(this.dir, 'spill'), 'w+');
  private size = 0;

  constructor() {
    this.removeFile();
  }

  /** Removes the file (a system that cannot remove an open file keeps it until close). */
  private removeFile(): void {
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // removed at close()
    }
  }

  /** A value already serialised as JSON (text, or its UTF-8 bytes). */
  add(json: string | Uint8Array): Spilled {
    const bytes = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
    const at: Spilled = [this.size, bytes.length];
    this.size += bytes.length;
    return at;
  }

  read<T>([offset, length]: Spilled): T {
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) done += readSync(this.fd, bytes, done, length - done, offset + done);
    return JSON.parse(bytes.toString('utf8')) as T;
  }

  close(): void {
    closeSync(this.fd);
    this.removeFile();
  }
}
