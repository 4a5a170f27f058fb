import { lineColumn, locationOfPath } from '../schema/message.ts';
import type { NoteCode } from '../schema/notes.ts';
import type { ExtractionNote } from '../schema/types.ts';

export interface NoteInput {
  /** Cell path, row, item or table (`requests.granted`, `active.art20_8`) the note is about. */
  path?: string;
  /** Where in the document: offsets and the text printed there. */
  span?: { start: number; end: number; text: string };
  actual?: number | string | null;
  expected?: number | string | null;
}

/**
 * A note of the extractor in the shape every stage's messages share; line and column when the lines
 * are known; its place read in the report's template when that is known.
 */
export function extractionNote(code: NoteCode, message: string, input: NoteInput = {}, lineStarts?: readonly number[], template?: string): ExtractionNote {
  const { path, span, actual, expected } = input;
  return {
    source: 'extract',
    code,
    severity: 'info',
    message,
    location: locationOfPath(path, template),
    ...(span ? { span: { start: span.start, end: span.end, ...(lineStarts ? lineColumn(lineStarts, span.start) : { line: 0 }), text: span.text } } : {}),
    ...(actual !== undefined ? { actual } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(path ? { path } : {}),
    ...(span ? { start: span.start, end: span.end } : {}),
  };
}
