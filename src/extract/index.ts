import type { SourceText } from '../ingest/read-file.ts';
import { extractReport, type ExtractedReport } from './report.ts';

export { extractReport, type ExtractedReport } from './report.ts';

export function extractSource(src: SourceText): ExtractedReport {
  return extractReport(src.text, { name: src.name, path: src.path, format: src.format, encoding: src.encoding });
}
