import type { CheckableReport, SourceSpan } from './types.ts';

/** The document was read by OCR (an image, or text with OCR confidence): a row not found may be one OCR missed. */
export function readByOcr(doc: CheckableReport): boolean {
  let ocr = BY_OCR.get(doc);
  if (ocr === undefined) {
    ocr = doc.source?.format === 'image' || anyConfidence(doc.provenance ?? {});
    BY_OCR.set(doc, ocr);
  }
  return ocr;
}

function anyConfidence(provenance: NonNullable<CheckableReport['provenance']>): boolean {
  for (const key of Object.keys(provenance)) if (provenance[key]!.confidence !== undefined) return true;
  return false;
}

/** Asked once per row by some rules: answered once per report. */
const BY_OCR = new WeakMap<CheckableReport, boolean>();

type Notes = readonly { code: string; path?: string | null; actual?: unknown }[];

/** The extraction note with this code at this path, if the reader left one. */
function noteAt<N extends Notes[number]>(notes: readonly N[], code: string, path: string): N | undefined {
  return notes.find((n) => n.code === code && n.path === path);
}

/** How many value cells a row printed, as the reader noted it when the row was short of cells. */
export function printedCells(notes: Notes, path: string): number | null {
  const note = noteAt(notes, 'row-short', path);
  return typeof note?.actual === 'number' ? note.actual : null;
}

/** A row the extractor saw printed but could not name (`row-unrecognised` at the row's path): the printed label and where it is. */
export function unrecognisedRow(doc: CheckableReport, path: string): { printed: string; span: SourceSpan | null } | null {
  const note = noteAt(doc.notes, 'row-unrecognised', path);
  if (!note) return null;
  const printed = String(note.actual ?? note.span?.text ?? '');
  return { printed, span: note.span ?? null };
}
