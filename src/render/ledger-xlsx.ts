import ExcelJS from 'exceljs';
import { ledgerRows } from '../schema/ledger-sheets.ts';
import type { Ledger } from '../schema/ledger.ts';

/** The ledger as an .xlsx in the documented template: one sheet per register, Chinese headers, dates as Excel dates. */
export async function ledgerXlsx(ledger: Ledger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of ledgerRows(ledger)) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.headers);
    ws.getRow(1).font = { bold: true };
    sheet.headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(40, Math.max(10, [...h].length * 2));
      if (sheet.kinds[i] === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    });
    for (const row of sheet.rows) {
      // Strings stay strings (never formulas), so text from applicants cannot run in Excel.
      ws.addRow(row.map((v, i) => (sheet.kinds[i] === 'date' && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v)));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
