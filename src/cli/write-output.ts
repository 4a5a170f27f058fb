import { closeSync, fstatSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { fileSystemReason } from '../ingest/walk.ts';
import { BINARY_FORMATS, defaultFileName, type OutputFormat } from '../render/formats.ts';
import type { Report } from '../schema/types.ts';

/** The error of an output file that cannot be written, naming it and the reason. */
export const unwritable = (file: string, err: unknown) => new InputError('unwritable', `无法写入输出文件 ${file}：${fileSystemReason(err, 'write')}`, file);

/**
 * Writes a whole output file, or throws an InputError naming the file and the reason. A file
 * cut short (disk full) is removed, never left behind as if complete; a device such as
 * /dev/stdout is written to and never removed.
 */
export function writeOutputFile(file: string, data: Buffer | string): void {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (err) {
    throw unwritable(file, err);
  }
  let regular = false;
  try {
    regular = fstatSync(fd).isFile();
    writeFileSync(fd, data);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // The write already failed; that is the error to report.
    }
    if (regular) rmSync(file, { force: true });
    throw unwritable(file, err);
  }
  try {
    closeSync(fd);
  } catch (err) {
    if (regular) rmSync(file, { force: true });
    throw unwritable(file, err);
  }
}

/**
 * Puts what `render` or `rollup` produced where the user asked: the `-o` file; else a binary
 * format to its default file name (naming the reports' agency and year), text to standard output.
 */
export async function writeOutput(format: OutputFormat, data: Buffer | string, reports: readonly Report[], output?: string): Promise<void> {
  const file = output ?? (BINARY_FORMATS.includes(format) ? defaultFileName(format, reports) : undefined);
  if (!file) {
    process.stdout.write(data);
    return;
  }
  writeOutputFile(file, data);
  process.stderr.write(`已生成 ${file}\n`);
}
