/**
 * Characters and text of glyphs: which characters are wide (CJK), what a numeric run looks like,
 * splitting a run of text into glyphs, and joining glyphs and lines back into text.
 */
import type { Glyph } from './layout-types.ts';

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014]/;
export const isWide = (ch: string): boolean => WIDE.test(ch);
export const NUMERIC = /^[+\-−]?\d+(?:[.,]\d+)*(?:%|万元|元)?$/;

/**
 * Splits a run of text with a known extent into glyphs. With a font size,
 * wide (CJK) characters are one em wide and the others share the rest; without
 * one (OCR), widths are proportional (wide 1, narrow 0.55).
 */
export function splitRun(
  text: string, x0: number, x1: number, top: number, bottom: number, base: number, size: number, conf?: number, fixedEm = true,
): Glyph[] {
  const chars = [...text];
  if (chars.length === 0) return [];
  const width = Math.max(0, x1 - x0);
  const wide = chars.map(isWide);
  const nWide = wide.filter(Boolean).length;
  const nNarrow = chars.length - nWide;
  let wideW: number;
  let narrowW: number;
  if (fixedEm && nWide * size <= width * 1.05 && nNarrow > 0) {
    wideW = Math.min(size, width / Math.max(1, nWide));
    narrowW = (width - nWide * wideW) / nNarrow;
  } else {
    const unit = width / (nWide + 0.55 * nNarrow || 1);
    wideW = unit;
    narrowW = 0.55 * unit;
  }
  const out: Glyph[] = [];
  let x = x0;
  chars.forEach((ch, i) => {
    const w = wide[i] ? wideW : narrowW;
    if (ch.trim() !== '') out.push({ text: ch, x0: x, x1: x + w, top, bottom, base, size, ...(conf !== undefined ? { conf } : {}) });
    x += w;
  });
  return out;
}

export const midOf = (g: Glyph) => (g.top + g.bottom) / 2;

/** Text of glyphs on one line, sorted by x: no space between wide characters, a space between words. */
export function joinGlyphs(glyphs: readonly Glyph[], size: number): string {
  let out = '';
  let prev: Glyph | null = null;
  for (const g of glyphs) {
    if (prev) {
      const gap = g.x0 - prev.x1;
      const a = prev.text[prev.text.length - 1]!;
      const b = g.text[0]!;
      if (!isWide(a) && !isWide(b) && gap > 0.22 * size) out += ' ';
    }
    out += g.text;
    prev = g;
  }
  return out;
}

/** Joins the lines of one cell or paragraph: no break between wide characters, a space between words. */
export function joinLines(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    if (!t) continue;
    if (out && !isWide(out[out.length - 1]!) && !isWide(t[0]!) && /[\w)]$/.test(out) && /^[\w(]/.test(t)) out += ' ';
    out += t;
  }
  return out;
}
