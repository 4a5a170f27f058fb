import type { z } from 'zod';
import type {
  CellSchema, ExtraRowSchema, ExtractionNoteSchema, ProvenanceSchema, ReportSchema, SourceSchema, TablesSchema,
} from './contract.ts';

/**
 * The data contract of one report (report-data.md). Keys are public; add fields, never rename.
 * Declared once, with zod, in `contract.ts`: these types, the JSON Schema (`ogi schema`) and the
 * validation of JSON input all come from there.
 */

/** The kinds of issuing organ (contract field `issuerType`). */
export const ISSUER_TYPES = ['government', 'department', 'township', 'other'] as const;

/** A number as printed, or null when the cell is blank, a placeholder or unreadable. */
export type Cell = z.output<typeof CellSchema>;

export type IssuerType = Report['issuerType'];

export type SourceFormat = z.output<typeof SourceSchema>['format'];

/** A row a province added to table 二 (TPL-07): kept, excluded from the identities. */
export type ExtraRow = z.output<typeof ExtraRowSchema>;

export type Tables = z.output<typeof TablesSchema>;
/**
 * tables.active[item][row][column]; `extra` holds local rows (report-data.md §12.2).
 * Read items through the schema (`TEMPLATE_DEFS[t].active`), never by iterating keys.
 */
export type ActiveTable = Tables['active'];
/** tables.requests[row] = 7 cells: naturalPerson … total */
export type RequestsTable = Tables['requests'];
/** tables.review[group] = 5 cells: upheld, corrected, other, pending, total */
export type ReviewTable = Tables['review'];

/**
 * Where a value was read. For text-like sources `start`/`end` are UTF-16 offsets
 * into the decoded document text (`ogi parse` shows the same text) and `line` is 1-based.
 */
export type Provenance = z.output<typeof ProvenanceSchema>;

/** What the extractor could not read cleanly: a stable code, a Chinese message, and where. */
export type ExtractionNote = z.output<typeof ExtractionNoteSchema>;

/** One report: metadata, the six sections, the three tables, where every value was read, and notes. */
export type Report = z.output<typeof ReportSchema>;
