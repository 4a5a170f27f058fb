import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText } from './layout-blocks.ts';
import type { Glyph, LayoutCell, LayoutItem } from './layout-types.ts';
import { cropPgm, inkCount, type Gray } from './raster.ts';
import { cleanWord, ocrAvailable, OCR_PARALLELISM, tesseractTsv, type TsvWord } from './tesseract.ts';

/**
 * The second look at the cells of ruled tables on OCR'd pages. The page pass reads every cell;
 * a number is read again from its own crop only when that reading is doubtful: one that is not
 * a clean number, whose least sure glyph is below SURE_NUMBER, or that is not a one-row cell in
 * a column or row of numbers (a header) is read again with a digit whitelist, enlarged when still
 * unsure. The page pass often puts one word box across two cells or takes a ruling line for "|" —
 * those readings are the doubtful ones. Labels are always read again as a block of Chinese text:
 * a confident page-pass label may still have lost characters to a word box across two cells, and a
 * lost label loses its whole row.
 */

/** A page-pass number at least this sure (every glyph) is kept as read. */
export const SURE_NUMBER = 95;

/** A digit-whitelist reading less sure than this, of a header cell or of a cell where the page pass saw text but no digit, is no number: read as text instead. */
const NUMBER_FLOOR = 60;

const CONFUSABLE_NUMBER = /^[+\-−十]?[0-9OoIl|\]SB]+$/;
const CLEAN_NUMBER = /^[+\-]?\d+(\.\d+)?$/;

/**
 * Digit confusions inside a table cell: O/o→0, l/I/|/]→1, S→5, B→8, and a plus sign read as the
 * character 十 ("十2" → "+2": an increase in a signed column) — only in what reads as a number.
 */
export function normalizeCellDigits(text: string): string {
  const t = text.replace(/\s+/g, '');
  if (!CONFUSABLE_NUMBER.test(t)) return text;
  if (!/\d/.test(t) && !/^[Oo]$/.test(t)) return text;
  return t.replace(/^十/, '+').replace(/[Oo]/g, '0').replace(/[lI|\]]/g, '1').replace(/S/g, '5').replace(/B/g, '8').replace(/−/g, '-');
}

const looksNumeric = (text: string) => {
  const t = text.replace(/\s+/g, '');
  return t.length > 0 && t.length <= 12 && /^[+\-−—]?[0-9OoIl|SB,.]+$/.test(t) && /[0-9OoSBIl|]/.test(t);
};

const cjkCount = (text: string) => (text.match(/[\u3400-\u9fff]/g) ?? []).length;

/** A digit-whitelist reading: a point only between digits (a speck is not a decimal point). */
const digitsOnly = (text: string) => normalizeCellDigits(text).replace(/^[.]+|[.]+$/g, '').replace(/\.(?=.*\.)/g, '');

interface Crop {
  cell: LayoutCell;
  part: number;
  gray: Gray;
  rect: [number, number, number, number];
  first: string;
  firstConf: number;
}

interface Reading {
  text: string;
  /** Mean and lowest word confidence. */
  mean: number;
  min: number;
}

const INSET = 4;

const confs = (glyphs: readonly Glyph[]) => glyphs.map((g) => g.conf ?? 0);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const least = (xs: number[]) => (xs.length ? Math.min(...xs) : 0);

/** Of two readings of one crop, the more confident; a doubled digit kept unless much less sure. */
function better(a: Reading, b: Reading): Reading {
  if (!b.text) return a;
  if (!a.text) return b;
  // The recogniser merges a doubled digit ("11" → "1"); an enlarged reading that keeps both wins unless much less sure.
  const collapse = (t: string) => t.replace(/(.)\1+/g, '$1');
  if (collapse(a.text) === collapse(b.text) && a.text.length !== b.text.length) {
    const [long, short] = a.text.length > b.text.length ? [a, b] : [b, a];
    return long.mean >= short.mean - 10 ? long : short;
  }
  return b.mean > a.mean ? b : a;
}

/** Reads the doubtful cells of the ruled tables again and sets their `text` and `conf` (in place). */
export async function refineOcrCells(items: readonly LayoutItem[], grays: ReadonlyMap<number, Gray>, file: string): Promise<void> {
  const ocr = await ocrAvailable();
  if (!ocr.ok) return;
  const dir = await mkdtemp(join(tmpdir(), 'ogi-cells-'));
  let n = 0;
  /** Tesseract over many crops (list files, one per core): one reading per crop. */
  const read = async (crops: Crop[], scale: number, args: string[], numbers: boolean): Promise<Reading[]> => {
    if (!crops.length) return [];
    const files: string[] = [];
    for (const c of crops) {
      const path = join(dir, `c${n++}.pgm`);
      await writeFile(path, cropPgm(c.gray, c.rect[0], c.rect[1], c.rect[2], c.rect[3], INSET, 16, scale, true));
      files.push(path);
    }
    const size = files.length > 8 ? Math.ceil(files.length / OCR_PARALLELISM) : files.length;
    const chunks: string[][] = [];
    for (let i = 0; i < files.length; i += size) chunks.push(files.slice(i, i + size));
    const outputs = await Promise.all(chunks.map(async (chunk) => {
      const list = join(dir, `list${n++}.txt`);
      await writeFile(list, `${chunk.join('\n')}\n`);
      return tesseractTsv([list, '-', ...args], file);
    }));
    return crops.map((_, i) => {
      const mine = outputs[Math.floor(i / size)]!.filter((w) => w.page === (i % size) + 1);
      const text = numbers ? digitsOnly(mine.map((w) => w.text).join('')) : cleanWord(joinWords(mine));
      const c = mine.map((w) => Math.max(0, w.conf));
      return { text, mean: mean(c), min: least(c) };
    });
  };
  try {
    const numeric: Crop[] = [];
    const labels: Crop[] = [];
    const results = new Map<LayoutCell, { texts: string[]; confs: number[] }>();
    /** Cells of one row in a column or row of numbers. */
    const dataCells = new Set<LayoutCell>();
    const isDataCell = (cell: LayoutCell) => dataCells.has(cell);
    for (const item of items) {
      if (item.kind !== 'table' || !item.ruled) continue;
      // Columns whose cells mostly read as numbers: their other short, non-Chinese cells are numbers too.
      const numericCols = new Set<number>();
      for (let c = 0; c < item.cols; c++) {
        const texts = item.cells.filter((x) => x.c0 === c && x.c1 === c).map((x) => cellText(x, { ocr: true })).filter((t) => t !== '');
        if (texts.length >= 2 && texts.filter(looksNumeric).length >= 0.6 * texts.length) numericCols.add(c);
      }
      // Rows with numbers in them: their other single cells are values too, not headers.
      const numbersInRow = new Map<number, number>();
      for (const x of item.cells) if (x.r0 === x.r1 && looksNumeric(cellText(x, { ocr: true }))) numbersInRow.set(x.r0, (numbersInRow.get(x.r0) ?? 0) + 1);
      for (const cell of item.cells) {
        const parts = cell.parts.filter((p) => grays.has(p.page));
        if (parts.length !== cell.parts.length || parts.length === 0) continue;
        const r = { texts: parts.map(() => ''), confs: parts.map(() => 100) };
        results.set(cell, r);
        let inNumericCol = false;
        for (let c = cell.c0; c <= cell.c1; c++) if (numericCols.has(c)) inNumericCol = true;
        for (let k = 0; k < parts.length; k++) {
          const part = parts[k]!;
          const gray = grays.get(part.page)!;
          const [x0, y0, x1, y1] = part.rect;
          const partText = cellText({ ...cell, parts: [part] }, { ocr: true });
          const sure = least(confs(part.glyphs));
          r.texts[k] = partText;
          r.confs[k] = part.glyphs.length ? sure : 100;
          if (inkCount(gray, x0, y0, x1, y1, INSET) < 8) {
            r.texts[k] = '';
            continue;
          }
          const cjk = cjkCount(partText);
          const isNumber = looksNumeric(partText) || (inNumericCol && cjk <= 1 && partText.length <= 6) || (cjk === 0 && /\d/.test(partText) && partText.length <= 8);
          const crop = { cell, part: k, gray, rect: part.rect, first: partText, firstConf: mean(confs(part.glyphs)) };
          if (isNumber) {
            const number = normalizeCellDigits(partText).replace(/\s+/g, '');
            const single = cell.r0 === cell.r1;
            if (single && (inNumericCol || (numbersInRow.get(cell.r0) ?? 0) > (looksNumeric(partText) ? 1 : 0))) dataCells.add(cell);
            // A digit box wider than tall is two digits read as one ("11" as "1"): doubtful however sure.
            const narrow = part.glyphs.every((g) => g.x1 - g.x0 <= 0.8 * (g.bottom - g.top));
            if (dataCells.has(cell) && CLEAN_NUMBER.test(number) && sure >= SURE_NUMBER && narrow) r.texts[k] = number;
            else numeric.push(crop);
          } else labels.push(crop);
        }
      }
    }
    const digits = ['-l', ocr.eng ? 'eng' : 'chi_sim', '-c', 'tessedit_char_whitelist=0123456789+-.'];
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
      const unsure = reading.min < NUMBER_FLOOR && (!isDataCell(crop.cell) || (crop.first !== '' && !/\d/.test(crop.first)));
      if (!/\d/.test(reading.text) || unsure) {
        labels.push(crop); // nothing read as a number (a label taken for digits reads unsure): read it as text after all
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
      cell.text = normalizeCellDigits(r.texts.filter(Boolean).join(''));
      cell.conf = Math.round(Math.min(...r.confs) * 10) / 10;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
