import { parsePath } from './cells.ts';
import { requestRows } from './requests.ts';
import type { Location, SourceSpan } from './places.ts';

/**
 * What a stage says about a report, in one shape (as vfile-message): the extractor's notes
 * and the rules' findings alike carry the stage, a typed code, a severity, the place in the
 * report and in the source (line and column), and — where they apply — the value found,
 * the value expected and the legal basis. The CLI, the API and the pages show them as one list.
 */

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES = ['error', 'warning', 'info'] as const satisfies readonly Severity[];
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type MessageSource = 'extract' | 'check';

export interface Message {
  source: MessageSource;
  /** A note code (src/schema/notes.ts) for `extract`, a rule id (SUM-01) for `check`. */
  code: string;
  severity: Severity;
  /** Chinese, with the numbers. */
  message: string;
  location: Location;
  span?: SourceSpan;
  actual?: number | string | null;
  expected?: number | string | null;
  /** Legal basis (rule findings). */
  basis?: string;
  /** Every cell (path, as `provenance` keys) the message is about, when it names several. */
  cells?: string[];
}

/** 1-based line and column (UTF-16 units) of an offset, from the offsets at which lines start. */
export function lineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}

/**
 * The location a note's path names: a cell, row or item of a table, or a section. With the template,
 * a row of 三 whose key ends like a column (2021 "3.其他" is `requests.other.other`, which in 2019 is
 * the cell of （六）其他处理 in the column 其他) is read as that template's row.
 */
export function locationOfPath(path: string | undefined, template?: string): Location {
  if (!path) return {};
  if ((template === '2019' || template === '2021') && path.startsWith('requests.')) {
    const row = path.slice('requests.'.length);
    if (requestRows(template).some((r) => r.key === row)) return { table: 'requests', row };
  }
  if (path.startsWith('sections.')) return { section: path.slice('sections.'.length) as Location['section'] };
  if (path.startsWith('meta.')) return { field: path.slice('meta.'.length) };
  return parsePath(path);
}

/** Most severe first. */
export const bySeverity = (a: { severity: Severity }, b: { severity: Severity }) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
