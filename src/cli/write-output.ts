import { writeFileSync } from 'node:fs';
import { BINARY_FORMATS, type OutputFormat } from '../render/formats.ts';
import type { Report } from '../schema/types.ts';

/**
 * Puts what `render` or `rollup` produced where the user asked: the `-o` file; else a binary
 * format to its default file name (naming the reports' agency and year), text to standard output.
 */
export async function writeOutput(format: OutputFormat, data: Buffer | string, reports: readonly Report[], output?: string): Promise<void> {
  const { defaultFileName } = await import('../render/index.ts');
  const file = output ?? (BINARY_FORMATS.includes(format) ? defaultFileName(format, reports) : undefined);
  if (!file) {
    process.stdout.write(data);
    return;
  }
  writeFileSync(file, data);
  process.stderr.write(`已生成 ${file}\n`);
}
