import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.ts';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes → text. A BOM decides; otherwise strict UTF-8, and when that fails GB18030
 * (a superset of GBK and GB2312, which many government sites still serve).
 * Line endings are kept as printed so that offsets stay true to the file.
 */
export function decodeText(bytes: Uint8Array, file?: string): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeOrFail(utf8, bytes.subarray(3), 'UTF-8', file), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
  {
    const text = new TextDecoder('gb18030').decode(bytes);
    if (looksBinary(text)) {
      throw new InputError('unreadable', `${file ?? '输入'}：不是可识别的文本编码（既不是 UTF-8 也不是 GBK/GB18030）`, file);
    }
    return { text, encoding: 'gb18030' };
  }
}

function decodeOrFail(decoder: TextDecoder, bytes: Uint8Array, name: string, file?: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new InputError('unreadable', `${file ?? '输入'}：文件声明为 ${name}，但内容不是有效的 ${name} 编码`, file);
  }
}

/** Control characters or replacement characters in bulk mean the bytes are not text at all. */
function looksBinary(text: string): boolean {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad > Math.max(8, text.length * 0.01);
}
