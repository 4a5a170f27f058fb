import type { SourceSpan } from '../schema/places.ts';
import type { SectionKey } from '../schema/sections.ts';
import { sectionToDocument, type ReadReport } from './report.ts';

/** A stretch of a section's text as a span of the document (needs the section map of a read document). */
export function readSectionSpan(report: ReadReport, section: SectionKey | 'preamble', start: number, end: number): SourceSpan | undefined {
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

