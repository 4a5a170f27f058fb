/** Page headers, footers and page numbers: lines near the top or bottom edge that repeat on most pages, and page numbers. */
import type { Line, PageInput } from './layout-types.ts';

const PAGE_NUMBER = [
  /^[-–—－\s]*\d{1,4}[-–—－\s]*$/,
  /^第\s*\d{1,4}\s*页(\s*[,，]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
  /^(page|p\.)\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
  /^[-–—－\s]*[ivxlc]{1,6}[-–—－\s]*$/i,
];

export function dropHeadersAndFooters(pages: { input: PageInput; lines: Line[] }[]): void {
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
