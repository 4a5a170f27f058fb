import ExcelJS from 'exceljs';
import { toCsv } from '../render/csv.ts';
import { CONTENT_TYPES, OUTPUT_FORMATS, type OutputFormat } from '../render/formats.ts';
import type { Report } from '../schema/types.ts';

/** Lists and tables as CSV or XLSX files, and reports in every format of the renderer. */

export type CellOut = string | number | null | undefined;

export interface Column<T> {
  label: string;
  value: (row: T) => CellOut;
}

export interface Sheet<T = unknown> {
  name: string;
  columns: Column<T>[];
  rows: readonly T[];
}

/**
 * A rate in data exports: a percentage with two decimals, a half rounded up (57/800 → 7.13; the
 * column's label says 「（%）」; numerator and denominator have columns of their own).
 */
export function percent(value: number | null): number | null {
  // 57/800 × 10000 is 712.4999999999999 in binary: 12 significant digits first give the 712.5 meant.
  return value === null ? null : Math.round(Number((value * 10_000).toPrecision(12))) / 100;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A stored UTC time (ISO 8601) in exports: the server's local time with its offset, e.g. 2026-12-04T05:00:00+08:00. */
export function localTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || !iso.includes('T')) return iso;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

/** Attachment header with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function disposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Written notes that go with a list (its measures' definitions, its order): [heading, text] pairs. */
export type Notes = readonly (readonly [string, string])[];

/** A list as CSV: the one CSV writer (src/render/csv.ts), formula guard included; notes follow the rows after a blank line. */
export function sheetCsv<T>(sheet: Sheet<T>, notes: Notes = []): string {
  const rows = sheet.rows.map((row) => sheet.columns.map((c) => c.value(row)));
  return toCsv(sheet.columns.map((c) => c.label), notes.length ? [...rows, [], ...notes] : rows);
}

const SHEET_NAME = /[\\/?*[\]:：]/g;

export async function toXlsx(sheets: readonly Sheet<unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ogi';
  const used = new Set<string>();
  for (const sheet of sheets) {
    let name = sheet.name.replace(SHEET_NAME, ' ').slice(0, 31) || 'Sheet';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${sheet.name.replace(SHEET_NAME, ' ').slice(0, 27)}(${n})`;
    used.add(name.toLowerCase());
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns.forEach((c, i) => {
      ws.getCell(1, i + 1).value = c.label;
      ws.getColumn(i + 1).width = Math.min(50, Math.max(8, [...c.label].length * 2 + 2));
    });
    ws.getRow(1).font = { bold: true };
    sheet.rows.forEach((row, r) => {
      sheet.columns.forEach((c, i) => {
        const v = c.value(row);
        if (v !== null && v !== undefined) ws.getCell(r + 2, i + 1).value = v;
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function fileResponse(body: string | Buffer, type: string, name: string, kind: 'attachment' | 'inline' = 'attachment', extra: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'Content-Type': type, 'Content-Disposition': disposition(kind, name), 'X-Content-Type-Options': 'nosniff', ...extra },
  });
}

/** A list as CSV (first sheet) or XLSX (every sheet); notes below the CSV's rows, or in a sheet “说明” of their own. */
export async function tabular(format: 'csv' | 'xlsx', name: string, sheets: readonly Sheet<unknown>[], notes: Notes = []): Promise<Response> {
  if (format === 'csv') return fileResponse(sheetCsv(sheets[0]!, notes), CSV_TYPE, `${name}.csv`);
  const noteSheet = notes.length ? [sheet('说明', [{ label: '项目', value: (n: Notes[number]) => n[0] }, { label: '说明', value: (n: Notes[number]) => n[1] }], notes)] : [];
  return fileResponse(await toXlsx([...sheets, ...noteSheet]), XLSX_TYPE, `${name}.xlsx`);
}

/** A typed sheet, erased so that sheets of different rows go in one list. */
export function sheet<T>(name: string, columns: Column<T>[], rows: readonly T[]): Sheet<unknown> {
  return { name, columns, rows } as unknown as Sheet<unknown>;
}

/** Content Security Policy for content made from reports: nothing runs, nothing loads. */
export const SANDBOX_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export const REPORT_FORMATS = OUTPUT_FORMATS;
export type ReportFormat = OutputFormat;

/** One report in a format of the renderer: the same bytes as `ogi render --to <format>`. */
export async function renderReport(report: Report, format: ReportFormat, base: string): Promise<Response> {
  return renderReports([report], format, base);
}

/** Reports in a format of the renderer (src/render/index.ts, the one dispatcher of the CLI and the API). */
export async function renderReports(reports: readonly Report[], format: ReportFormat, base: string): Promise<Response> {
  const { renderTo } = await import('../render/index.ts');
  const body = await renderTo(format, reports);
  const inline = format === 'html';
  return fileResponse(body, CONTENT_TYPES[format], `${base}.${format}`, inline ? 'inline' : 'attachment', inline ? { 'Content-Security-Policy': SANDBOX_CSP } : {});
}

/** Content types of originals by stored format; text-like originals are served as plain text, never as a page. */
export function originalType(format: string, bytes: Buffer, encoding: string): string {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return DOCX_TYPE;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return 'application/msword';
  if (format === 'image') return 'application/octet-stream';
  const charset = encoding && encoding !== 'binary' ? `; charset=${encoding}` : '';
  return `text/plain${charset}`;
}
