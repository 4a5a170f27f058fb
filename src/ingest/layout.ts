/**
 * Positioned glyphs → lines → paragraphs and tables, shared by the PDF text
 * layer (pdf.ts) and OCR (ocr.ts). This module lays out the whole document:
 * - ruled tables on each page (layout-ruled.ts), the other glyphs made into lines (layout-lines.ts);
 * - page headers, footers and page numbers dropped (layout-headers-footers.ts);
 * - pages stacked into one reading flow, ruled tables cut by a page break joined;
 * - tables printed without borders found among the lines (layout-borderless.ts), the rest made into
 *   paragraphs (layout-paragraphs.ts).
 * The model is in layout-types.ts; layout-blocks.ts turns the result into blocks.
 */
import { borderlessTable, findZones } from './layout-borderless.ts';
import { median } from './layout-geometry.ts';
import { dropHeadersAndFooters } from './layout-headers-footers.ts';
import { buildLines } from './layout-lines.ts';
import { paragraphs } from './layout-paragraphs.ts';
import { joinParts, ruledTables, toTable, type RuledPart } from './layout-ruled.ts';
import type { Glyph, LayoutItem, Line, PageInput } from './layout-types.ts';

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
