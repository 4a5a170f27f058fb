/**
 * Glyphs → lines: glyphs whose centres line up form a line, read left to right; a line is cut into runs
 * (fragments) at gaps too wide for one cell or phrase, and a run is numeric when it prints a number.
 */
import { median } from './layout-geometry.ts';
import { isWide, joinGlyphs, midOf, NUMERIC } from './layout-text.ts';
import type { Frag, Glyph, LayoutOptions, Line } from './layout-types.ts';

/** The glyphs of a page (or of one cell) as lines, top to bottom. */
export function buildLines(page: number, glyphs: Glyph[], opts: LayoutOptions): Line[] {
  const sorted = [...glyphs].sort((a, b) => midOf(a) - midOf(b) || a.x0 - b.x0);
  const groups: { glyphs: Glyph[]; mid: number; size: number }[] = [];
  for (const g of sorted) {
    const m = midOf(g);
    const cur = groups[groups.length - 1];
    if (cur && Math.abs(m - cur.mid) <= 0.5 * Math.max(cur.size, Math.min(g.size, cur.size * 2))) {
      cur.glyphs.push(g);
      // Track the centre of the line's main characters, not of punctuation.
      if (!/[，。、,.．：:；;'"“”‘’]/.test(g.text)) {
        const n = cur.glyphs.length;
        cur.mid += (m - cur.mid) / n;
        cur.size = Math.max(cur.size, g.size);
      }
    } else {
      groups.push({ glyphs: [g], mid: m, size: g.size });
    }
  }
  return groups.map((grp) => makeLine(page, grp.glyphs, opts));
}

const byX = (a: Glyph, b: Glyph): number => a.x0 - b.x0;

/**
 * Left to right. OCR glyphs keep the recogniser's order within one of its lines
 * (a word box can be wider than the word); its lines are placed by their left edge.
 */
function readingOrder(glyphs: readonly Glyph[]): Glyph[] {
  if (!glyphs.some((g) => g.ocrLine !== undefined)) return [...glyphs].sort(byX);
  const groups = new Map<number, Glyph[]>();
  let other = -1;
  for (const g of glyphs) {
    const key = g.ocrLine ?? other--;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(g);
  }
  const runs = [...groups.values()].map((gs) => gs.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.x0 - b.x0));
  // Runs of different recogniser lines: split a run where another run's glyph falls between its glyphs.
  runs.sort((a, b) => Math.min(...a.map((g) => g.x0)) - Math.min(...b.map((g) => g.x0)));
  if (runs.length === 1) return runs[0]!;
  const out: Glyph[] = [];
  const pieces: Glyph[][] = [];
  for (const run of runs) {
    let cur: Glyph[] = [];
    for (const g of run) {
      const prev = cur[cur.length - 1];
      if (prev && runs.some((r) => r !== run && r.some((h) => h.x0 > prev.x0 && h.x0 < g.x0))) {
        pieces.push(cur);
        cur = [];
      }
      cur.push(g);
    }
    if (cur.length) pieces.push(cur);
  }
  pieces.sort((a, b) => a[0]!.x0 - b[0]!.x0);
  for (const p of pieces) out.push(...p);
  return out;
}

function makeLine(page: number, glyphs: Glyph[], opts: LayoutOptions): Line {
  const gs = readingOrder(glyphs);
  const size = median(gs.filter((g) => isWide(g.text) || /\d/.test(g.text)).map((g) => (opts.ocr ? g.bottom - g.top : g.size))) || median(gs.map((g) => g.size));
  const frags = fragments(gs, size, opts);
  return {
    page,
    glyphs: gs,
    x0: Math.min(...gs.map((g) => g.x0)),
    x1: Math.max(...gs.map((g) => g.x1)),
    top: Math.min(...gs.map((g) => g.top)),
    bottom: Math.max(...gs.map((g) => g.bottom)),
    mid: median(gs.map(midOf)),
    size,
    frags,
    text: frags.map((f) => f.text).join(' '),
    flow: 0,
  };
}

/** Runs of glyphs separated by gaps that are too wide for one cell or phrase. */
function fragments(gs: readonly Glyph[], size: number, opts: LayoutOptions): Frag[] {
  const out: Frag[] = [];
  let cur: Glyph[] = [];
  const flush = () => {
    if (!cur.length) return;
    out.push(makeFrag(cur, size));
    cur = [];
  };
  for (const g of gs) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const gap = g.x0 - prev.x1;
      const wideBoth = isWide(prev.text) && isWide(g.text);
      const limit = opts.ocr ? (wideBoth ? 1.1 : 1.0) * size : (wideBoth ? 0.15 : 0.9) * size;
      if (gap > limit) flush();
    }
    cur.push(g);
  }
  flush();
  return out;
}

/** A run of glyphs on a line, with its text and whether it prints a number. */
export function makeFrag(glyphs: Glyph[], size: number): Frag {
  const text = joinGlyphs(glyphs, size);
  return { glyphs, x0: glyphs[0]!.x0, x1: Math.max(...glyphs.map((g) => g.x1)), text, numeric: NUMERIC.test(text) };
}
