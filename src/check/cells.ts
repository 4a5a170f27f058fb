import { cellList, placePath, readerOf } from '../schema/cells.ts';
import type { CheckableReport, SourceSpan } from './types.ts';

export function readSpan(report: CheckableReport, path: string): SourceSpan | undefined {
  const p = report.provenance?.[path];
  return p ? { start: p.start, end: p.end, line: p.line, text: p.text } : undefined;
}

/** Replaces {name} placeholders with data. */
export function format(template: string, data: Record<string, string | number | null> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k] ?? '空白') : m));
}


/** Extraction notes that leave cells of a printed row blank because ogi could not tell them apart (or place them). */
const DIGIT_RUN_UNREAD = new Set(['digit-run-ambiguous', 'digit-run-unsplittable', 'cells-undetermined']);

/**
 * Paths of the cells a document prints but ogi could not read: blank and never placed (no
 * provenance), in a row printed as digit runs ogi could not split, or in a row short of
 * cells whose printed values ogi could not place (none of its cells placed). A row that
 * printed no value at all, or whose missing cells are its last ones, is the report's matter.
 * A JSON report has none.
 */
export function unreadCells(report: CheckableReport): Set<string> {
  const unread = new Set<string>();
  const provenance = report.provenance;
  if (!report.structure || !provenance || (report.template !== '2019' && report.template !== '2021')) return unread;
  const runs = new Set<string>();
  const short = new Set<string>();
  for (const n of report.notes) {
    if (!n.path) continue;
    if (DIGIT_RUN_UNREAD.has(n.code)) runs.add(n.path);
    else if (n.code === 'row-short' && typeof n.actual === 'number' && n.actual > 0) short.add(n.path);
  }
  if (!runs.size && !short.size) return unread;
  const byRow = new Map<string, string[]>();
  const placed = new Set<string>();
  for (const def of cellList(report.template)) {
    const row = def.table === 'active' ? placePath({ table: 'active', item: def.item!, row: def.row }) : placePath({ table: def.table, row: def.row });
    const noted = runs.has(row) || runs.has(def.table) ? 'run' : short.has(row) ? row : short.has(def.table) ? def.table : null;
    if (!noted) continue;
    if (provenance[def.path]) {
      placed.add(noted);
      continue;
    }
    if (readerOf(def)(report.tables) !== null) continue;
    byRow.set(noted, [...(byRow.get(noted) ?? []), def.path]);
  }
  for (const [row, paths] of byRow) if (row === 'run' || !placed.has(row)) for (const p of paths) unread.add(p);
  return unread;
}
