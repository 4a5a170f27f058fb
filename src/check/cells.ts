import { TEMPLATE_DEFS } from '../schema/templates.ts';
import { REQUEST_COLUMN_KEYS, REQUEST_COLUMNS, REQUEST_ROWS } from '../schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import { sectionToDocument } from '../extract/report.ts';
import type { Cell } from '../schema/types.ts';
import type { CheckableReport, Location, SourceSpan } from './types.ts';

/** Splits a cell path into its location: `requests.denied.stateSecret.total` → {table, row, column}. */
export function locate(path: string): Location {
  const parts = path.split('.');
  const table = parts[0];
  if (table === 'requests') {
    return { table, row: parts.slice(1, -1).join('.') || undefined, column: parts.length > 2 ? parts[parts.length - 1] : undefined };
  }
  if (table === 'review') return { table, row: parts[1], column: parts[2] };
  if (table === 'active') return { table, item: parts[1], row: parts[2], column: parts[3] };
  return {};
}

/** Reads a table cell by path; undefined when the report's tables have no such cell. */
export function readCell(report: CheckableReport, path: string): Cell | undefined {
  const loc = locate(path);
  if (loc.table === 'requests' && loc.row && loc.column) {
    const row = report.tables.requests[loc.row as keyof typeof report.tables.requests];
    const i = REQUEST_COLUMN_KEYS.indexOf(loc.column as (typeof REQUEST_COLUMN_KEYS)[number]);
    return row && i >= 0 ? row[i] : undefined;
  }
  if (loc.table === 'review' && loc.row && loc.column) {
    const row = report.tables.review[loc.row as keyof typeof report.tables.review];
    const i = REVIEW_COLUMN_KEYS.indexOf(loc.column as (typeof REVIEW_COLUMN_KEYS)[number]);
    return row && i >= 0 ? row[i] : undefined;
  }
  if (loc.table === 'active' && loc.item && loc.row && loc.column) {
    return report.tables.active[loc.item]?.[loc.row]?.[loc.column];
  }
  return undefined;
}

/** A stretch of a section's text as a span of the document (needs the section map of a read document). */
export function readSectionSpan(report: CheckableReport, section: SectionKey | 'preamble', start: number, end: number): SourceSpan | undefined {
  const text = section === 'preamble' ? report.preamble : report.sections[section];
  const doc = sectionToDocument(report.structure?.sectionMaps?.[section], start, end);
  if (!doc || text === null || text === undefined) return undefined;
  const line = report.structure?.lineStarts ? lineOf(report.structure.lineStarts, doc.start) : undefined;
  return { start: doc.start, end: doc.end, line: line ?? 0, text: text.slice(start, end) };
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function readSpan(report: CheckableReport, path: string): SourceSpan | undefined {
  const p = report.provenance?.[path];
  return p ? { start: p.start, end: p.end, line: p.line, text: p.text } : undefined;
}

/** The Chinese name of a place in the report, for messages: 表三“<row>”行“<column>”列. */
export function describe(loc: Location, template?: string): string {
  if (loc.table === 'requests') {
    const row = REQUEST_ROWS.find((r) => r.key === loc.row);
    const col = REQUEST_COLUMNS.find((c) => c.key === loc.column);
    return `表三${row ? `“${'short' in row && row.short ? row.short : row.label}”行` : ''}${col ? `“${col.label}”列` : ''}`;
  }
  if (loc.table === 'review') {
    const g = REVIEW_GROUPS.find((x) => x.key === loc.row);
    const col = REVIEW_COLUMNS.find((c) => c.key === loc.column);
    return `表四${g ? `“${g.label}”` : ''}${col ? `“${col.label}”` : ''}`;
  }
  if (loc.table === 'active') {
    // The report's own template first: the two templates print the same row key with different labels.
    const defs = Object.values(TEMPLATE_DEFS).sort((a, b) => Number(b.key === template) - Number(a.key === template));
    for (const t of defs) {
      const item = t.active.find((i) => i.key === loc.item);
      const row = item?.rows.find((r) => r.key === loc.row);
      const col = item?.columns.find((c) => c.key === loc.column);
      if (item && (row || !loc.row) && (col || !loc.column)) {
        return `表二${item.label}${row ? `“${row.label}”行` : ''}${col ? `“${col.label}”列` : ''}`;
      }
    }
    return '表二';
  }
  if (loc.section) {
    const s = SECTIONS.find((x) => x.key === loc.section);
    return s ? `第${s.numeral}部分“${s.heading}”` : loc.section;
  }
  return loc.field ?? '';
}

/** Replaces {name} placeholders with data. */
export function format(template: string, data: Record<string, string | number | null> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k] ?? '空白') : m));
}
