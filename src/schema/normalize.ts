/**
 * Text folding used wherever printed labels are compared with the schema.
 *
 * `fold` maps one UTF-16 unit to one UTF-16 unit, so offsets into the folded
 * text are offsets into the original text: provenance never needs remapping.
 */

import { radicalUnit } from './radicals.ts';

const SPACE_LIKE = new Set([0x00a0, 0x2002, 0x2003, 0x2009, 0x200b, 0x3000, 0xfeff]);

// Kangxi and supplementary radicals that PDF writers emit instead of the unified ideographs,
// read as the simplified forms a mainland report means (radicals.ts); one unit for one, so
// `fold` keeps offsets.
function foldCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0; // full-width ASCII
  if (SPACE_LIKE.has(code)) return 0x20;
  if (code >= 0x2e80 && code <= 0x2fdf) return radicalUnit(code) ?? code;
  if (code === 0x2212 || code === 0x2013) return 0x2d; // minus sign, en dash → "-"
  return code;
}

const NEEDS_FOLD = /[\uff01-\uff5e\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff\u2e80-\u2fdf\u2212\u2013]/;
const utf16 = new TextDecoder('utf-16le');

// Every UTF-16 unit's folded unit, computed once: fold runs over every text ogi reads, often more than once.
const FOLDED = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) FOLDED[c] = c < 0xa0 ? c : foldCode(c);

/** `fold` of one UTF-16 unit. */
export function foldUnit(code: number): number {
  return FOLDED[code]!;
}

export function fold(text: string): string {
  if (!NEEDS_FOLD.test(text)) return text;
  const n = text.length;
  const codes = new Uint16Array(n);
  let surrogates = 0;
  for (let i = 0; i < n; i++) {
    const c = FOLDED[text.charCodeAt(i)]!;
    codes[i] = c;
    surrogates |= (c & 0xf800) === 0xd800 ? 1 : 0;
  }
  // The decoder reads an unpaired surrogate as U+FFFD (and would drop a leading BOM, which folding
  // never leaves): such text still goes through it. Any other is copied into a string as it is,
  // in a fifth of the decoder's time.
  if (surrogates || codes[0] === 0xfeff) return utf16.decode(codes);
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).toString('utf16le');
}

const NUMBERING =
  /^(?:\((?:[一二三四五六七八九十]+|\d+)\)|[一二三四五六七八九十]+[、.]|\d+\s*[、.](?!\d)|第[一二三四五六七八九十]+部分[、.:]?)\s*/;

/** Removes a leading list number: 一、 （一） (1) 1. 1、 4． */
export function stripNumbering(text: string): string {
  return text.replace(NUMBERING, '');
}

/**
 * The comparable form of a printed label: folded, without whitespace, quotes or
 * markup, with brackets unified, and without its leading list number.
 */
const LABEL_NOISE = /[\s*#_`“”"'‘’「」『』【〔［】〕］．]/g;
const LABEL_MAP: Record<string, string> = { '【': '[', '〔': '[', '［': '[', '】': ']', '〕': ']', '］': ']', '．': '.' };

// Reports print the same few hundred labels over and over.
const keyMemo = new Map<string, string>();

export function labelKey(text: string): string {
  let key = keyMemo.get(text);
  if (key === undefined) {
    key = stripNumbering(fold(text).replace(LABEL_NOISE, (ch) => LABEL_MAP[ch] ?? ''));
    if (text.length <= 80) {
      if (keyMemo.size >= 20000) keyMemo.clear();
      keyMemo.set(text, key);
    }
  }
  return key;
}
