import type { CheckableReport, SourceSpan } from './types.ts';

/** The document was read by OCR (an image, or text with OCR confidence): a row not found may be one OCR missed. */
export function readByOcr(doc: CheckableReport): boolean {
  return doc.source?.format === 'image' || Object.values(doc.provenance ?? {}).some((p) => p.confidence !== undefined);
}

/** A row the extractor saw printed but could not name (`row-unrecognised` at the row's path): the printed label and where it is. */
export function unrecognisedRow(doc: CheckableReport, path: string): { printed: string; span: SourceSpan | null } | null {
  const note = doc.notes.find((n) => n.code === 'row-unrecognised' && n.path === path);
  if (!note) return null;
  const printed = String(note.actual ?? note.span?.text ?? '');
  return { printed, span: note.span ?? null };
}
