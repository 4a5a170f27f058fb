/**
 * Positioned glyphs → lines → paragraphs and tables, shared by the PDF text
 * layer (pdf.ts) and OCR (ocr.ts).
 *
 * Tables come from two kinds of evidence:
 * - ruling lines (PDF paths, or lines found in an image): the grid they draw,
 *   with merged cells where a border is missing; text goes to the cell that
 *   holds its centre;
 * - for tables printed without borders: lines with several cells (gaps between
 *   text runs, numbers), whose columns are found from the gaps that line up and
 *   whose rows are found from the value lines, multi-line cells being centred on
 *   their row.
 * Tables cut by a page break are joined. Page headers, footers and page numbers
 * are dropped.
 */
import { SECTIONS } from '../schema/sections.ts';
import type { Block, SourceLocation, TextPiece } from './blocks.ts';

/** One character (or an unsplittable run) with its place on the page, y from the top. */
export interface Glyph {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Baseline (PDF) or bottom of the box (OCR). */
  base: number;
  /** Font size or character height. */
  size: number;
  /** OCR confidence, 0–100. */
  conf?: number;
  /** OCR: the recogniser's line and the glyph's place in it (word boxes can be wider than the word, so order is kept). */
  ocrLine?: number;
  seq?: number;
}

/** A ruling line as a thin rectangle (x0 < x1, y0 < y1), y from the top. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageInput {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  glyphs: Glyph[];
  rules: Rule[];
  /** Factor from page units to the units of locations (e.g. 72/200 for a 200 dpi render → PDF points). Default 1. */
  unit?: number;
  /** The glyphs come from OCR: looser spacing, boxes instead of font sizes. */
  ocr?: boolean;
}

export interface LayoutOptions {
  /** Glyphs come from OCR: looser spacing, no font sizes. */
  ocr?: boolean;
}

export interface CellPart {
  page: number;
  /** x0, y0, x1, y1 in page units. */
  rect: [number, number, number, number];
  glyphs: Glyph[];
}

export interface LayoutCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  parts: CellPart[];
  /** Set by a caller that re-read the cell (OCR of the cell image). */
  text?: string;
  conf?: number;
  openTop?: boolean;
  openBottom?: boolean;
}

export interface LayoutTable {
  kind: 'table';
  ruled: boolean;
  rows: number;
  cols: number;
  cells: LayoutCell[];
}

export interface LayoutParagraph {
  kind: 'paragraph';
  lines: Line[];
}

export type LayoutItem = LayoutTable | LayoutParagraph;

export interface Line {
  page: number;
  glyphs: Glyph[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  mid: number;
  size: number;
  frags: Frag[];
  text: string;
  /** Position in the document flow (pages stacked). */
  flow: number;
}

interface Frag {
  glyphs: Glyph[];
  x0: number;
  x1: number;
  text: string;
  numeric: boolean;
}

// ---------------------------------------------------------------- characters

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014]/;
export const isWide = (ch: string): boolean => WIDE.test(ch);
const NUMERIC = /^[+\-−]?\d+(?:[.,]\d+)*(?:%|万元|元)?$/;

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

// ---------------------------------------------------------------- small helpers

const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

const midOf = (g: Glyph) => (g.top + g.bottom) / 2;

/** Text of glyphs on one line, sorted by x: no space between wide characters, a space between words. */
function joinGlyphs(glyphs: readonly Glyph[], size: number): string {
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
function joinLines(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    if (!t) continue;
    if (out && !isWide(out[out.length - 1]!) && !isWide(t[0]!) && /[\w)]$/.test(out) && /^[\w(]/.test(t)) out += ' ';
    out += t;
  }
  return out;
}

function clusterValues(values: number[], tol: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: { sum: number; n: number; last: number }[] = [];
  for (const v of s) {
    const c = out[out.length - 1];
    if (c && v - c.last <= tol) {
      c.sum += v;
      c.n++;
      c.last = v;
    } else out.push({ sum: v, n: 1, last: v });
  }
  return out.map((c) => c.sum / c.n);
}

function nearestIndex(values: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - v) < Math.abs(values[best]! - v)) best = i;
  return best;
}

// ---------------------------------------------------------------- lines

function buildLines(page: number, glyphs: Glyph[], opts: LayoutOptions): Line[] {
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
    const text = joinGlyphs(cur, size);
    out.push({ glyphs: cur, x0: cur[0]!.x0, x1: Math.max(...cur.map((g) => g.x1)), text, numeric: NUMERIC.test(text) });
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

// ---------------------------------------------------------------- ruled tables

interface Seg {
  pos: number; // y of a horizontal rule, x of a vertical one
  a: number; // start along the rule
  b: number; // end along the rule
}

function mergeSegs(segs: Seg[], tol: number): Seg[] {
  const s = [...segs].sort((p, q) => p.pos - q.pos || p.a - q.a);
  const out: Seg[] = [];
  for (const seg of s) {
    const hit = out.find((o) => Math.abs(o.pos - seg.pos) <= tol && seg.a <= o.b + tol && seg.b >= o.a - tol);
    if (hit) {
      hit.a = Math.min(hit.a, seg.a);
      hit.b = Math.max(hit.b, seg.b);
    } else out.push({ ...seg });
  }
  // A second pass joins pieces that became adjacent.
  return out.length < s.length ? mergeSegs(out, tol) : out;
}

interface RuledPart {
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xs: number[];
  rows: number;
  cells: LayoutCell[];
  /** For parts joined across pages: the last original part. */
  tail?: RuledPart;
}

function ruledTables(page: PageInput, opts: LayoutOptions): RuledPart[] {
  const thick = opts.ocr ? 8 : 3;
  const tol = opts.ocr ? 4 : 1.5;
  const hs: Seg[] = [];
  const vs: Seg[] = [];
  for (const r of page.rules) {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if (h <= thick && w > 2 * h && w >= 4) hs.push({ pos: (r.y0 + r.y1) / 2, a: r.x0, b: r.x1 });
    else if (w <= thick && h > 2 * w && h >= 4) vs.push({ pos: (r.x0 + r.x1) / 2, a: r.y0, b: r.y1 });
  }
  if (hs.length < 2 || vs.length < 2) return [];
  const H = mergeSegs(hs, tol);
  const V = mergeSegs(vs, tol);
  // Connected groups of rules that touch.
  const all = [...H.map((s) => ({ s, h: true })), ...V.map((s) => ({ s, h: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const p = all[i]!;
      const q = all[j]!;
      if (p.h === q.h) continue;
      const h = p.h ? p.s : q.s;
      const v = p.h ? q.s : p.s;
      if (v.pos >= h.a - tol && v.pos <= h.b + tol && h.pos >= v.a - tol && h.pos <= v.b + tol) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, { h: Seg[]; v: Seg[] }>();
  all.forEach((x, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, { h: [], v: [] });
    (x.h ? groups.get(root)!.h : groups.get(root)!.v).push(x.s);
  });
  const parts: RuledPart[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 1 || g.v.length < 2 || g.h.length + g.v.length < 5) continue;
    const part = gridPart(page, g.h, g.v, tol);
    if (part) parts.push(part);
  }
  return parts;
}

function gridPart(page: PageInput, H: Seg[], V: Seg[], tol: number): RuledPart | null {
  const x0 = Math.min(...H.map((s) => s.a), ...V.map((s) => s.pos));
  const x1 = Math.max(...H.map((s) => s.b), ...V.map((s) => s.pos));
  const y0 = Math.min(...V.map((s) => s.a), ...H.map((s) => s.pos));
  const y1 = Math.max(...V.map((s) => s.b), ...H.map((s) => s.pos));
  if (x1 - x0 < 20 || y1 - y0 < 8) return null;
  let xs = clusterValues([x0, x1, ...V.map((s) => s.pos)], tol * 2);
  let ys = clusterValues([y0, y1, ...H.map((s) => s.pos)], tol * 2);
  const inside = page.glyphs.filter((gl) => {
    const cx = (gl.x0 + gl.x1) / 2;
    const cy = midOf(gl);
    return cx > x0 && cx < x1 && cy > y0 && cy < y1;
  });
  const textSize = median(inside.map((gl) => gl.bottom - gl.top)) || 10;
  // Thin strips (double borders, a sliver of a row cut by the page edge) hold no text: drop them.
  const thin = (lo: number, hi: number, axis: 'x' | 'y') =>
    hi - lo < Math.max(tol * 2, 0.45 * textSize) &&
    !inside.some((gl) => {
      const c = axis === 'y' ? midOf(gl) : (gl.x0 + gl.x1) / 2;
      return c > lo && c < hi;
    });
  ys = collapse(ys, (a, b) => thin(a, b, 'y'));
  xs = collapse(xs, (a, b) => thin(a, b, 'x'));
  const R = ys.length - 1;
  const C = xs.length - 1;
  if (R < 1 || C < 1 || R * C < 2) return null;
  const covered = (segs: Seg[], pos: number, a: number, b: number) => {
    const len = b - a;
    let cover = 0;
    for (const s of segs) {
      if (Math.abs(s.pos - pos) > tol * 2) continue;
      cover += Math.max(0, Math.min(b, s.b) - Math.max(a, s.a));
    }
    return cover >= 0.6 * len;
  };
  // Union of elementary cells not separated by a rule.
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !covered(V, xs[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(id(r, c))] = find(id(r, c + 1));
      if (r + 1 < R && !covered(H, ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(id(r, c))] = find(id(r + 1, c));
    }
  }
  const boxes = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = find(id(r, c));
      const b = boxes.get(root);
      if (!b) boxes.set(root, { r0: r, r1: r, c0: c, c1: c });
      else {
        b.r0 = Math.min(b.r0, r);
        b.r1 = Math.max(b.r1, r);
        b.c0 = Math.min(b.c0, c);
        b.c1 = Math.max(b.c1, c);
      }
    }
  }
  const owner = new Map<number, LayoutCell>();
  const cells: LayoutCell[] = [];
  for (const [root, b] of boxes) {
    const cell: LayoutCell = {
      ...b,
      parts: [{ page: page.page, rect: [xs[b.c0]!, ys[b.r0]!, xs[b.c1 + 1]!, ys[b.r1 + 1]!], glyphs: [] }],
      openTop: b.r0 === 0 && !covered(H, ys[0]!, xs[b.c0]!, xs[b.c1 + 1]!),
      openBottom: b.r1 === R - 1 && !covered(H, ys[R]!, xs[b.c0]!, xs[b.c1 + 1]!),
    };
    owner.set(root, cell);
    cells.push(cell);
  }
  for (const gl of inside) {
    const c = Math.min(C - 1, Math.max(0, upperIndex(xs, (gl.x0 + gl.x1) / 2)));
    const r = Math.min(R - 1, Math.max(0, upperIndex(ys, midOf(gl))));
    owner.get(find(id(r, c)))!.parts[0]!.glyphs.push(gl);
  }
  cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  return { page: page.page, x0, x1, y0, y1, xs, rows: R, cells };
}

/** Index i with values[i] <= v < values[i+1]. */
function upperIndex(values: readonly number[], v: number): number {
  let i = 0;
  while (i + 1 < values.length && values[i + 1]! <= v) i++;
  return i;
}

/** Removes boundaries that make thin strips (keeps the outer ones when possible). */
function collapse(bounds: number[], thin: (a: number, b: number) => boolean): number[] {
  const out = [...bounds];
  for (let i = 0; i + 1 < out.length; ) {
    if (out.length > 2 && thin(out[i]!, out[i + 1]!)) {
      // Drop the inner boundary of the strip (the outer one if the strip is at an edge).
      if (i === 0) out.splice(1, 1);
      else if (i + 1 === out.length - 1) out.splice(i, 1);
      else out.splice(i + 1, 1);
    } else i++;
  }
  return out;
}

// ---------------------------------------------------------------- headers and footers

const PAGE_NUMBER = [
  /^[-–—－\s]*\d{1,4}[-–—－\s]*$/,
  /^第\s*\d{1,4}\s*页(\s*[,，]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(page|p\.)\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
  /^[-–—－\s]*[ivxlc]{1,6}[-–—－\s]*$/i,
];

function dropHeadersAndFooters(pages: { input: PageInput; lines: Line[] }[]): void {
  const zone = (p: PageInput, l: Line): 'top' | 'bottom' | null =>
    l.bottom <= p.height * 0.09 ? 'top' : l.top >= p.height * 0.91 ? 'bottom' : null;
  const keyOf = (l: Line) => l.text.replace(/\s+/g, '').replace(/\d+/g, '#');
  const seen = new Map<string, Set<number>>();
  for (const { input, lines } of pages) {
    for (const l of lines) {
      const z = zone(input, l);
      if (!z) continue;
      const key = `${z}|${keyOf(l)}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(input.page);
    }
  }
  const need = Math.max(2, Math.ceil(pages.length / 2));
  for (const p of pages) {
    p.lines = p.lines.filter((l) => {
      const z = zone(p.input, l);
      if (!z) return true;
      const text = l.text.trim();
      if (PAGE_NUMBER.some((re) => re.test(text))) return false;
      return pages.length < 2 || (seen.get(`${z}|${keyOf(l)}`)?.size ?? 0) < need;
    });
  }
}

// ---------------------------------------------------------------- tables without borders

const SECTION_WORDS = SECTIONS.flatMap((s) => [s.heading, ...s.variants]);
function isSectionHeading(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^[一二三四五六七八九十]{1,2}[、.．]/.test(t) && SECTION_WORDS.some((h) => t.includes(h)) && t.length <= 30;
}
const isNarrative = (l: Line) => /[。；！？]/.test(l.text) || l.text.replace(/\s+/g, '').length > 40;

interface Zone {
  from: number;
  to: number; // inclusive
}

/** Runs of lines that form a table printed without borders. */
function findZones(lines: Line[], pitch: number): Zone[] {
  const seed = lines.map((l) => {
    if (isNarrative(l) || isSectionHeading(l.text)) return false;
    if (l.frags.length >= 3) return true;
    return l.frags.length >= 2 && l.frags.slice(1).some((f) => f.numeric);
  });
  const zones: Zone[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!seed[i]) {
      i++;
      continue;
    }
    let from = i;
    let to = i;
    while (to + 1 < lines.length && seed[to + 1] && near(lines[to]!, lines[to + 1]!, pitch)) to++;
    let x0 = Math.min(...lines.slice(from, to + 1).map((l) => l.x0));
    let x1 = Math.max(...lines.slice(from, to + 1).map((l) => l.x1));
    const fits = (l: Line) =>
      !isNarrative(l) && !isSectionHeading(l.text) && l.x0 >= x0 - 2 * l.size && l.x1 <= x1 + 2 * l.size;
    // Extend over label lines above and below, and over following seeds.
    for (;;) {
      let grew = false;
      while (from > 0 && (zones.length === 0 || from - 1 > zones[zones.length - 1]!.to) && fits(lines[from - 1]!) && near(lines[from - 1]!, lines[from]!, pitch)) {
        from--;
        grew = true;
      }
      while (to + 1 < lines.length && (seed[to + 1] || fits(lines[to + 1]!)) && near(lines[to]!, lines[to + 1]!, pitch)) {
        to++;
        if (seed[to]) {
          x0 = Math.min(x0, lines[to]!.x0);
          x1 = Math.max(x1, lines[to]!.x1);
        }
        grew = true;
      }
      if (!grew) break;
    }
    if (lines.slice(from, to + 1).some((l, k) => seed[from + k] && l.frags.some((f) => f.numeric))) zones.push({ from, to });
    i = to + 1;
  }
  return zones;
}

const near = (a: Line, b: Line, pitch: number) => Math.abs(b.flow - a.flow) <= 1.75 * pitch;

/** Column boundaries from the gaps between the runs of each line: gaps that line up. */
function columnBounds(lines: Line[]): number[] {
  const gaps: { a: number; b: number; strong: boolean }[] = [];
  for (const l of lines) {
    for (let k = 1; k < l.frags.length; k++) {
      const p = l.frags[k - 1]!;
      const q = l.frags[k]!;
      if (q.x0 > p.x1) gaps.push({ a: p.x1, b: q.x0, strong: p.numeric && q.numeric });
    }
  }
  gaps.sort((p, q) => p.b - p.a - (q.b - q.a));
  const clusters: { a: number; b: number; n: number; strong: boolean }[] = [];
  for (const g of gaps) {
    const hits = clusters.filter((c) => g.a <= c.b && g.b >= c.a);
    if (hits.length === 1) {
      const c = hits[0]!;
      c.a = Math.max(c.a, g.a);
      c.b = Math.min(c.b, g.b);
      c.n++;
      c.strong ||= g.strong;
    } else if (hits.length === 0) {
      clusters.push({ a: g.a, b: g.b, n: 1, strong: g.strong });
    }
  }
  return clusters.filter((c) => c.n >= 2 || c.strong).map((c) => (c.a + c.b) / 2).sort((a, b) => a - b);
}

const ROW_START = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、](?!\d))/;

/** Splits runs that cross a column boundary where there is a visible gap (a label next to a number, two numbers). */
function splitAtBounds(line: Line, bounds: readonly number[]): void {
  const out: Frag[] = [];
  for (const f of line.frags) {
    let cur: Glyph[] = [];
    const flush = () => {
      if (!cur.length) return;
      const text = joinGlyphs(cur, line.size);
      out.push({ glyphs: cur, x0: cur[0]!.x0, x1: Math.max(...cur.map((g) => g.x1)), text, numeric: NUMERIC.test(text) });
      cur = [];
    };
    for (const g of f.glyphs) {
      const prev = cur[cur.length - 1];
      if (prev && g.x0 - prev.x1 >= 0.12 * line.size && bounds.some((b) => b >= prev.x1 - 1 && b <= g.x0 + 1)) flush();
      cur.push(g);
    }
    flush();
  }
  line.frags = out;
}

function borderlessTable(lines: Line[], globalPitch: number): LayoutTable {
  const bounds = columnBounds(lines);
  for (const l of lines) splitAtBounds(l, bounds);
  const colOf = (f: Frag) => upperIndex([-Infinity, ...bounds], f.x0 + Math.min(2, (f.x1 - f.x0) / 4));
  const diffs: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const d = lines[k]!.flow - lines[k - 1]!.flow;
    if (d > 0.8 * lines[k]!.size && d < 3 * lines[k]!.size) diffs.push(d);
  }
  const pitch = median(diffs) || globalPitch;
  const anchorY = lines.map((l) => {
    const nums = l.frags.filter((f) => f.numeric && colOf(f) > 0);
    return nums.length ? median(nums.map((f) => median(f.glyphs.map(midOf)) + (l.flow - l.mid))) : null;
  });
  // Columns left of the first value are label columns; lines that continue a row's labels hold nothing else.
  const firstValueCol = Math.min(...lines.flatMap((l, k) => (anchorY[k] === null ? [] : l.frags.filter((f) => f.numeric).map(colOf))));
  const labelOnly = lines.map((l) => l.frags.every((f) => colOf(f) < firstValueCol));
  const firstAnchor = anchorY.findIndex((y) => y !== null);
  const lastAnchor = anchorY.length - 1 - [...anchorY].reverse().findIndex((y) => y !== null);
  // Rows: each value line with the label lines centred on it (dynamic programming over the lines).
  const n = lines.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<{ start: number; anchor: boolean }>(n + 1);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    // Line j-1 alone as a line without values (a header, a heading across the table).
    if (anchorY[j - 1] === null) {
      const between = j - 1 > firstAnchor && j - 1 < lastAnchor && labelOnly[j - 1];
      const cost = (between ? 1.2 : 0.3) * pitch;
      if (best[j - 1]! + cost < best[j]!) {
        best[j] = best[j - 1]! + cost;
        from[j] = { start: j - 1, anchor: false };
      }
    }
    // A band [i, j) holding exactly one value line; its other lines continue labels.
    let anchors = 0;
    let a = -1;
    const started = new Set<number>();
    let valid = true;
    for (let i = j - 1; i >= 0 && valid; i--) {
      if (anchorY[i] !== null) {
        anchors++;
        a = i;
      } else if (!labelOnly[i]) break;
      if (anchors > 1) break;
      if (i < j - 1 && Math.abs(lines[i + 1]!.flow - lines[i]!.flow) > 1.75 * pitch) break;
      // A numbered label starts its cell: no line of the same column may come above it in the band.
      for (const f of lines[i + 1] && i + 1 < j ? lines[i + 1]!.frags : []) {
        if (ROW_START.test(f.text)) started.add(colOf(f));
      }
      if (lines[i]!.frags.some((f) => started.has(colOf(f)))) break;
      if (anchors !== 1) continue;
      const y = anchorY[a]!;
      const centred = Math.abs((lines[i]!.flow + lines[j - 1]!.flow) / 2 - y);
      const crossesPage = lines[i]!.page !== lines[j - 1]!.page;
      const cost = crossesPage ? Math.min(centred, Math.abs(lines[i]!.flow - y) + 0.35 * pitch) : centred;
      if (best[i]! + cost < best[j]!) {
        best[j] = best[i]! + cost;
        from[j] = { start: i, anchor: true };
      }
    }
  }
  const bands: { start: number; end: number; anchor: boolean }[] = [];
  for (let j = n; j > 0; ) {
    const f = from[j]!;
    bands.unshift({ start: f.start, end: j, anchor: f.anchor });
    j = f.start;
  }
  // Lines without values next to each other form header rows; a lone run across the table is a row of its own.
  const rows: { lines: Line[]; data: boolean }[] = [];
  let header: Line[] = [];
  const flushHeader = () => {
    if (header.length) rows.push({ lines: header, data: false });
    header = [];
  };
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  for (const b of bands) {
    const ls = lines.slice(b.start, b.end);
    if (b.anchor) {
      flushHeader();
      rows.push({ lines: ls, data: true });
      continue;
    }
    const l = ls[0]!;
    const centre = (l.x0 + l.x1) / 2;
    const spanning = l.frags.length === 1 && bounds.filter((x) => x > l.x0 && x < l.x1).length >= 1 && Math.abs(centre - (left + right) / 2) < 0.06 * (right - left);
    if (spanning) {
      flushHeader();
      rows.push({ lines: ls, data: false });
    } else header.push(l);
  }
  flushHeader();
  const cols = bounds.length + 1;
  const cells: LayoutCell[] = [];
  const pageOf = new Map<Frag, number>();
  for (const l of lines) for (const f of l.frags) pageOf.set(f, l.page);
  rows.forEach(({ lines: ls, data }, r) => {
    // Cells of the row: in a data row, a run under a wider run of an earlier line continues that cell
    // (a wrapped label); otherwise runs go to the column they start in.
    const blocks: { col: number; x0: number; x1: number; frags: Frag[] }[] = [];
    for (const l of ls) {
      for (const f of l.frags) {
        let home: (typeof blocks)[number] | undefined;
        if (data) {
          let bestOverlap = 0;
          for (const b of blocks) {
            if (b.frags.some((g) => pageOf.get(g) === l.page && Math.abs(midOf(g.glyphs[0]!) - l.mid) < 0.5 * l.size)) continue;
            const overlap = Math.min(b.x1, f.x1) - Math.max(b.x0, f.x0);
            if (overlap >= 0.5 * Math.min(b.x1 - b.x0, f.x1 - f.x0) && overlap > bestOverlap) {
              bestOverlap = overlap;
              home = b;
            }
          }
        } else home = blocks.find((b) => b.col === colOf(f));
        if (home) {
          home.frags.push(f);
          home.x0 = Math.min(home.x0, f.x0);
          home.x1 = Math.max(home.x1, f.x1);
        } else blocks.push({ col: colOf(f), x0: f.x0, x1: f.x1, frags: [f] });
      }
    }
    const byCol = new Map<number, Frag[]>();
    for (const b of blocks) byCol.set(b.col, [...(byCol.get(b.col) ?? []), ...b.frags]);
    for (const [c, frags] of byCol) {
      const parts = new Map<number, CellPart>();
      for (const f of frags) {
        const page = pageOf.get(f)!;
        if (!parts.has(page)) parts.set(page, { page, rect: [Infinity, Infinity, -Infinity, -Infinity], glyphs: [] });
        parts.get(page)!.glyphs.push(...f.glyphs);
      }
      for (const part of parts.values()) part.rect = bbox(part.glyphs);
      cells.push({ r0: r, r1: r, c0: c, c1: c, parts: [...parts.values()] });
    }
  });
  return { kind: 'table', ruled: false, rows: rows.length, cols, cells };
}

function bbox(glyphs: readonly Glyph[]): [number, number, number, number] {
  return [
    Math.min(...glyphs.map((g) => g.x0)),
    Math.min(...glyphs.map((g) => g.top)),
    Math.max(...glyphs.map((g) => g.x1)),
    Math.max(...glyphs.map((g) => g.bottom)),
  ];
}

// ---------------------------------------------------------------- joining table parts across pages

function toTable(part: RuledPart): LayoutTable {
  return { kind: 'table', ruled: true, rows: part.rows, cols: part.xs.length - 1, cells: part.cells };
}

function joinParts(a: RuledPart, b: RuledPart, tol: number): RuledPart {
  const xs = clusterValues([...a.xs, ...b.xs], tol);
  const remap = (cell: LayoutCell, from: RuledPart, rowOffset: number): LayoutCell => {
    const c0 = nearestIndex(xs, from.xs[cell.c0]!);
    const c1 = nearestIndex(xs, from.xs[cell.c1 + 1]!) - 1;
    return { ...cell, r0: cell.r0 + rowOffset, r1: cell.r1 + rowOffset, c0, c1: Math.max(c0, c1) };
  };
  const top = a.cells.map((c) => remap(c, a, 0));
  const bottom = b.cells.map((c) => remap(c, b, a.rows));
  const cells = [...top];
  for (const c of bottom) {
    const cont = c.r0 === a.rows && c.openTop
      ? cells.find((t) => t.r1 === a.rows - 1 && t.openBottom && t.c0 === c.c0 && t.c1 === c.c1)
      : undefined;
    if (cont) {
      cont.r1 = c.r1;
      cont.parts.push(...c.parts);
      cont.openBottom = c.openBottom;
    } else cells.push(c);
  }
  cells.sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0);
  return { page: a.page, x0: Math.min(a.x0, b.x0), x1: Math.max(a.x1, b.x1), y0: a.y0, y1: b.y1, xs, rows: a.rows + b.rows, cells, tail: b.tail ?? b };
}

// ---------------------------------------------------------------- the whole document

type FlowItem = { kind: 'line'; line: Line } | { kind: 'ruled'; part: RuledPart; top: number };

/** Lays out all pages: tables (ruled and borderless) and paragraphs, in reading order. */
export function analysePages(pages: readonly PageInput[]): LayoutItem[] {
  const perPage = pages.map((input) => {
    const opts = { ocr: !!input.ocr };
    const parts = ruledTables(input, opts);
    const claimed = new Set<Glyph>(parts.flatMap((p) => p.cells.flatMap((c) => c.parts.flatMap((x) => x.glyphs))));
    const free = input.glyphs.filter((g) => !claimed.has(g));
    return { input, parts, lines: buildLines(input.page, free, opts) };
  });
  dropHeadersAndFooters(perPage);

  // Reading order on each page, then pages stacked into one flow.
  const flow: FlowItem[] = [];
  const sizes = perPage.flatMap((p) => p.lines.map((l) => l.size)).filter((s) => s > 0);
  const bodySize = median(sizes) || 10;
  const pitches: number[] = [];
  for (const p of perPage) {
    const ls = [...p.lines].sort((a, b) => a.mid - b.mid);
    for (let k = 1; k < ls.length; k++) {
      const d = ls[k]!.mid - ls[k - 1]!.mid;
      if (d > 0.8 * bodySize && d < 3 * bodySize) pitches.push(d);
    }
  }
  const pitch = Math.min(Math.max(median(pitches) || 1.5 * bodySize, 1.1 * bodySize), 3 * bodySize);
  let offset = 0;
  let lastFlow: number | null = null;
  for (const p of perPage) {
    const items: FlowItem[] = [
      ...p.lines.map((line) => ({ kind: 'line' as const, line })),
      ...p.parts.map((part) => ({ kind: 'ruled' as const, part, top: part.y0 })),
    ].sort((x, y) => (x.kind === 'line' ? x.line.top : x.top) - (y.kind === 'line' ? y.line.top : y.top));
    const first = items[0];
    if (first) {
      const firstY = first.kind === 'line' ? first.line.mid : first.top;
      offset = lastFlow === null ? 0 : lastFlow + pitch - firstY;
    }
    for (const it of items) {
      if (it.kind === 'line') {
        it.line.flow = it.line.mid + offset;
        lastFlow = it.line.flow;
      } else lastFlow = it.part.y1 + offset;
      flow.push(it);
    }
  }

  // Ruled parts split by a page break are joined.
  const tol = pages.some((p) => p.ocr) ? 8 : 3;
  const merged: FlowItem[] = [];
  for (const it of flow) {
    const prev = merged[merged.length - 1];
    const tail = prev?.kind === 'ruled' ? (prev.part.tail ?? prev.part) : null;
    if (
      it.kind === 'ruled' && prev?.kind === 'ruled' && tail && it.part.page === tail.page + 1 &&
      Math.abs(it.part.x0 - tail.x0) <= 4 * tol && Math.abs(it.part.x1 - tail.x1) <= 4 * tol &&
      isLastOnPage(tail, perPage) && isFirstOnPage(it.part, perPage)
    ) {
      merged[merged.length - 1] = { kind: 'ruled', part: joinParts(prev.part, it.part, tol), top: prev.top };
    } else merged.push(it);
  }

  // Borderless tables among the remaining lines; the rest are paragraphs.
  const out: LayoutItem[] = [];
  let run: Line[] = [];
  const flushRun = () => {
    if (!run.length) return;
    const zones = findZones(run, pitch);
    let k = 0;
    for (const z of zones) {
      if (z.from > k) out.push(...paragraphs(run.slice(k, z.from), pages, bodySize));
      out.push(borderlessTable(run.slice(z.from, z.to + 1), pitch));
      k = z.to + 1;
    }
    if (k < run.length) out.push(...paragraphs(run.slice(k), pages, bodySize));
    run = [];
  };
  for (const it of merged) {
    if (it.kind === 'line') run.push(it.line);
    else {
      flushRun();
      out.push(toTable(it.part));
    }
  }
  flushRun();
  return out;
}

function isLastOnPage(part: RuledPart, pages: { input: PageInput; parts: RuledPart[]; lines: Line[] }[]): boolean {
  const p = pages.find((x) => x.input.page === part.page);
  if (!p) return false;
  return !p.lines.some((l) => l.top > part.y1) && !p.parts.some((q) => q !== part && q.y0 > part.y1);
}

function isFirstOnPage(part: RuledPart, pages: { input: PageInput; parts: RuledPart[]; lines: Line[] }[]): boolean {
  const p = pages.find((x) => x.input.page === part.page);
  if (!p) return false;
  return !p.lines.some((l) => l.bottom < part.y0) && !p.parts.some((q) => q !== part && q.y1 < part.y0);
}

// ---------------------------------------------------------------- paragraphs

function paragraphs(lines: Line[], pages: readonly PageInput[], bodySize: number): LayoutParagraph[] {
  const rightOf = new Map<number, number>();
  const leftOf = new Map<number, number>();
  for (const l of lines) {
    rightOf.set(l.page, Math.max(rightOf.get(l.page) ?? -Infinity, l.x1));
    leftOf.set(l.page, Math.min(leftOf.get(l.page) ?? Infinity, l.x0));
  }
  const widthOf = (page: number) => pages.find((p) => p.page === page)?.width ?? 0;
  const out: LayoutParagraph[] = [];
  let cur: Line[] = [];
  for (const l of lines) {
    const prev = cur[cur.length - 1];
    const opts = { ocr: !!pages.find((p) => p.page === l.page)?.ocr };
    if (prev && continues(prev, l, rightOf.get(prev.page)!, leftOf.get(prev.page)!, widthOf(prev.page), bodySize, opts)) cur.push(l);
    else {
      if (cur.length) out.push({ kind: 'paragraph', lines: cur });
      cur = [l];
    }
  }
  if (cur.length) out.push({ kind: 'paragraph', lines: cur });
  return out;
}

/** Whether `next` continues the paragraph whose last line is `prev`. */
function continues(prev: Line, next: Line, right: number, left: number, pageWidth: number, bodySize: number, opts: LayoutOptions): boolean {
  const size = prev.size;
  if (Math.abs(next.size - size) > 0.15 * Math.max(size, next.size)) return false;
  if (next.page === prev.page && (next.flow - prev.flow > 1.9 * size || next.flow <= prev.flow)) return false;
  if (next.page !== prev.page && next.page !== prev.page + 1) return false;
  if (/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))/.test(next.text)) return false;
  // A title in a larger size wraps centred.
  const centre = (l: Line) => (l.x0 + l.x1) / 2;
  if (pageWidth && size >= 1.15 * bodySize && next.page === prev.page && Math.abs(centre(prev) - pageWidth / 2) < size && Math.abs(centre(next) - pageWidth / 2) < size) {
    return next.flow - prev.flow <= 1.9 * size;
  }
  if (next.x0 > prev.x0 + 0.6 * size && next.x0 > left + 0.6 * size) return false;
  // The previous line is full: the next line's first word would not have fitted.
  const first = next.glyphs[0]!;
  let firstWord = first.x1 - first.x0;
  if (!isWide(first.text)) {
    for (const g of next.glyphs.slice(1)) {
      if (isWide(g.text)) break;
      firstWord = g.x1 - first.x0;
    }
  }
  const slack = opts.ocr ? 1.5 * size : size;
  return prev.x1 >= right - firstWord - slack;
}

// ---------------------------------------------------------------- blocks

function scaleBox(rect: readonly number[], unit: number): [number, number, number, number] {
  const r = (v: number) => Math.round(v * unit * 100) / 100;
  return [r(rect[0]!), r(rect[1]!), r(rect[2]! - rect[0]!), r(rect[3]! - rect[1]!)];
}

function confOf(glyphs: readonly Glyph[]): number | undefined {
  const cs = glyphs.map((g) => g.conf).filter((c): c is number => c !== undefined);
  return cs.length ? Math.round(Math.min(...cs) * 10) / 10 : undefined;
}

/** The text of a cell from its glyphs: its lines joined. */
export function cellText(cell: LayoutCell, opts: LayoutOptions = {}): string {
  if (cell.text !== undefined) return cell.text;
  const texts: string[] = [];
  for (const part of cell.parts) {
    if (!part.glyphs.length) continue;
    const lines = buildLines(part.page, part.glyphs, opts).sort((a, b) => a.mid - b.mid);
    for (const l of lines) texts.push(joinGlyphs(l.glyphs, l.size));
  }
  return joinLines(texts);
}

function cellLoc(cell: LayoutCell, units: Map<number, number>): SourceLocation {
  const part = cell.parts.find((p) => p.glyphs.length) ?? cell.parts[0];
  if (!part) return {};
  const unit = units.get(part.page) ?? 1;
  // A cell read again from its own image is located by its rectangle; otherwise by its text.
  const rect = cell.text === undefined && part.glyphs.length ? bbox(part.glyphs) : part.rect;
  const conf = cell.conf ?? confOf(cell.parts.flatMap((p) => p.glyphs));
  return { page: part.page, box: scaleBox(rect, unit), ...(conf !== undefined ? { confidence: conf } : {}) };
}

/** Turns the laid-out items into blocks; `units` gives each page's factor to location units. */
export function toBlocks(items: readonly LayoutItem[], pages: readonly PageInput[]): Block[] {
  const units = new Map(pages.map((p) => [p.page, p.unit ?? 1]));
  const ocrPages = new Set(pages.filter((p) => p.ocr).map((p) => p.page));
  const blocks: Block[] = [];
  for (const item of items) {
    if (item.kind === 'paragraph') {
      const pieces: TextPiece[] = [];
      item.lines.forEach((l, i) => {
        let text = joinGlyphs(l.glyphs, l.size);
        const prev = pieces[pieces.length - 1];
        if (i > 0 && prev && !isWide(prev.text[prev.text.length - 1] ?? '') && !isWide(text[0] ?? '') && /\w$/.test(prev.text) && /^\w/.test(text)) text = ` ${text}`;
        const conf = confOf(l.glyphs);
        pieces.push({ text, loc: { page: l.page, box: scaleBox([l.x0, l.top, l.x1, l.bottom], units.get(l.page) ?? 1), ...(conf !== undefined ? { confidence: conf } : {}) } });
      });
      blocks.push({ kind: 'paragraph', pieces });
      continue;
    }
    const grid: (TextPiece | undefined)[][] = Array.from({ length: item.rows }, () => new Array<TextPiece | undefined>(item.cols).fill(undefined));
    for (const cell of item.cells) {
      const loc = cellLoc(cell, units);
      for (let r = cell.r0; r <= cell.r1; r++) {
        for (let c = cell.c0; c <= cell.c1; c++) {
          if (r >= item.rows || c >= item.cols) continue;
          const text = r === cell.r0 && c === cell.c0 ? cellText(cell, { ocr: cell.parts.some((p) => ocrPages.has(p.page)) }) : '';
          const existing = grid[r]![c];
          if (existing && existing.text && text) existing.text = joinLines([existing.text, text]);
          else if (!existing || (!existing.text && text)) grid[r]![c] = { text, loc };
        }
      }
    }
    const rows = grid.map((row) => row.map((p) => p ?? { text: '', loc: {} }));
    blocks.push({ kind: 'table', rows });
  }
  return blocks;
}
