import { InputError } from '../errors.ts';
import type { Report } from '../schema/types.ts';
import { renderDocx } from './docx.ts';
import { renderCsv } from './flat.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderPdf } from './pdf.ts';
import { renderMarkdown, renderTxt } from './plain.ts';
import { renderXlsx } from './xlsx.ts';

export { BINARY_FORMATS, CONTENT_TYPES, defaultFileName, MULTI_REPORT_FORMATS, OUTPUT_FORMATS, type OutputFormat } from './formats.ts';
import { MULTI_REPORT_FORMATS, type OutputFormat } from './formats.ts';

/** Renders reports into one of the output formats. */
export async function renderTo(format: OutputFormat, reports: readonly Report[]): Promise<Buffer | string> {
  if (!MULTI_REPORT_FORMATS.includes(format) && reports.length !== 1) {
    throw new InputError('usage', `--to ${format} 每次只能生成一份报告，收到 ${reports.length} 份；多份报告请用 --to csv、xlsx 或 json`);
  }
  const one = reports[0]!;
  switch (format) {
    case 'html': return renderHtml(one);
    case 'md': return renderMarkdown(one);
    case 'txt': return renderTxt(one);
    case 'docx': return renderDocx(one);
    case 'pdf': return renderPdf(one);
    case 'xlsx': return renderXlsx(reports);
    case 'csv': return renderCsv(reports);
    case 'json': return renderJson(reports);
  }
}
