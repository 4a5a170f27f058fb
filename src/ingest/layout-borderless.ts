/**
 * Tables printed without borders: runs of lines with several cells (gaps between text runs, numbers) form
 * a zone; its columns are found from the gaps that line up, and its rows from the value lines, the label
 * lines of a multi-line cell being centred on their row.
 */
import { SECTIONS } from '../schema/sections.ts';
import { bbox, median, upperIndex } from './layout-geometry.ts';
import { makeFrag } from './layout-lines.ts';
import { midOf } from './layout-text.ts';
import type { CellPart, Frag, Glyph, LayoutCell, LayoutTable, Line } from './layout-types.ts';

const SECTION_WORDS = SECTIONS.flatMap((s) => [s.heading, ...s.variants]);
function isSectionHeading(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^[一二三四五六七八九十]{1,2}[、.．]/.test(t) && SECTION_WORDS.some((h) => t.includes(h)) && t.length <= 30;
}
const isNarrative = (l: Line) => /[。；！？]/.test(l.text) || l.text.replace(/\s+/g, '').length > 40;

/** Lines from..to (inclusive) of a run of lines. */
export interface Zone {
  from: number;
  to: number; // inclusive
}

/** Runs of lines that form a table printed without borders. */
export function findZones(lines: Line[], pitch: number): Zone[] {
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
      out.push(makeFrag(cur, line.size));
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

type ColOf = (f: Frag) => number;

/** Lines [start, end) of a zone: one value line (anchor) with the label lines around it, or a line without values. */
interface Band {
  start: number;
  end: number;
  anchor: boolean;
}

/** A row of the table: its lines, and whether it holds values (else a header or a heading across the table). */
interface TableRow {
  lines: Line[];
  data: boolean;
}

/** A zone of lines as a table: columns from the gaps, rows from the value lines (dynamic programming), cells from the runs. */
export function borderlessTable(lines: Line[], globalPitch: number): LayoutTable {
  const bounds = columnBounds(lines);
  for (const l of lines) splitAtBounds(l, bounds);
  const colOf = (f: Frag) => upperIndex([-Infinity, ...bounds], f.x0 + Math.min(2, (f.x1 - f.x0) / 4));
  const rows = tableRows(lines, rowBands(lines, colOf, globalPitch), bounds);
  const pageOf = new Map<Frag, number>();
  for (const l of lines) for (const f of l.frags) pageOf.set(f, l.page);
  const cells = rows.flatMap((row, r) => rowCells(row, r, colOf, pageOf));
  return { kind: 'table', ruled: false, rows: rows.length, cols: bounds.length + 1, cells };
}

/** Rows: each value line with the label lines centred on it (dynamic programming over the lines). */
function rowBands(lines: Line[], colOf: ColOf, globalPitch: number): Band[] {
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
  const bands: Band[] = [];
  for (let j = n; j > 0; ) {
    const f = from[j]!;
    bands.unshift({ start: f.start, end: j, anchor: f.anchor });
    j = f.start;
  }
  return bands;
}

/** Lines without values next to each other form header rows; a lone run across the table is a row of its own. */
function tableRows(lines: Line[], bands: readonly Band[], bounds: readonly number[]): TableRow[] {
  const rows: TableRow[] = [];
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
  return rows;
}

/**
 * Cells of row r: in a data row, a run under a wider run of an earlier line continues that cell
 * (a wrapped label); otherwise runs go to the column they start in.
 */
function rowCells({ lines: ls, data }: TableRow, r: number, colOf: ColOf, pageOf: ReadonlyMap<Frag, number>): LayoutCell[] {
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
  const cells: LayoutCell[] = [];
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
  return cells;
}
