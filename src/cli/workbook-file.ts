import { closeSync, createWriteStream, fstatSync, openSync, rmSync, type WriteStream } from 'node:fs';
import { InputError } from '../errors.ts';
import { defaultFileName } from '../render/formats.ts';
import { WorkbookStream, type ReportShelf, type WorkbookReport } from '../render/xlsx.ts';
import { Spill, type Spilled } from './spill.ts';
import { unwritable } from './write-output.ts';

/** Reports put aside in a temporary file until the workbook's data sheets are written. */
function spilledShelf(spill: Spill): ReportShelf {
  const places: Spilled[] = [];
  return {
    put: (report) => places.push(spill.add(JSON.stringify(report))),
    *all() {
      for (const at of places) yield spill.read<WorkbookReport>(at);
    },
  };
}

/**
 * `ogi render --to xlsx` over a corpus: the workbook is written to its file as reports come, so
 * memory stays flat however many there are. The `-o` file is opened at once (a path that cannot
 * be written is reported before any input is read); without `-o` the file is named after the
 * report when there is one, and opened as soon as a second report shows there are several.
 * A file cut short (disk full) is removed, never left behind as if complete.
 */
export class WorkbookFile {
  private readonly spill = new Spill();
  private workbook: WorkbookStream | null = null;
  private stream: WriteStream | null = null;
  /** Rejects with the file's first write error. */
  private failed: Promise<never> = new Promise(() => {});
  private regular = false;
  private file: string | null = null;
  private first: WorkbookReport | null = null;
  private released = false;

  constructor(private readonly output?: string) {
    if (output !== undefined) this.open(output);
  }

  async add(report: WorkbookReport): Promise<void> {
    if (!this.workbook && !this.first) {
      this.first = report;
      return;
    }
    await this.guarded(async (workbook) => {
      await workbook.add(report);
    }, () => defaultFileName('xlsx', []));
  }

  /** Writes the data sheets and closes the file; returns its name. */
  async end(): Promise<string> {
    await this.guarded(async (workbook) => {
      const stream = this.stream!;
      const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
      await workbook.end();
      await closed;
    }, () => defaultFileName('xlsx', this.first ? [this.first] : []));
    this.release();
    return this.file!;
  }

  /** Gives up: the file written so far is removed. */
  discard(): void {
    this.stream?.destroy();
    this.stream = null;
    if (this.regular && this.file) rmSync(this.file, { force: true });
    this.regular = false;
    this.release();
  }

  private release(): void {
    if (!this.released) this.spill.close();
    this.released = true;
  }

  /** Opens the file under `name()` if it is not open yet, adds the waiting first report, then `step`; any failure discards the file. */
  private async guarded(step: (workbook: WorkbookStream) => Promise<void>, name: () => string): Promise<void> {
    try {
      if (!this.workbook) this.open(name());
      const work = (async () => {
        if (this.first) await this.workbook!.add(this.first);
        this.first = null;
        await step(this.workbook!);
      })();
      // A file that fails stops the zip for good: what waits on it would wait forever.
      work.catch(() => {});
      await Promise.race([work, this.failed]);
    } catch (err) {
      this.discard();
      throw err instanceof InputError ? err : unwritable(this.file ?? '', err);
    }
  }

  private open(file: string): void {
    let fd: number;
    try {
      fd = openSync(file, 'w');
    } catch (err) {
      throw unwritable(file, err);
    }
    try {
      this.regular = fstatSync(fd).isFile();
    } catch (err) {
      closeSync(fd);
      throw unwritable(file, err);
    }
    this.file = file;
    this.stream = createWriteStream('', { fd });
    const stream = this.stream;
    this.failed = new Promise<never>((_, reject) => stream.once('error', (err) => reject(unwritable(file, err))));
    this.failed.catch(() => {});
    this.workbook = new WorkbookStream(this.stream, { shelf: spilledShelf(this.spill) });
  }
}
