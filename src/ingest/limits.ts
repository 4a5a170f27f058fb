import { InputError } from '../errors.ts';

/**
 * The safety caps of every reader, in one place (README: 安全上限). Reports are untrusted input: a
 * damaged or hostile file must end quickly with a clear message, never hang the process or fill its
 * memory. Real reports stay far below every cap (a report is some tens of pages, three statutory
 * tables of a few dozen rows, under 100 000 characters of text).
 */
export const LIMITS = {
  /** Bytes of one input file of any format. */
  fileBytes: 200 * 1024 * 1024,
  /** Bytes of a web page or a text file. */
  markupBytes: 32 * 1024 * 1024,
  /** Characters of an authoring file (YAML or JSON; a filled one is some kilobytes). */
  authoringChars: 128 * 1024,
  /** Entries of a Word (.docx) package. */
  zipEntries: 5_000,
  /** Uncompressed bytes a Word package declares for all its entries. */
  zipDeclaredBytes: 1024 * 1024 * 1024,
  /** Bytes of one XML part of a Word package once inflated (counted while inflating). */
  xmlPartBytes: 32 * 1024 * 1024,
  /** Columns one table cell may span (Word gridSpan and gridBefore, HTML colspan). */
  columnSpan: 64,
  /** Rows one HTML table cell may span (rowspan). */
  rowSpan: 200,
  /** Word numbering levels are 0–8; a level beyond the last is read as the last. */
  listLevel: 8,
  /** Largest list start value (Word's own maximum). */
  listStart: 32_767,
  /** Rows of one table (Word, HTML). */
  tableRows: 20_000,
  /** Grid cells of all tables of one document (Word, HTML). */
  tableCells: 200_000,
  /** Element nesting depth of an HTML page. */
  htmlDepth: 256,
  /** Elements of an HTML page. */
  htmlElements: 200_000,
  /** Lines of the text the extractor reads (any format). */
  textLines: 60_000,
  /** Characters of the text the extractor reads (any format). */
  textChars: 4_000_000,
  /** Pages of a PDF. */
  pdfPages: 500,
  /** Pixels (width × height) of an image, checked from its header before decoding. */
  imagePixels: 40_000_000,
  /** Longest side of a scanned PDF page, in points (A2 is 1684 pt), before it is rendered for OCR. */
  scanPagePoints: 1_700,
  /** Time to read one file (its OCR pages excepted). */
  readMs: 60_000,
  /** Time added to a file's budget for each page read by OCR. */
  ocrPageMs: 60_000,
  /** Megabytes of JavaScript heap of the worker thread that reads one file (PDFs; every file the server imports). */
  readMemoryMb: 768,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** A cap exceeded: the message names the file, what was too large and the cap. */
export function overLimit(file: string, what: string, cap: number | string): InputError {
  return new InputError('unsupported', `${file}：${what}超过上限（${cap}），已停止读取`, file);
}

export const formatBytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
export const formatPoints = (points: number) => `${Math.round(points)} 磅`;

/**
 * The limits and the deadline of reading one file, passed down to every reader. Loops that may run long
 * call `check()`; external programs get `remaining()` as their timeout.
 */
export class ReadBudget {
  readonly limits: Limits;
  private deadline: number;

  constructor(readonly file: string, overrides: Partial<Limits> = {}) {
    this.limits = { ...LIMITS, ...overrides };
    this.deadline = Date.now() + this.limits.readMs;
  }

  /** Milliseconds left (at least 1, so that a timeout option stays valid). */
  remaining(): number {
    return Math.max(1, this.deadline - Date.now());
  }

  /** More time for work whose size is known and capped (pages read by OCR). */
  extend(ms: number): void {
    this.deadline += ms;
  }

  expired(): boolean {
    return Date.now() > this.deadline;
  }

  check(): void {
    if (this.expired()) throw this.timeUp();
  }

  timeUp(): InputError {
    return new InputError('unsupported', `${this.file}：读取超过时间上限（${Math.round(this.limits.readMs / 1000)} 秒），已停止读取`, this.file);
  }

  /** The promise's outcome, or the time-up error when the budget runs out first. */
  race<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeUp()), this.remaining());
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Throws when `count` exceeds the cap `key`. */
  cap(key: keyof Limits, count: number, what: string): void {
    if (count > this.limits[key]) throw overLimit(this.file, what, this.limits[key]);
  }
}
