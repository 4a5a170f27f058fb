import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InputError } from '../errors.ts';
import type { SourceFormat } from '../schema/types.ts';
import { decodeText } from './decode.ts';

export interface SourceText {
  path: string;
  name: string;
  format: SourceFormat;
  encoding: string;
  text: string;
}

const TEXT_FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md' };
export const READABLE_EXTENSIONS = Object.keys(TEXT_FORMATS);

/** Reads one report file as text. Errors name the file and say what is wrong, in Chinese. */
export async function readSource(path: string): Promise<SourceText> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError('usage', `${path}：是目录，不是文件`, path);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('missing', `${path}：文件不存在`, path);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError('unreadable', `${path}：没有读取权限`, path);
    throw new InputError('unreadable', `${path}：无法读取（${code ?? String(err)}）`, path);
  }
  const format = TEXT_FORMATS[extname(path).toLowerCase()] ?? 'txt';
  if (bytes.length === 0) throw new InputError('empty', `${path}：文件为空`, path);
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-' || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3)) {
    throw new InputError('unsupported', `${path}：暂不支持此文件格式（PDF、Word 等格式的读取尚未实现），请先另存为文本`, path);
  }
  const { text, encoding } = decodeText(bytes, path);
  if (text.trim() === '') throw new InputError('empty', `${path}：文件只有空白，没有内容`, path);
  return { path, name: basename(path), format, encoding, text };
}

/** Expands directories (recursively) into the report files they hold, sorted by path. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      out.push(input); // reported as missing when read
      continue;
    }
    if (!info.isDirectory()) {
      out.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && READABLE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
      .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
      .sort();
    if (files.length === 0) throw new InputError('missing', `${input}：目录中没有可读取的报告文件（${READABLE_EXTENSIONS.join('、')}）`, input);
    out.push(...files);
  }
  return out;
}
