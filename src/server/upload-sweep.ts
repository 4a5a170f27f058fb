import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPLOAD_DIR_PREFIX } from './multipart.ts';

/** No upload lasts this long: a folder older than this was left by a server that was killed mid-upload. */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes upload folders that a killed server left in the temporary folder (a running server
 * removes its own). Others' folders still in use are younger than a day. Returns how many were removed.
 */
export async function sweepStaleUploads(dir = tmpdir(), now = Date.now()): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(UPLOAD_DIR_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isDirectory() || now - info.mtimeMs < STALE_MS) continue;
      await rm(path, { recursive: true, force: true });
      removed++;
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}
