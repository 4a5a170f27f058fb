import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.ts';
import type { Block } from './blocks.ts';
import { normalizeRadicals } from '../schema/radicals.ts';
import { analysePages } from './layout.ts';
import { toBlocks } from './layout-blocks.ts';
import { splitRun } from './layout-text.ts';
import type { Glyph, PageInput, Rule } from './layout-types.ts';
import { ocrPageImage } from './ocr.ts';
import { refineOcrCells } from './ocr-cells.ts';
import { ocrAvailable, OCR_PARALLELISM } from './tesseract.ts';
import { findProgram } from '../programs.ts';
import { formatPoints, ReadBudget } from './limits.ts';
import type { Gray } from './raster.ts';

const run = promisify(execFile);

/**
 * PDF → paragraphs and tables. The text layer is read with pdf.js (positions of
 * every run, ruling lines from the drawing operators); pages without a text
 * layer (scans) are rendered with pdftoppm and read by OCR. Locations are
 * pages and boxes in PDF points from the top-left.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

function pdfjsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** Fewer characters than this on a page that paints an image: a scan, read by OCR. */
const MIN_TEXT_GLYPHS = 10;
const OCR_DPI = 200;

interface PdfPage {
  input: PageInput;
  hasImage: boolean;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Ruling lines: thin filled rectangles and stroked horizontal or vertical segments. */
function rulesOf(pdfjs: PdfJs, fnArray: number[], argsArray: unknown[][], viewport: Matrix): { rules: Rule[]; hasImage: boolean } {
  const OPS = pdfjs.OPS;
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let lineWidth = 1;
  const stack: { ctm: Matrix; lineWidth: number }[] = [];
  let hasImage = false;
  const toPage = (x: number, y: number) => apply(viewport, ...apply(ctm, x, y));
  const scale = () => Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) * Math.sqrt(Math.abs(viewport[0] * viewport[3] - viewport[1] * viewport[2]));
  const FILLS = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const STROKES = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] ?? [];
    if (fn === OPS.save) stack.push({ ctm, lineWidth });
    else if (fn === OPS.restore) ({ ctm, lineWidth } = stack.pop() ?? { ctm, lineWidth });
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.setLineWidth) lineWidth = Number(args[0]) || 0;
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ctm, lineWidth });
      const m = args[0] as Matrix | null;
      if (Array.isArray(m) || ArrayBuffer.isView(m)) ctm = multiply(ctm, Array.from(m as ArrayLike<number>) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ({ ctm, lineWidth } = stack.pop() ?? { ctm, lineWidth });
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) hasImage = true;
    else if (fn === OPS.constructPath) {
      const op = args[0] as number;
      const fill = FILLS.has(op);
      const stroke = STROKES.has(op);
      if (!fill && !stroke) continue;
      const raw = (args[1] as unknown[] | undefined)?.[0];
      if (!raw || typeof (raw as ArrayLike<number>).length !== 'number') continue;
      const data = raw as ArrayLike<number>;
      // Sub-paths as point lists (curves contribute their end points).
      const paths: [number, number][][] = [];
      let cur: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const code = data[k]!;
        if (code === 0) {
          if (cur.length) paths.push(cur);
          cur = [toPage(data[k + 1]!, data[k + 2]!)];
          k += 3;
        } else if (code === 1) {
          cur.push(toPage(data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (code === 2) {
          cur.push(toPage(data[k + 5]!, data[k + 6]!));
          k += 7;
        } else if (code === 3) {
          cur.push(toPage(data[k + 3]!, data[k + 4]!));
          k += 5;
        } else {
          if (cur.length) cur.push(cur[0]!);
          k += 1;
        }
      }
      if (cur.length) paths.push(cur);
      const width = Math.max(lineWidth * scale(), 0.1);
      for (const pts of paths) {
        if (fill && pts.length >= 4) {
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          const axis = pts.every((p, j) => j === 0 || Math.abs(p[0] - pts[j - 1]![0]) < 0.01 || Math.abs(p[1] - pts[j - 1]![1]) < 0.01);
          if (axis) {
            const r = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
            if (Math.min(r.x1 - r.x0, r.y1 - r.y0) <= 3) rules.push(r);
            continue;
          }
        }
        if (!stroke) continue;
        for (let j = 1; j < pts.length; j++) {
          const [ax, ay] = pts[j - 1]!;
          const [bx, by] = pts[j]!;
          if (Math.abs(ay - by) < 0.5) rules.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: ay - width / 2, y1: ay + width / 2 });
          else if (Math.abs(ax - bx) < 0.5) rules.push({ x0: ax - width / 2, x1: ax + width / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
        }
      }
    }
  }
  return { rules, hasImage };
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function glyphsOf(items: TextItemLike[], viewport: Matrix): Glyph[] {
  const glyphs: Glyph[] = [];
  for (const it of items) {
    if (!it.str || it.str.trim() === '') continue;
    const t = multiply(viewport, it.transform as Matrix);
    const size = Math.hypot(t[2], t[3]);
    if (size <= 0) continue;
    // Horizontal text only; vertical runs are rare in these reports.
    if (Math.abs(t[1]) > Math.abs(t[0]) * 0.1 && Math.abs(t[0]) > 0) continue;
    const widthScale = Math.hypot(viewport[0], viewport[1]);
    const x0 = t[4];
    const base = t[5];
    const x1 = x0 + it.width * widthScale;
    const text = normalizeRadicals(it.str).replace(/\u00a0/g, ' ');
    glyphs.push(...splitRun(text, x0, x1, base - 0.88 * size, base + 0.12 * size, base, size));
  }
  return glyphs;
}

function damaged(file: string, err: unknown): InputError {
  const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new InputError('damaged', `${file}：PDF 文件已损坏或不完整，无法读取（${why}）`, file);
}

/** PDF → paragraphs and tables (text layer; OCR for pages without text). */
export async function readPdf(bytes: Uint8Array, file: string, budget = new ReadBudget(file)): Promise<Block[]> {
  const pdfjs = await loadPdfJs();
  const base = pdfjsDir();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  const loading = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: `${join(base, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(base, 'standard_fonts')}/`,
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      // Images are never drawn here (only whether a page paints one matters): a page image over the cap is not decoded.
      maxImageSize: budget.limits.imagePixels,
    });
  try {
    doc = await budget.race(loading.promise);
  } catch (err) {
    if (err instanceof InputError) {
      await loading.destroy().catch(() => undefined);
      throw err;
    }
    if ((err as { name?: string }).name === 'PasswordException') {
      throw new InputError('unsupported', `${file}：PDF 有密码保护，请先解除密码再读取`, file);
    }
    throw damaged(file, err);
  }
  try {
    const pages: PdfPage[] = [];
    let failures = 0;
    let lastError: unknown = null;
    budget.cap('pdfPages', doc.numPages, 'PDF 页数');
    for (let n = 1; n <= doc.numPages; n++) {
      budget.check();
      try {
        const page = await budget.race(doc.getPage(n));
        const vp = page.getViewport({ scale: 1 });
        const viewport = vp.transform as Matrix;
        const content = await budget.race(page.getTextContent());
        const items = content.items.filter((it): it is TextItemLike & typeof it => 'str' in it);
        const ops = await budget.race(page.getOperatorList());
        const { rules, hasImage } = rulesOf(pdfjs, ops.fnArray, ops.argsArray as unknown[][], viewport);
        pages.push({ input: { page: n, width: vp.width, height: vp.height, glyphs: glyphsOf(items, viewport), rules }, hasImage });
        page.cleanup();
      } catch (err) {
        failures++;
        lastError = err;
      }
    }
    if (pages.length === 0) throw damaged(file, lastError ?? new Error('没有可读取的页面'));
    const scans = pages.filter((p) => p.input.glyphs.length < MIN_TEXT_GLYPHS && (p.hasImage || p.input.glyphs.length === 0));
    const grays = new Map<number, Gray>();
    for (const p of scans) {
      const side = Math.max(p.input.width, p.input.height);
      if (side > budget.limits.scanPagePoints) throw overLimitPage(file, p.input.page, side, budget);
    }
    if (scans.length) {
      budget.extend(scans.length * budget.limits.ocrPageMs);
      const textPages = pages.length - scans.length;
      const ocr = await ocrAvailable();
      if (!ocr.ok) {
        if (textPages === 0) throw new InputError('unsupported', `${file}：PDF 没有文字层（是扫描件），${ocr.message}`, file);
      } else {
        await ocrScannedPages(bytes, file, scans, grays, budget);
      }
    }
    if (failures && pages.every((p) => p.input.glyphs.length === 0)) throw damaged(file, lastError);
    budget.check();
    const inputs = pages.map((p) => p.input);
    const items = analysePages(inputs);
    budget.check();
    if (grays.size) await refineOcrCells(items, grays, file);
    return toBlocks(items, inputs);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function overLimitPage(file: string, page: number, side: number, budget: ReadBudget): InputError {
  return new InputError(
    'unsupported',
    `${file}：第 ${page} 页是扫描页，页面尺寸（${formatPoints(side)}）超过上限（${formatPoints(budget.limits.scanPagePoints)}），已停止读取`,
    file,
  );
}

async function ocrScannedPages(bytes: Uint8Array, file: string, scans: PdfPage[], grays: Map<number, Gray>, budget: ReadBudget): Promise<void> {
  const pdftoppm = findProgram(['pdftoppm']);
  if (!pdftoppm) {
    throw new InputError('unsupported', `${file}：PDF 没有文字层（是扫描件），识别需要 pdftoppm，本机未安装。请安装 Debian 软件包 poppler-utils（apt-get install poppler-utils）`, file);
  }
  const dir = await mkdtemp(join(tmpdir(), 'ogi-pdf-'));
  try {
    const input = join(dir, 'input.pdf');
    await writeFile(input, bytes);
    // Pages in parallel, one worker per core; a page that is alone on a core is also cut into strips.
    const strips = Math.max(1, Math.floor(OCR_PARALLELISM / scans.length));
    let next = 0;
    const worker = async () => {
      for (let p = scans[next++]; p; p = scans[next++]) {
        budget.check();
        const n = p.input.page;
        const out = join(dir, `page-${n}`);
        try {
          await run(pdftoppm, ['-r', String(OCR_DPI), '-png', '-f', String(n), '-l', String(n), '-singlefile', input, out], { timeout: Math.min(120_000, budget.remaining()) });
        } catch (err) {
          throw damaged(file, err);
        }
        const png = await readFile(`${out}.png`);
        await rm(`${out}.png`, { force: true });
        const { input: ocrInput, gray } = await ocrPageImage(png, n, 72 / OCR_DPI, file, strips);
        p.input.glyphs = ocrInput.glyphs;
        p.input.rules = ocrInput.rules;
        p.input.width = ocrInput.width;
        p.input.height = ocrInput.height;
        p.input.unit = ocrInput.unit;
        p.input.ocr = true;
        if (gray) grays.set(n, gray);
      }
    };
    await Promise.all(Array.from({ length: Math.min(OCR_PARALLELISM, scans.length) }, worker));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
