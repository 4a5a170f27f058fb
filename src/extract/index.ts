import { locationAt } from '../ingest/blocks.ts';
import type { SourceText } from '../ingest/read-file.ts';
import type { Provenance } from '../schema/types.ts';
import { repairOcrValues } from './ocr-repair.ts';
import { extractReport, type ExtractedReport } from './report.ts';

export { extractReport, type ExtractedReport } from './report.ts';

/** Extracts a read document; for laid-out formats each provenance also gets its place in the original. */
export function extractSource(src: SourceText): ExtractedReport {
  const report = extractReport(src.text, { name: src.name, path: src.path, format: src.format, encoding: src.encoding, hints: src.hints });
  if (src.segments) {
    const place = (p: Provenance) => {
      if (p.path !== undefined) return; // read outside the text (a page's <title> or <meta>): its place is already given
      const loc = locationAt(src.segments!, p.start);
      if (loc) Object.assign(p, structuredClone(loc));
    };
    Object.values(report.provenance).forEach(place);
    Object.values(report.structure.labels).forEach(place);
    // OCR'd sources: doubtful readings checked against the table identities.
    if (Object.values(report.provenance).some((p) => p.confidence !== undefined)) repairOcrValues(report);
  }
  return report;
}
