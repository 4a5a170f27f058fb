import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';

/** PDF → paragraphs and tables (text layer; OCR for pages without text). */
export async function readPdf(_bytes: Uint8Array, file: string): Promise<Block[]> {
  throw new InputError('unsupported', `${file}：PDF 读取尚未实现`, file);
}
