import { placePath } from '../../../schema/cells.ts';
import type { Message } from '../../../schema/message.ts';
import type { ExtractedReport } from '../../../extract/index.ts';
import type { Provenance } from '../../../schema/types.ts';

/** A place in the source text (and, for PDF and images, on a page) that the page script marks. */
export interface Span {
  start: number;
  end: number;
  line: number;
  text?: string;
  page?: number;
  box?: [number, number, number, number];
}

const validBox = (b: unknown): b is [number, number, number, number] => Array.isArray(b) && b.length === 4 && b.every((x) => typeof x === 'number' && Number.isFinite(x));

export const spanOf = (p: Provenance | undefined): Span | undefined =>
  p && Number.isInteger(p.start) && Number.isInteger(p.end)
    ? { start: p.start, end: p.end, line: p.line, text: p.text, ...(p.page ? { page: p.page } : {}), ...(p.page && validBox(p.box) ? { box: p.box } : {}) }
    : undefined;

/** Where a finding points in the source: its own span, else the cell's, the printed label's, the heading's or the field's. */
export function findingSpan(f: Message, paths: string[], report: ExtractedReport): Span | undefined {
  if (f.span) return { start: f.span.start, end: f.span.end, line: f.span.line, text: f.span.text };
  const loc = f.location;
  if (paths.length === 1) return spanOf(report.provenance[paths[0]!]);
  const labels = report.structure?.labels ?? {};
  if (loc.table === 'active' && loc.item) return spanOf(labels[placePath({ table: 'active', item: loc.item, row: loc.row })]);
  if (loc.table && loc.row) return spanOf(labels[placePath({ table: loc.table, row: loc.row })]);
  if (loc.section) {
    const h = report.structure?.headings.find((x) => x.key === loc.section);
    if (h) return { start: h.start, end: h.end, line: h.line, text: h.text };
  }
  if (loc.field) return spanOf(report.provenance[`meta.${loc.field}`]);
  return undefined;
}
