import { closeSync, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.ts';
import type { SourceFormat } from '../schema/types.ts';
import { blocksToText, type Block, type SourceSegment } from './blocks.ts';
import { decodeText } from './decode.ts';
import { detectKind } from './detect.ts';
import type { PageHints } from './html-meta.ts';
import { formatBytes, overLimit, ReadBudget, type Limits } from './limits.ts';
import { decodeMarkdownEntities } from './md-entities.ts';
import { readPdfOnThread } from './pdf-thread.ts';
import { fileSystemReason, scanDirectory } from './walk.ts';

export interface SourceText {
  path: string;
  name: string;
  format: SourceFormat;
  encoding: string;
  /** The text the extractor reads; provenance offsets point into it. */
  text: string;
  /** For laid-out formats (HTML, Word, PDF, images): where each piece of the text came from. */
  segments?: SourceSegment[];
  /** What a web page states about the report outside its text (publication date, title, issuer, address). */
  hints?: PageHints;
}

const TEXT_FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md' };
export const READABLE_EXTENSIONS = [
  ...Object.keys(TEXT_FORMATS), '.html', '.htm', '.shtml', '.xhtml', '.docx', '.doc', '.wps', '.pdf',
  '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.bmp', '.gif', '.webp',
];

/** The bytes of one input file within the size cap; a Chinese InputError naming it when it cannot be read. */
export async function readBytes(path: string, budget: ReadBudget = new ReadBudget(path)): Promise<Buffer> {
  try {
    const handle = await open(path, 'r');
    try {
      checkSize(path, await handle.stat(), budget);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw readError(err, path);
  }
}

/**
 * `readBytes` without the round trips through the thread pool: for the corpus commands, whose
 * worker threads read one small file after another (an asynchronous read costs more than the read).
 */
export function readBytesSync(path: string, budget: ReadBudget = new ReadBudget(path)): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    checkSize(path, fstatSync(fd), budget);
    return readFileSync(fd);
  } catch (err) {
    throw readError(err, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function checkSize(path: string, info: Stats, budget: ReadBudget): void {
  if (info.isDirectory()) throw new InputError('usage', `${path}：是目录，不是文件`, path);
  checkByteCount(path, info.size, budget);
}

/** The size cap of `readBytes`, for bytes already in memory (an upload, a kept original). */
export function checkByteCount(path: string, size: number, budget: ReadBudget): void {
  if (size > budget.limits.fileBytes) throw overLimit(path, '文件大小', formatBytes(budget.limits.fileBytes));
}

function readError(err: unknown, path: string): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new InputError('usage', `${path}：是目录，不是文件`, path);
  if (code === 'ENOENT') return new InputError('missing', `${path}：文件不存在`, path);
  return new InputError('unreadable', `${path}：${fileSystemReason(err)}`, path);
}

/** The text the extractor reads stays within the line and character caps. */
function checkText(text: string, budget: ReadBudget): void {
  budget.cap('textChars', text.length, '文字字符数');
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  budget.cap('textLines', lines, '文字行数');
}

function laidOut(path: string, format: SourceFormat, encoding: string, blocks: Block[], budget: ReadBudget, hints?: PageHints): SourceText {
  budget.check();
  const { text, segments } = blocksToText(blocks);
  checkText(text, budget);
  if (text.trim() === '') throw new InputError('empty', `${path}：文件中没有文字`, path);
  return { path, name: basename(path), format, encoding, text, segments, ...(hints ? { hints } : {}) };
}

export interface ReadOptions {
  /** Lower caps or a shorter time (tests); the defaults are `LIMITS`. */
  limits?: Partial<Limits>;
}

/**
 * Reads one report file of any supported format, recognised by its content
 * (magic bytes, markup), not by its name. Errors name the file and say what is
 * wrong, in Chinese. Every reader works under the caps and the time of a
 * `ReadBudget` (limits.ts): past one, a clear error, never a hang.
 */
export async function readSource(path: string, options: ReadOptions = {}): Promise<SourceText> {
  const budget = new ReadBudget(path, options.limits);
  return sourceOf(path, await readBytes(path, budget), budget);
}

/** `readSource` over bytes already read (the CLI reads each file once: its sha256 is the report id). */
export async function sourceOf(path: string, bytes: Buffer, budget: ReadBudget = new ReadBudget(path)): Promise<SourceText> {
  if (bytes.length === 0) throw new InputError('empty', `${path}：文件为空`, path);
  const kind = detectKind(bytes);
  if ((kind === 'html' || kind === 'text') && bytes.length > budget.limits.markupBytes) {
    throw overLimit(path, kind === 'html' ? '网页文件大小' : '文本文件大小', formatBytes(budget.limits.markupBytes));
  }
  // The readers of laid-out formats (cheerio, JSZip, Tesseract) load only when such a file comes:
  // a corpus of text reports starts fast, also on each worker thread.
  switch (kind) {
    case 'pdf':
      return laidOut(path, 'pdf', 'binary', await readPdfOnThread(bytes, path, budget), budget);
    case 'docx': {
      const { readDocx } = await import('./docx.ts');
      return laidOut(path, 'docx', 'utf-8', await readDocx(bytes, path, budget), budget);
    }
    case 'ole': {
      const [{ readDocx }, { convertToDocx }] = await Promise.all([import('./docx.ts'), import('./libreoffice.ts')]);
      return laidOut(path, 'docx', 'utf-8', await readDocx(await convertToDocx(bytes, path, budget.remaining()), path, budget), budget);
    }
    case 'zip':
      throw new InputError('unsupported', `${path}：是压缩包，但不是 Word（.docx）文件`, path);
    case 'image': {
      const { readImage } = await import('./ocr.ts');
      return laidOut(path, 'image', 'binary', await readImage(bytes, path, budget), budget);
    }
    case 'html': {
      const { htmlCharset, readHtml } = await import('./html.ts');
      const encoding = htmlCharset(bytes);
      let html: string;
      try {
        html = new TextDecoder(encoding, { fatal: encoding !== 'utf-8' }).decode(bytes);
      } catch {
        html = decodeText(bytes, path).text;
      }
      const { blocks, hints } = readHtml(html, budget);
      return laidOut(path, 'html', encoding, blocks, budget, hints);
    }
    default: {
      const format = TEXT_FORMATS[extname(path).toLowerCase()] ?? 'txt';
      const decoded = decodeText(bytes, path);
      const { encoding } = decoded;
      // Offsets and lines of the provenance are those of this text: references decode to no line break.
      const text = format === 'md' ? decodeMarkdownEntities(decoded.text) : decoded.text;
      checkText(text, budget);
      if (text.trim() === '') throw new InputError('empty', `${path}：文件只有空白，没有内容`, path);
      return { path, name: basename(path), format, encoding, text };
    }
  }
}

/** One argument of a command: a file as given, or a folder with the report files it holds. */
export interface ExpandedInput {
  input: string;
  isDirectory: boolean;
  /** A file argument itself (read later: a missing one is reported then); a folder's report files, sorted by path. */
  files: string[];
  /** A folder's files of other formats, not read. */
  skipped: string[];
  /** What could not be opened: subfolders, broken links, or a folder with nothing to read. */
  problems: InputError[];
}

/** Expands one argument: a folder (recursively) into the files of `wanted` extensions it holds. */
export async function expandInput(input: string, wanted: readonly string[] = READABLE_EXTENSIONS): Promise<ExpandedInput> {
  const info = await stat(input).catch(() => null);
  if (!info?.isDirectory()) return { input, isDirectory: false, files: [input], skipped: [], problems: [] };
  const scan = await scanDirectory(input, wanted);
  if (scan.files.length === 0 && scan.problems.length === 0) {
    const others = scan.skipped.length ? `；其中 ${scan.skipped.length} 个文件是其他格式，未读取` : '';
    scan.problems.push(new InputError('missing', `${input}：目录中没有可读取的报告文件（${wanted.join('、')}）${others}`, input));
  }
  return { input, isDirectory: true, ...scan };
}
