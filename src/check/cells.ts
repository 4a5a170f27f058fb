import type { CheckableReport, SourceSpan } from './types.ts';

export function readSpan(report: CheckableReport, path: string): SourceSpan | undefined {
  const p = report.provenance?.[path];
  return p ? { start: p.start, end: p.end, line: p.line, text: p.text } : undefined;
}

/** Replaces {name} placeholders with data. */
export function format(template: string, data: Record<string, string | number | null> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k] ?? '空白') : m));
}

/** How many value cells a row printed, as the reader noted it when the row was short of cells. */
export function printedCells(notes: readonly { code: string; path?: string | null; actual?: unknown }[], path: string): number | null {
  const note = notes.find((n) => n.code === 'row-short' && n.path === path);
  return typeof note?.actual === 'number' ? note.actual : null;
}
