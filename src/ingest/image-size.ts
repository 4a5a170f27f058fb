import { overLimit, type ReadBudget } from './limits.ts';

/**
 * An image's width and height from its header (PNG IHDR, JPEG SOF, GIF, BMP, WebP, TIFF), read before
 * anything decodes it, so that a pixel bomb (a small file claiming 20000 × 20000) is refused at once.
 */

export interface ImageSize {
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');

function jpegSize(b: Uint8Array, view: DataView): ImageSize | null {
  let pos = 2;
  while (pos + 9 < b.length) {
    if (b[pos] !== 0xff) return null;
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(pos + 5), width: view.getUint16(pos + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    pos += 2 + view.getUint16(pos + 2);
  }
  return null;
}

function tiffSize(b: Uint8Array, view: DataView): ImageSize | null {
  const little = b[0] === 0x49;
  const u16 = (p: number) => view.getUint16(p, little);
  const u32 = (p: number) => view.getUint32(p, little);
  const ifd = u32(4);
  if (ifd + 2 > b.length) return null;
  let width = 0;
  let height = 0;
  for (let i = 0, n = u16(ifd); i < n && ifd + 2 + i * 12 + 12 <= b.length; i++) {
    const entry = ifd + 2 + i * 12;
    const tag = u16(entry);
    const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
    if (tag === 256) width = value;
    else if (tag === 257) height = value;
  }
  return width && height ? { width, height } : null;
}

export function imageSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && ascii(b, 12, 16) === 'IHDR') return { width: view.getUint32(16), height: view.getUint32(20) };
  if (b[0] === 0xff && b[1] === 0xd8) return jpegSize(b, view);
  if (ascii(b, 0, 4) === 'GIF8') return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (ascii(b, 0, 2) === 'BM') return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    const chunk = ascii(b, 12, 16);
    if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
    if (chunk === 'VP8L') {
      const bits = view.getUint32(21, true);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    return null;
  }
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return tiffSize(b, view);
  return null;
}

/** Refuses an image whose header claims more pixels than the cap. */
export function checkImagePixels(bytes: Uint8Array, budget: ReadBudget): void {
  let size: ImageSize | null;
  try {
    size = imageSize(bytes);
  } catch {
    return; // a header cut short: the decoder reports the damage
  }
  if (size && size.width * size.height > budget.limits.imagePixels) {
    throw overLimit(budget.file, `图片像素数（${size.width}×${size.height}）`, `${budget.limits.imagePixels} 像素`);
  }
}
