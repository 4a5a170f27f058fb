import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';
import { analysePages } from './layout.ts';
import { toBlocks } from './layout-blocks.ts';
import { splitRun } from './layout-text.ts';
import type { Glyph, PageInput } from './layout-types.ts';
import { checkImagePixels } from './image-size.ts';
import { ReadBudget } from './limits.ts';
import { refineOcrCells } from './ocr-cells.ts';
import { cropPgm, decodeImage, decodePng, findRules, type Gray } from './raster.ts';
import { cleanWord, ocrAvailable, OCR_PARALLELISM, tesseractTsv, type TsvWord } from './tesseract.ts';

export { ocrAvailable } from './tesseract.ts';
export { normalizeCellDigits, refineOcrCells } from './ocr-cells.ts';

/**
 * Images (PNG, JPEG, TIFF, …) and scanned PDF pages → text through the Debian
 * `tesseract` command: one pass per page (chi_sim, automatic page segmentation,
 * TSV output with a box and a confidence per word). A tall page is cut into
 * strips at blank rows and the strips are read in parallel, one per core.
 * Table cells found from the ruling lines are read a second time only where
 * the page pass is doubtful (ocr-cells.ts).
 */

const LINE_ARTIFACT = /^[|｜丨\u2502]+$/;

/** OCR of one page image: glyphs with confidences, and the ruling lines found in its pixels. `strips`: at most this many parallel parts. */
export async function ocrPageImage(bytes: Uint8Array, page: number, unit: number, file: string, strips = OCR_PARALLELISM): Promise<{ input: PageInput; gray: Gray | null }> {
  const dir = await mkdtemp(join(tmpdir(), 'ogi-ocr-'));
  try {
    const img = join(dir, 'page');
    await writeFile(img, bytes);
    const readWhole = () => tesseractTsv([img, '-', '-l', 'chi_sim', '--psm', '3'], file);
    // Not cut: the page pass runs while the pixels are decoded.
    const whole = strips > 1 ? null : readWhole();
    whole?.catch(() => undefined);
    // Cut only what ogi's own strict PNG decoder read: a damaged file is left to Tesseract, which says so.
    const png = whole ? null : decodePng(bytes);
    const gray = png ?? (await decodeImage(bytes, file));
    const cuts = png ? stripCuts(png, strips) : [];
    let words: TsvWord[];
    if (cuts.length === 0) words = await (whole ?? readWhole());
    else {
      const bounds = [0, ...cuts, gray!.height];
      const parts = await Promise.all(bounds.slice(1).map(async (end, i) => {
        const start = bounds[i]!;
        const strip = join(dir, `strip${i}.pgm`);
        await writeFile(strip, cropPgm(gray!, 0, start, gray!.width, end, 0, 0, 1));
        const ws = await tesseractTsv([strip, '-', '-l', 'chi_sim', '--psm', '3'], file);
        return ws.map((w) => ({ ...w, top: w.top + start, line: `${i}.${w.line}` }));
      }));
      words = parts.flat();
    }
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

const DARK = 150;
/** Rows a cut may fall in: this many rows in a row with the same dark pixels (blank, or only vertical ruling lines). */
const CALM_RUN = 8;

/**
 * Where to cut a page into at most `strips` strips of similar height, so that no line of text is cut:
 * in the middle of a run of identical rows that carry at most a few dark pixels (the gap between two
 * lines, also inside a table where only the vertical rules cross it). Pages less than about two
 * text widths tall, or without such gaps near the aimed places, are not cut.
 */
export function stripCuts(img: Gray, strips: number): number[] {
  const { width, height, data } = img;
  const parts = Math.min(strips, Math.floor(height / (0.6 * width)));
  if (parts < 2) return [];
  const calm: number[] = []; // middles of calm runs
  let runStart = -1;
  let prevSig = '#';
  for (let y = 0; y <= height; y++) {
    let sig = '#';
    if (y < height) {
      const dark: number[] = [];
      for (let x = 0, row = y * width; x < width && dark.length <= width * 0.03; x++) if (data[row + x]! < DARK) dark.push(x);
      sig = dark.length > width * 0.03 ? '#' : dark.join(',');
    }
    if (sig !== '#' && sig === prevSig) continue;
    if (runStart >= 0 && y - runStart >= CALM_RUN) calm.push((runStart + y) >> 1);
    runStart = sig === '#' ? -1 : y;
    prevSig = sig;
  }
  const cuts: number[] = [];
  for (let i = 1; i < parts; i++) {
    const aim = (height * i) / parts;
    const best = calm.reduce((b, y) => (Math.abs(y - aim) < Math.abs(b - aim) ? y : b), -Infinity);
    if (Math.abs(best - aim) <= height / parts / 3 && best > (cuts.at(-1) ?? 0)) cuts.push(best);
  }
  return cuts;
}

/** Image (PNG, JPEG, TIFF, …) → paragraphs and tables through Tesseract OCR. */
export async function readImage(bytes: Uint8Array, file: string, budget = new ReadBudget(file)): Promise<Block[]> {
  checkImagePixels(bytes, budget);
  budget.extend(budget.limits.ocrPageMs);
  const ocr = await ocrAvailable();
  if (!ocr.ok) throw new InputError('unsupported', `${file}：${ocr.message}`, file);
  const { input, gray } = await ocrPageImage(bytes, 1, 1, file);
  budget.check();
  if (input.glyphs.length === 0) throw new InputError('empty', `${file}：图片中没有识别出文字`, file);
  const items = analysePages([input]);
  budget.check();
  if (gray) await refineOcrCells(items, new Map([[1, gray]]), file);
  return toBlocks(items, [input]);
}
