/**
 * Tables drawn with ruling lines (PDF paths, or lines found in an image): the grid the rules draw, with
 * merged cells where a border is missing; a glyph goes to the cell that holds its centre. Parts of one
 * table cut by a page break are joined, cells left open at the break continuing across it.
 */
import { clusterValues, median, nearestIndex, upperIndex } from './layout-geometry.ts';
import { midOf } from './layout-text.ts';
import type { LayoutCell, LayoutOptions, LayoutTable, PageInput } from './layout-types.ts';

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

export interface RuledPart {
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

/** The ruled tables of a page: connected groups of horizontal and vertical rules, each made into a grid. */
export function ruledTables(page: PageInput, opts: LayoutOptions): RuledPart[] {
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

/** A ruled part (possibly joined across pages) as a table. */
export function toTable(part: RuledPart): LayoutTable {
  return { kind: 'table', ruled: true, rows: part.rows, cols: part.xs.length - 1, cells: part.cells };
}

/** Joins the part of a table on the next page to the part above it: columns merged, cells open at the break continued. */
export function joinParts(a: RuledPart, b: RuledPart, tol: number): RuledPart {
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
