/**
 * Markdown text with its entity and numeric character references decoded, as a Markdown viewer
 * shows it (CommonMark 6.2): ogi's own md output writes the `&`, `<` and `>` of report text as
 * `&amp;`, `&lt;`, `&gt;` (render/plain.ts), and converters write `&nbsp;`, `&#12288;` and the like.
 */

/** The named references of HTML that report text uses; other names stay as written, as CommonMark leaves unknown ones. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', shy: '\u00ad',
  ndash: '–', mdash: '—', hellip: '…', middot: '·', bull: '•',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›',
  prime: '′', Prime: '″', permil: '‰', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−',
  le: '≤', ge: '≥', ne: '≠', asymp: '≈', infin: '∞', sup1: '¹', sup2: '²', sup3: '³', frac12: '½', frac14: '¼', frac34: '¾',
  copy: '©', reg: '®', trade: '™', sect: '§', para: '¶', cent: '¢', pound: '£', yen: '¥', euro: '€', curren: '¤', micro: 'µ',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', lArr: '⇐', rArr: '⇒', hArr: '⇔',
  iexcl: '¡', iquest: '¿', dagger: '†', Dagger: '‡', loz: '◊', star: '☆', starf: '★', check: '✓', cross: '✗',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * A code point a reference may stand for: not a control character (a tab or a line break would move
 * cells and lines, and offsets of lines already counted), not a surrogate, within Unicode.
 */
const decodable = (c: number) => c > 0x1f && !(c >= 0x7f && c <= 0x9f) && c !== 0x2028 && c !== 0x2029 && !(c >= 0xd800 && c <= 0xdfff) && c <= 0x10ffff;

/** Decodes in one pass: `&amp;lt;` is `&lt;`, as written for a report whose text held "&lt;". */
export function decodeMarkdownEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (ref, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name]! : ref;
    const c = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return decodable(c) ? String.fromCodePoint(c) : ref;
  });
}
