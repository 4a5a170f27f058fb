import type { SectionKey } from './sections.ts';
import type { RequestRowKey } from './requests.ts';
import type { ReviewGroupKey } from './review.ts';
import type { Template } from './templates.ts';

/** The data contract of one report (report-data.md). Keys are public; add fields, never rename. */

/** A number as printed, or null when the cell is blank, a placeholder or unreadable. */
export type Cell = number | null;

export type IssuerType = 'government' | 'department' | 'township' | 'other';
export const ISSUER_TYPES = ['government', 'department', 'township', 'other'] as const;

export type SourceFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'image' | 'json' | 'yaml';

/** A row a province added to table 二 (TPL-07): kept, excluded from the identities. */
export interface ExtraRow {
  item: string;
  label: string;
  cells: Cell[];
}

/**
 * tables.active[item][row][column]; `extra` holds local rows (report-data.md §12.2).
 * Read items through the schema (`TEMPLATE_DEFS[t].active`), never by iterating keys.
 */
export type ActiveTable = Record<string, Record<string, Record<string, Cell>>> & { extra?: ExtraRow[] };
/** tables.requests[row] = 7 cells: naturalPerson … total */
export type RequestsTable = Partial<Record<RequestRowKey, Cell[]>>;
/** tables.review[group] = 5 cells: upheld, corrected, other, pending, total */
export type ReviewTable = Partial<Record<ReviewGroupKey, Cell[]>>;

export interface Tables {
  active: ActiveTable;
  requests: RequestsTable;
  review: ReviewTable;
}

/**
 * Where a value was read. For text-like sources `start`/`end` are UTF-16 offsets
 * into the decoded document text (`ogi parse` shows the same text) and `line` is 1-based.
 */
export interface Provenance {
  start: number;
  end: number;
  line: number;
  /** The printed text of the cell (empty for a blank cell). */
  text: string;
  /** Printed unit of a money amount ("万元", "元"), when one was printed. */
  unit?: string;
  /** Why the value is what it is when that is not obvious (placeholder, split digit run, …). */
  note?: string;
  /** HTML: CSS selector of the cell; DOCX: XPath of the table cell or paragraph. */
  path?: string;
  /** PDF or image: page (1-based) and box [x, y, width, height] from the top-left, in PDF points (pixels for images). */
  page?: number;
  box?: [number, number, number, number];
  /** OCR confidence of the text, 0–100. */
  confidence?: number;
}

export interface ExtractionNote {
  /** Stable code, e.g. "row-missing", "digit-run-ambiguous". */
  code: string;
  /** Chinese message for users. */
  message: string;
  /** Cell path (see `Report.provenance`) or section key the note is about. */
  path?: string;
  start?: number;
  end?: number;
}

export interface Report {
  agency: string | null;
  year: number | null;
  template: Template;
  signedOn: string | null;
  publishedOn: string | null;
  issuerType: IssuerType;
  sections: Record<SectionKey, string | null>;
  tables: Tables;
  source: { name: string; format: SourceFormat; encoding?: string };
  /** Text before the first section heading (legal basis, statistics period, contact). */
  preamble: string | null;
  /**
   * Where every value was read, keyed by path:
   * `active.<item>.<row>.<column>`, `requests.<row>.<column>`, `review.<group>.<column>`,
   * `meta.<field>`, `sections.<key>`.
   */
  provenance: Record<string, Provenance>;
  /** What the extractor could not read cleanly, in Chinese. */
  notes: ExtractionNote[];
}
