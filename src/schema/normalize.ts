/**
 * Text folding used wherever printed labels are compared with the schema.
 *
 * `fold` maps one UTF-16 unit to one UTF-16 unit, so offsets into the folded
 * text are offsets into the original text: provenance never needs remapping.
 */

const SPACE_LIKE = new Set([0x00a0, 0x2002, 0x2003, 0x2009, 0x200b, 0x3000, 0xfeff]);

// Kangxi radicals (U+2F00–2FD5) that PDF writers emit instead of the unified ideographs.
// NFKC maps each to a single BMP ideograph, which keeps `fold` length-preserving.
function foldCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0; // full-width ASCII
  if (SPACE_LIKE.has(code)) return 0x20;
  if (code >= 0x2f00 && code <= 0x2fd5) {
    const n = String.fromCharCode(code).normalize('NFKC');
    return n.length === 1 ? n.charCodeAt(0) : code;
  }
  if (code === 0x2212 || code === 0x2013) return 0x2d; // minus sign, en dash → "-"
  return code;
}

export function fold(text: string): string {
  let changed = false;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f !== c) changed = true;
    codes[i] = f;
  }
  if (!changed) return text;
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
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
export function labelKey(text: string): string {
  const compact = fold(text)
    .replace(/[\s*#_`]+/g, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[【〔［]/g, '[')
    .replace(/[】〕］]/g, ']')
    .replace(/．/g, '.');
  return stripNumbering(compact);
}
