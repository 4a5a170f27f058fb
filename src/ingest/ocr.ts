import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';
import { normalizeRadicals } from '../schema/radicals.ts';
import { analysePages } from './layout.ts';
import { cellText, toBlocks } from './layout-blocks.ts';
import { splitRun } from './layout-text.ts';
import type { Glyph, LayoutCell, LayoutItem, PageInput } from './layout-types.ts';
import { findProgram } from '../programs.ts';
import { checkImagePixels } from './image-size.ts';
import { ReadBudget } from './limits.ts';
import { cropPgm, decodeImage, findRules, inkCount, type Gray } from './raster.ts';

/**
 * Images (PNG, JPEG, TIFF, …) and scanned PDF pages → text through the Debian
 * `tesseract` command (chi_sim, automatic page segmentation, TSV output with a
 * box and a confidence per word). Table cells found from the ruling lines are
 * read a second time one by one (numbers with a digit whitelist), which is far
 * more reliable than the page-level pass inside tables.
 */

const run = promisify(execFile);
const PACKAGES = 'tesseract-ocr tesseract-ocr-chi-sim';
const INSTALL = `请安装 Debian 软件包 ${PACKAGES}（apt-get install ${PACKAGES}）`;

let available: Promise<{ ok: true; tesseract: string; eng: boolean } | { ok: false; message: string }> | null = null;

/** Whether Tesseract with Simplified Chinese data is installed (checked once). */
export function ocrAvailable(): Promise<{ ok: true; tesseract: string; eng: boolean } | { ok: false; message: string }> {
  available ??= (async () => {
    const tesseract = findProgram(['tesseract']);
    if (!tesseract) return { ok: false as const, message: `图片识别（OCR）需要 Tesseract，本机未安装。${INSTALL}` };
    let langs = '';
    try {
      const out = await run(tesseract, ['--list-langs'], { timeout: 30_000 });
      langs = `${out.stdout}\n${out.stderr}`;
    } catch (err) {
      langs = String((err as { stdout?: string }).stdout ?? '');
    }
    const list = langs.split(/\s+/);
    if (!list.includes('chi_sim')) return { ok: false as const, message: `图片识别（OCR）需要 Tesseract 的简体中文语言包（chi_sim），本机未安装。${INSTALL}` };
    return { ok: true as const, tesseract, eng: list.includes('eng') };
  })();
  return available;
}

interface TsvWord {
  page: number;
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

function parseTsv(tsv: string): TsvWord[] {
  const words: TsvWord[] = [];
  for (const line of tsv.split('\n')) {
    const f = line.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({ page: Number(f[1]), line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`, left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]), conf: Number(f[10]), text });
  }
  return words;
}

async function tesseract(args: string[], file: string): Promise<string> {
  const ocr = await ocrAvailable();
  if (!ocr.ok) throw new InputError('unsupported', `${file}：${ocr.message}`, file);
  try {
    const out = await run(ocr.tesseract, args, { maxBuffer: 256 * 1024 * 1024, timeout: 600_000, env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    return out.stdout;
  } catch (err) {
    const msg = String((err as { stderr?: string }).stderr ?? (err as Error).message).split('\n').find((l) => /error|cannot|can't|unsupported/i.test(l)) ?? (err as Error).message.split('\n')[0];
    throw new InputError('damaged', `${file}：图片已损坏或格式无法识别（${msg}）`, file);
  }
}

/** OCR text clean-up: brackets read as angle brackets, radicals. */
function cleanWord(text: string): string {
  return normalizeRadicals(text).replace(/〈/g, '（').replace(/〉/g, '）');
}

const LINE_ARTIFACT = /^[|｜丨\u2502]+$/;

/** OCR of one page image: glyphs with confidences, and the ruling lines found in its pixels. */
export async function ocrPageImage(bytes: Uint8Array, page: number, unit: number, file: string): Promise<{ input: PageInput; gray: Gray | null }> {
  const dir = await mkdtemp(join(tmpdir(), 'ogi-ocr-'));
  try {
    const img = join(dir, 'page');
    await writeFile(img, bytes);
    const gray = await decodeImage(bytes, file);
    const words = parseTsv(await tesseract([img, '-', '-l', 'chi_sim', '--psm', '3', 'tsv'], file));
    const glyphs: Glyph[] = [];
    const heights: number[] = [];
    const lineIds = new Map<string, number>();
    let seq = 0;
    for (const w of words) {
      if (LINE_ARTIFACT.test(w.text)) continue;
      const text = cleanWord(w.text);
      if (/[\u4e00-\u9fff]/.test(text)) heights.push(w.height);
      const bottom = w.top + w.height;
      if (!lineIds.has(w.line)) lineIds.set(w.line, lineIds.size);
      const ocrLine = lineIds.get(w.line)!;
      for (const g of splitRun(text, w.left, w.left + w.width, w.top, bottom, bottom, w.height, Math.max(0, w.conf), false)) glyphs.push({ ...g, ocrLine, seq: seq++ });
    }
    const charHeight = heights.length ? heights.sort((a, b) => a - b)[heights.length >> 1]! : 20;
    const rules = gray ? findRules(gray, Math.max(15, Math.round(charHeight * 1.3))) : [];
    const width = gray?.width ?? Math.max(1, ...glyphs.map((g) => g.x1));
    const height = gray?.height ?? Math.max(1, ...glyphs.map((g) => g.bottom));
    return { input: { page, width, height, glyphs, rules, unit, ocr: true }, gray };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CONFUSABLE_NUMBER = /^[+\-−]?[0-9OoIl|SB]+$/;

/** Digit confusions inside a table cell: O/o→0, l/I/|→1, S→5, B→8 (only in what reads as a number). */
export function normalizeCellDigits(text: string): string {
  const t = text.replace(/\s+/g, '');
  if (!CONFUSABLE_NUMBER.test(t)) return text;
  if (!/\d/.test(t) && !/^[Oo]$/.test(t)) return text;
  return t.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1').replace(/S/g, '5').replace(/B/g, '8').replace(/−/g, '-');
}

const looksNumeric = (text: string) => {
  const t = text.replace(/\s+/g, '');
  return t.length > 0 && t.length <= 12 && /^[+\-−—]?[0-9OoIl|SB,.]+$/.test(t) && /[0-9OoSBIl|]/.test(t);
};

interface Crop {
  cell: LayoutCell;
  part: number;
  gray: Gray;
  rect: [number, number, number, number];
  first: string;
  firstConf: number;
}

interface CellResult {
  texts: string[];
  confs: number[];
}

interface Reading {
  text: string;
  /** Mean and lowest word confidence. */
  mean: number;
  min: number;
}

function meanConf(glyphs: readonly Glyph[]): number {
  const cs = glyphs.map((g) => g.conf ?? 0);
  return cs.length ? cs.reduce((a, b) => a + b, 0) / cs.length : 0;
}

const INSET = 4;

/**
 * Reads every cell of the ruled tables on OCR'd pages again from its own
 * crop: numbers with a digit whitelist (one line), labels as a block of text.
 * A reading with a doubtful word is read again enlarged, and the more
 * confident reading is kept.
 */
export async function refineOcrCells(items: readonly LayoutItem[], grays: ReadonlyMap<number, Gray>, file: string): Promise<void> {
  const ocr = await ocrAvailable();
  if (!ocr.ok) return;
  const dir = await mkdtemp(join(tmpdir(), 'ogi-cells-'));
  let n = 0;
  /** One tesseract run over many crops (a list file): one reading per crop. */
  const read = async (crops: Crop[], scale: number, args: string[], numbers: boolean): Promise<Reading[]> => {
    if (!crops.length) return [];
    const files: string[] = [];
    for (const c of crops) {
      const path = join(dir, `c${n++}.pgm`);
      await writeFile(path, cropPgm(c.gray, c.rect[0], c.rect[1], c.rect[2], c.rect[3], INSET, 16, scale, true));
      files.push(path);
    }
    // Two recognisers at once (one thread each), each over a list of crops.
    const half = Math.ceil(files.length / 2);
    const chunks = files.length > 8 ? [files.slice(0, half), files.slice(half)] : [files];
    const outputs = await Promise.all(chunks.map(async (chunk, c) => {
      const list = join(dir, `list${n++}-${c}.txt`);
      await writeFile(list, `${chunk.join('\n')}\n`);
      return parseTsv(await tesseract([list, '-', ...args, 'tsv'], file));
    }));
    return crops.map((_, i) => {
      const c = i < half || chunks.length === 1 ? 0 : 1;
      const page = c === 0 ? i + 1 : i - half + 1;
      const mine = outputs[c]!.filter((w) => w.page === page);
      const text = numbers ? normalizeCellDigits(mine.map((w) => w.text).join('')) : cleanWord(joinWords(mine));
      const confs = mine.map((w) => Math.max(0, w.conf));
      return { text, mean: confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 0, min: confs.length ? Math.min(...confs) : 0 };
    });
  };
  const better = (a: Reading, b: Reading): Reading => {
    if (!b.text) return a;
    if (!a.text) return b;
    // The recogniser merges a doubled digit ("11" → "1"); an enlarged reading that keeps both wins unless much less sure.
    const collapse = (t: string) => t.replace(/(.)\1+/g, '$1');
    if (collapse(a.text) === collapse(b.text) && a.text.length !== b.text.length) {
      const [long, short] = a.text.length > b.text.length ? [a, b] : [b, a];
      return long.mean >= short.mean - 10 ? long : short;
    }
    return b.mean > a.mean ? b : a;
  };
  try {
    const numeric: Crop[] = [];
    const labels: Crop[] = [];
    const results = new Map<LayoutCell, CellResult>();
    for (const item of items) {
      if (item.kind !== 'table' || !item.ruled) continue;
      // Columns whose cells mostly read as numbers: their other short, non-Chinese cells are numbers too.
      const numericCols = new Set<number>();
      for (let c = 0; c < item.cols; c++) {
        const texts = item.cells.filter((x) => x.c0 === c && x.c1 === c).map((x) => cellText(x, { ocr: true })).filter((t) => t !== '');
        if (texts.length >= 2 && texts.filter(looksNumeric).length >= 0.6 * texts.length) numericCols.add(c);
      }
      for (const cell of item.cells) {
        const parts = cell.parts.filter((p) => grays.has(p.page));
        if (parts.length !== cell.parts.length || parts.length === 0) continue;
        const r: CellResult = { texts: parts.map(() => ''), confs: parts.map(() => 100) };
        results.set(cell, r);
        let inNumericCol = false;
        for (let c = cell.c0; c <= cell.c1; c++) if (numericCols.has(c)) inNumericCol = true;
        for (let k = 0; k < parts.length; k++) {
          const part = parts[k]!;
          const gray = grays.get(part.page)!;
          const [x0, y0, x1, y1] = part.rect;
          const partText = cellText({ ...cell, parts: [part] }, { ocr: true });
          r.texts[k] = partText;
          r.confs[k] = part.glyphs.length ? Math.min(...part.glyphs.map((g) => g.conf ?? 0)) : 100;
          if (inkCount(gray, x0, y0, x1, y1, INSET) < 8) {
            r.texts[k] = '';
            continue;
          }
          const cjk = (partText.match(/[\u3400-\u9fff]/g) ?? []).length;
          const isNumber = looksNumeric(partText) || (inNumericCol && cjk <= 1 && partText.length <= 6);
          (isNumber ? numeric : labels).push({ cell, part: k, gray, rect: part.rect, first: partText, firstConf: meanConf(part.glyphs) });
        }
      }
    }
    const digits = ['-l', ocr.eng ? 'eng' : 'chi_sim', '-c', 'tessedit_char_whitelist=0123456789+-'];
    const numbers = await read(numeric, 1, [...digits, '--psm', '7'], true);
    const doubtfulNumbers = numeric.filter((_, i) => !/\d/.test(numbers[i]!.text) || numbers[i]!.min < 85);
    for (const psm of ['7', '8']) {
      const again = await read(doubtfulNumbers, 2, [...digits, '--psm', psm], true);
      doubtfulNumbers.forEach((crop, i) => {
        const k = numeric.indexOf(crop);
        numbers[k] = better(numbers[k]!, again[i]!);
      });
    }
    numeric.forEach((crop, i) => {
      const reading = numbers[i]!;
      if (!/\d/.test(reading.text)) {
        labels.push(crop); // nothing read as a number: read it as text after all
        return;
      }
      const r = results.get(crop.cell)!;
      r.texts[crop.part] = reading.text;
      r.confs[crop.part] = reading.min;
    });
    const texts = await read(labels, 1, ['-l', 'chi_sim', '--psm', '6'], false);
    const doubtfulTexts = labels.filter((_, i) => texts[i]!.min < 80);
    const textsAgain = await read(doubtfulTexts, 2, ['-l', 'chi_sim', '--psm', '6'], false);
    doubtfulTexts.forEach((crop, i) => {
      const k = labels.indexOf(crop);
      texts[k] = better(texts[k]!, textsAgain[i]!);
    });
    labels.forEach((crop, i) => {
      const reading = texts[i]!;
      if (!reading.text || (crop.first && reading.mean < crop.firstConf - 15)) return;
      const r = results.get(crop.cell)!;
      r.texts[crop.part] = reading.text;
      r.confs[crop.part] = reading.min;
    });
    for (const [cell, r] of results) {
      cell.text = normalizeCellDigits(joinParts(r.texts));
      cell.conf = Math.round(Math.min(...r.confs) * 10) / 10;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function joinParts(texts: string[]): string {
  return texts.filter(Boolean).join('');
}

/** Words of one crop, line by line: no spaces between Chinese characters. */
function joinWords(words: TsvWord[]): string {
  let out = '';
  let prev: TsvWord | null = null;
  for (const w of words) {
    const t = w.text;
    if (prev && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(t) && w.top < prev.top + prev.height) out += ' ';
    out += t;
    prev = w;
  }
  return out;
}

/** Image (PNG, JPEG, TIFF, …) → paragraphs and tables through Tesseract OCR. */
export async function readImage(bytes: Uint8Array, file: string, budget = new ReadBudget(file)): Promise<Block[]> {
  checkImagePixels(bytes, budget);
  budget.extend(budget.limits.ocrPageMs);
  const ocr = await ocrAvailable();
  if (!ocr.ok) throw new InputError('unsupported', `${file}：${ocr.message}`, file);
  const { input, gray } = await ocrPageImage(bytes, 1, 1, file);
  if (input.glyphs.length === 0) throw new InputError('empty', `${file}：图片中没有识别出文字`, file);
  budget.check();
  const items = analysePages([input]);
  if (gray) await refineOcrCells(items, new Map([[1, gray]]), file);
  budget.check();
  return toBlocks(items, [input]);
}
