/** Laid-out items → blocks (paragraphs of located text pieces, tables as grids of located cells), the form every reader returns. */
import type { Block, SourceLocation, TextPiece } from './blocks.ts';
import { bbox } from './layout-geometry.ts';
import { buildLines } from './layout-lines.ts';
import { isWide, joinGlyphs, joinLines } from './layout-text.ts';
import type { Glyph, LayoutCell, LayoutItem, LayoutOptions, PageInput } from './layout-types.ts';

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
