/** Lines that are not tables → paragraphs: a line continues a paragraph when the previous line is full and nothing starts anew. */
import { isWide } from './layout-text.ts';
import type { LayoutOptions, LayoutParagraph, Line, PageInput } from './layout-types.ts';

/** Lines in reading order → paragraphs. */
export function paragraphs(lines: Line[], pages: readonly PageInput[], bodySize: number): LayoutParagraph[] {
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
