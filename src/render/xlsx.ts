import { once } from 'node:events';
import { PassThrough, type Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Report } from '../schema/types.ts';
import { documentDate } from './document-date.ts';
import { FLAT_COLUMNS, flatRows } from './flat.ts';
import { activeGrid, requestsGrid, reviewGrid } from './grid.ts';
import { reportTitle } from './text.ts';
import { addTableSheet, SheetNames, sheetBase } from './xlsx-table-sheet.ts';

/**
 * Reports as an Excel workbook: for each report one sheet per statutory table (二、三、四) in the
 * official layout, then the flat `data` sheet(s) holding `flatRows` (one row per cell). Values are
 * numbers; blank or unreadable cells stay empty, never 0. The workbook is streamed: each report's
 * sheets are written and let go as the report comes, so a corpus of any size fits in memory.
 */

/** What the workbook reads of a report (the CLI keeps only this of each report). */
export type WorkbookReport = Pick<Report, 'agency' | 'year' | 'template' | 'tables' | 'input'>;

/** Rows of an Excel worksheet (1,048,576), less the header. */
export const SHEET_DATA_ROWS = 1_048_575;

/**
 * The date on every entry of the workbook's zip: the earliest a zip can state. Entries are written
 * before the last report is known, so they cannot carry the workbook's date; a fixed one keeps the
 * bytes the same from one rendering to the next.
 */
export const ZIP_ENTRY_DATE = new Date(Date.UTC(1980, 0, 1));

interface Zip extends NodeJS.EventEmitter {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

/**
 * ExcelJS's streaming writer, with every zip entry dated ZIP_ENTRY_DATE (ExcelJS dates them with
 * the time of writing), and a way to wait for the zip: a committed sheet only waits in memory
 * until the zip takes it, so a writer that never waits holds the whole corpus.
 */
class DatedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  // The constructor adds the theme first, right after it opens the zip: the earliest the zip can be
  // reached (a field set here would be reset once the constructor returns, so the counts live on the zip).
  override addThemes(): Promise<void> {
    const zip = this.zipOf();
    const counts = { appended: 0, zipped: 0 };
    ZIP_COUNTS.set(zip, counts);
    zip.on('entry', () => counts.zipped++);
    const append = zip.append.bind(zip);
    zip.append = (source, data) => {
      counts.appended++;
      return append(source, { ...data, date: ZIP_ENTRY_DATE });
    };
    return super.addThemes();
  }

  /** Waits until the zip has taken all but `behind` of the entries given to it. */
  async caughtUp(behind: number): Promise<void> {
    const zip = this.zipOf();
    const counts = ZIP_COUNTS.get(zip)!;
    while (counts.appended - counts.zipped > behind) await once(zip, 'entry');
  }

  /**
   * ExcelJS keeps every sheet whole, with its stream and that stream's compressor, until the
   * workbook ends (about 100 KB a report); the workbook's last files need only a sheet's name,
   * place and state (and print settings, which these sheets have none of).
   */
  letGo(ws: ExcelJS.Worksheet): void {
    const sheets = (this as unknown as { _worksheets: unknown[] })._worksheets;
    const { id, name, state } = ws;
    sheets[id] = { id, name, state, committed: true };
  }

  private zipOf(): Zip {
    return (this as unknown as { zip: Zip }).zip;
  }
}

const ZIP_COUNTS = new WeakMap<Zip, { appended: number; zipped: number }>();

/** Where the writer keeps each report until the data sheets are written, after the last one. */
export interface ReportShelf {
  put(report: WorkbookReport): void;
  all(): Iterable<WorkbookReport>;
}

function memoryShelf(): ReportShelf {
  const reports: WorkbookReport[] = [];
  return { put: (report) => reports.push(report), all: () => reports };
}

export interface WorkbookOptions {
  rowsPerSheet?: number;
  shelf?: ReportShelf;
}

/** Writes the workbook to `out` as reports are added; `end()` writes the data sheets and closes the zip. */
export class WorkbookStream {
  private readonly wb: DatedWorkbookWriter;
  private readonly names = new SheetNames();
  private readonly shelf: ReportShelf;
  private readonly rowsPerSheet: number;
  /** The first report waits for a second: a lone report's sheets are named after the tables alone. */
  private waiting: WorkbookReport | null = null;
  private count = 0;
  private latestYear: number | null = null;

  constructor(out: NodeJS.WritableStream, options: WorkbookOptions = {}) {
    this.wb = new DatedWorkbookWriter({ stream: out as unknown as Stream, useStyles: true, useSharedStrings: false });
    this.wb.creator = 'ogi';
    this.shelf = options.shelf ?? memoryShelf();
    this.rowsPerSheet = options.rowsPerSheet ?? SHEET_DATA_ROWS;
  }

  async add(report: WorkbookReport): Promise<void> {
    this.count++;
    if (report.year !== null && (this.latestYear === null || report.year > this.latestYear)) this.latestYear = report.year;
    this.shelf.put(report);
    if (this.count === 1) {
      this.waiting = report;
      return;
    }
    if (this.waiting) await this.tableSheets(this.waiting, true);
    this.waiting = null;
    await this.tableSheets(report, true);
  }

  async end(): Promise<void> {
    if (this.waiting) await this.tableSheets(this.waiting, false);
    this.waiting = null;
    await this.dataSheets();
    const date = documentDate([{ year: this.latestYear }]);
    this.wb.created = date;
    this.wb.modified = date;
    await this.wb.commit();
  }

  private async tableSheets(report: WorkbookReport, several: boolean): Promise<void> {
    if (report.template === 'legacy') return;
    const title = reportTitle(report as Report);
    const grids = [activeGrid(report.template, report.tables), requestsGrid(report.template, report.tables), reviewGrid(report.tables)];
    for (const grid of grids) await committed(this.wb, addTableSheet(this.wb, this.names.take(sheetBase(report, grid.key, several)), title, grid));
  }

  /** The flat rows; a corpus with more cells than a worksheet holds continues in `data (2)`, `data (3)`…, each with the header. */
  private async dataSheets(): Promise<void> {
    let ws: ExcelJS.Worksheet | null = null;
    let sheets = 0;
    let r = 0;
    for (const report of this.shelf.all()) {
      for (const row of flatRows([report as Report])) {
        if (ws === null || r > this.rowsPerSheet) {
          if (ws) await committed(this.wb, ws);
          sheets++;
          ws = this.addDataSheet(sheets === 1 ? 'data' : this.names.take(`data (${sheets})`));
          r = 1;
        }
        const line = ws.getRow(r + 1);
        FLAT_COLUMNS.forEach((key, i) => {
          const v = row[key];
          if (v === null) return;
          const cell = line.getCell(i + 1);
          cell.value = v;
          cell.style = typeof v === 'number' ? NUMBER_STYLE : TEXT_STYLE;
        });
        line.commit();
        r++;
      }
      if (ws) await taken(ws);
    }
    await committed(this.wb, ws ?? this.addDataSheet('data'));
  }

  private addDataSheet(name: string): ExcelJS.Worksheet {
    const ws = this.wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const widths: Record<string, number> = { agency: 24, tableLabel: 34, itemLabel: 18, rowLabel: 48, columnLabel: 22 };
    ws.columns = FLAT_COLUMNS.map((key) => ({ width: widths[key] ?? 14 }));
    ws.getRow(1).values = [...FLAT_COLUMNS];
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FLAT_COLUMNS.length } };
    ws.getRow(1).commit();
    return ws;
  }
}

// The data sheet's plain styles, one object each: ExcelJS registers a style once per object (see xlsx-table-sheet.ts).
const NUMBER_STYLE: Partial<ExcelJS.Style> = {};
const TEXT_STYLE: Partial<ExcelJS.Style> = {};

/** What a sheet may have written ahead of the zip. */
const WRITTEN_AHEAD = 1 << 20;

/**
 * Waits until the zip has nearly taken what a sheet wrote so far: ExcelJS writes a sheet's rows
 * without waiting, and a data sheet of a large corpus would otherwise wait whole in memory.
 */
async function taken(ws: ExcelJS.Worksheet): Promise<void> {
  // The zip's side is a readable-stream PassThrough, whose version has no `writableLength`.
  type ZipSide = NodeJS.WritableStream & { _writableState: { length: number } };
  const stream = (ws as unknown as { stream: { pipes: ZipSide[] } }).stream;
  for (;;) {
    const zip = stream.pipes[0];
    if (zip && zip._writableState.length <= WRITTEN_AHEAD) return;
    if (zip) await once(zip, 'drain');
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Commits a streamed sheet, waits until the zip has taken it, then lets go of it. */
async function committed(wb: DatedWorkbookWriter, ws: ExcelJS.Worksheet): Promise<void> {
  ws.commit();
  await wb.caughtUp(0);
  wb.letGo(ws);
}

/** The reports as an .xlsx workbook in memory (the web and single reports; the CLI streams to its file). */
export async function renderXlsx(reports: readonly WorkbookReport[], options: { rowsPerSheet?: number } = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = once(out, 'end');
  const workbook = new WorkbookStream(out, options);
  for (const report of reports) await workbook.add(report);
  await workbook.end();
  await done;
  return Buffer.concat(chunks);
}
