import type { Report } from '../schema/types.ts';
import { reportTitle } from './text.ts';

/** The output formats of `ogi render` and the API's export (no renderer loaded: cheap to import). */

export const OUTPUT_FORMATS = ['docx', 'pdf', 'html', 'md', 'txt', 'xlsx', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Formats that hold any number of reports (the flat form); the others hold one report. */
export const MULTI_REPORT_FORMATS: readonly OutputFormat[] = ['xlsx', 'csv', 'json'];
export const BINARY_FORMATS: readonly OutputFormat[] = ['docx', 'pdf', 'xlsx'];

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A file name for the output: the report's title, or 政府信息公开工作年度报告数据 for several. */
export function defaultFileName(format: OutputFormat, reports: readonly Pick<Report, 'agency' | 'year'>[]): string {
  const base = reports.length === 1 ? reportTitle(reports[0]!) : '政府信息公开工作年度报告数据';
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '')}.${format}`;
}
