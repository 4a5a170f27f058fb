// Whether the prebuilt command line (.build/, scripts/build.mjs) still matches the sources.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = join(ROOT, '.build');
export const STAMP = join(BUILD_DIR, 'sources.json');

/** The number of source files and the newest modification time among them (and of package.json). */
export function sourceState() {
  let files = 0;
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else {
        files++;
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return { files, newest };
}

/** True when .build was made from the sources as they are now (no file added, removed or changed since). */
export function prebuiltIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  const now = sourceState();
  return now.files === stamp.files && now.newest <= stamp.newest;
}
