import ExcelJS from 'exceljs';
import { z } from 'zod';
import { isoDayNumber, isoFromDayNumber } from '../schema/calendar/iso-date.ts';
import { columnOf, LEDGER_SHEETS } from '../schema/ledger-sheets.ts';
import { recordFromRow } from '../schema/ledger-sheets.ts';
import type { Ledger, LedgerRegister } from '../schema/ledger.ts';

export type LedgerImport = { ok: true; ledger: Ledger; rows: number } | { ok: false; problems: string[] };

/** Excel counts days from 1899-12-30. */
const EXCEL_EPOCH_DAY = -25569;

/** A date cell: an Excel date, a day number, or text as 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日; null when not a date. */
function dateText(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 100000) return isoFromDayNumber(v + EXCEL_EPOCH_DAY);
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(String(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isoDayNumber(iso) === null ? null : iso;
}

/** The plain value of a cell: rich text, hyperlinks and formulas give their text or result. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return typeof v === 'string' ? v.trim() : v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if ('text' in v) return String(v.text).trim();
  if ('result' in v) return plain(v.result as ExcelJS.CellValue);
  return null;
}

/**
 * Reads a ledger from an .xlsx in the template (one sheet per register; a missing sheet is an empty
 * register). Every problem names the sheet, the row and the column, never the cell's content (it may
 * be an applicant's personal data); with any problem nothing is returned.
 */
export async function readLedgerXlsx(bytes: Buffer): Promise<LedgerImport> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: ['不是可以读取的 .xlsx 文件'] };
  }
  const ledger: Ledger = { applications: [], cases: [], documents: [], figures: [] };
  const problems: string[] = [];
  let rows = 0;
  const known = new Set(Object.values(LEDGER_SHEETS).map((s) => s.name));
  for (const ws of wb.worksheets) {
    if (!known.has(ws.name)) problems.push(`不认识的工作表“${ws.name}”（应为${[...known].map((n) => `“${n}”`).join('、')}）`);
  }
  for (const register of Object.keys(LEDGER_SHEETS) as LedgerRegister[]) {
    const { name, columns, schema } = LEDGER_SHEETS[register];
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const headers: (string | null)[] = [];
    ws.getRow(1).eachCell((cell, col) => {
      const h = String(plain(cell.value) ?? '');
      if (!columns.some((c) => c.header === h)) problems.push(`工作表“${name}”第 1 行第 ${col} 列：不认识的列“${h}”（见 README“台账”的列模板）`);
      headers[col] = h;
    });
    const dateColumns = new Set(columns.filter((c) => c.kind === 'date').map((c) => c.header));
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells = new Map<string, string | number>();
      const where = `工作表“${name}”第 ${n} 行`;
      const rowProblems: string[] = [];
      row.eachCell((cell, col) => {
        const header = headers[col];
        const v = plain(cell.value);
        if (!header || v === null || v === '') return;
        if (dateColumns.has(header)) {
          const iso = dateText(v);
          if (iso === null) rowProblems.push(`“${header}”应为日期（Excel 日期，或 2024-03-05、2024年3月5日 形式的文字）`);
          else cells.set(header, iso);
        } else cells.set(header, v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | number));
      });
      if (cells.size === 0 && rowProblems.length === 0) return;
      rows++;
      const { record, problems: cellProblems } = recordFromRow(register, cells);
      rowProblems.push(...cellProblems);
      if (rowProblems.length === 0) {
        const r = schema.safeParse(record, { error: z.locales.zhCN().localeError });
        if (r.success) (ledger[register] as unknown[]).push(r.data);
        else for (const issue of r.error.issues) rowProblems.push(`“${columnOf(register, issue.path.join('.')) ?? issue.path.join('.')}”${issue.message}`);
      }
      for (const p of rowProblems) problems.push(`${where}：${p}`);
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, ledger, rows };
}
