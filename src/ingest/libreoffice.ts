import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.ts';
import { findProgram } from '../programs.ts';

const run = promisify(execFile);

/** .doc / .wps → .docx through LibreOffice (`soffice --headless`), in a private temporary folder. */
export async function convertToDocx(bytes: Uint8Array, file: string, timeoutMs = 120_000): Promise<Uint8Array> {
  const soffice = findProgram(['soffice', 'libreoffice']);
  if (!soffice) {
    throw new InputError(
      'unsupported',
      `${file}：读取 .doc/.wps 文件需要 LibreOffice，本机未安装。请安装 Debian 软件包 libreoffice-writer-nogui（apt-get install libreoffice-writer-nogui），或先在 Word/WPS 中另存为 .docx`,
      file,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'ogi-lo-'));
  try {
    const input = join(dir, 'input.doc');
    await writeFile(input, bytes);
    try {
      await run(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'docx', '--outdir', dir, input], { timeout: timeoutMs });
    } catch (err) {
      throw new InputError('damaged', `${file}：LibreOffice 无法转换此文件（${(err as Error).message.split('\n')[0]}）`, file);
    }
    try {
      return await readFile(join(dir, 'input.docx'));
    } catch {
      throw new InputError('damaged', `${file}：LibreOffice 未能把此文件转换为 .docx，文件可能已损坏`, file);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
