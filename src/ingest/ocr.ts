import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';

/** Image (PNG, JPEG, TIFF, …) → paragraphs and tables through Tesseract OCR. */
export async function readImage(_bytes: Uint8Array, file: string): Promise<Block[]> {
  throw new InputError('unsupported', `${file}：图片识别（OCR）尚未实现`, file);
}
