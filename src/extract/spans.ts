import { lineColumn } from '../schema/message.ts';
import type { SourceSpan } from '../schema/places.ts';
import type { SectionKey } from '../schema/sections.ts';
import { sectionToDocument, type ReadReport } from './report.ts';

/** A stretch of a section's text as a span of the document (needs the section map of a read document). */
export function readSectionSpan(report: ReadReport, section: SectionKey | 'preamble', start: number, end: number): SourceSpan | undefined {
  const text = section === 'preamble' ? report.preamble : report.sections[section];
  const doc = sectionToDocument(report.structure?.sectionMaps?.[section], start, end);
  if (!doc || text === null || text === undefined) return undefined;
  const at = report.structure?.lineStarts ? lineColumn(report.structure.lineStarts, doc.start) : { line: 0 };
  return { start: doc.start, end: doc.end, ...at, text: text.slice(start, end) };
}
