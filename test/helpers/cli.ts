import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = new URL('../..', import.meta.url).pathname;

/** Runs ./bin/ogi from the repository root; never throws, returns the exit code and both streams. */
export async function ogi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return ogiIn(root, ...args);
}

/** ogi run in the folder `cwd` (where files named by default are written). */
export async function ogiIn(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(root, 'bin', 'ogi'), args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
