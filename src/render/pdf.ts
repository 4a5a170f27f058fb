import { accessSync, constants } from 'node:fs';
import PDFDocument from 'pdfkit';
import { InputError } from '../errors.ts';
import { findProgram } from '../programs.ts';
import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { renderHtml } from './html.ts';
import { placeGrid } from './placed.ts';
import { reportTitle, signatureDate } from './text.ts';

/**
 * The report as an A4 PDF. Chromium prints the HTML report (html.ts), which
 * gives the best Chinese layout; without Chromium, pdfkit lays the report out
 * itself with a CJK font from the Debian font packages, drawing the same
 * merged-cell grids (grid.ts).
 */

export interface PdfFont {
  path: string;
  /** PostScript name of the face inside a .ttc collection. */
  family: string;
}

export interface PdfOptions {
  /** Path of the Chromium executable; null to use pdfkit; found automatically when absent. */
  chromium?: string | null;
  /** Fonts pdfkit may use, best first (the Debian fonts by default). */
  fonts?: readonly PdfFont[];
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** /usr/bin/chromium (Debian), or the first Chromium or Chrome on PATH; null when there is none. */
export function findChromium(): string | null {
  return executable('/usr/bin/chromium') ? '/usr/bin/chromium' : findProgram(CHROMIUM_NAMES);
}

/** Debian CJK fonts pdfkit can embed: serif first (宋体/仿宋-like body), then sans (黑体-like headings). */
export const DEBIAN_CJK_FONTS: readonly PdfFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
];
const TITLE_FONT: PdfFont = { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', family: 'NotoSerifCJKsc-Bold' };

function missingEverything(): InputError {
  return new InputError(
    'unsupported',
    '生成 PDF 需要 Chromium 或中文字体，本机均未安装。请安装 Debian 软件包 chromium（apt-get install chromium）或 fonts-noto-cjk（apt-get install fonts-noto-cjk）',
  );
}

/** The report as a PDF: Chromium when installed, otherwise pdfkit with a Debian CJK font. */
export async function renderPdf(report: Report, options: PdfOptions = {}): Promise<Buffer> {
  const chromium = options.chromium === undefined ? findChromium() : options.chromium;
  if (chromium) return renderPdfWithChromium(report, chromium);
  return renderPdfWithPdfkit(report, options);
}

/** Chromium (through playwright-core) prints the HTML report on A4. */
export async function renderPdfWithChromium(report: Report, executablePath: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    throw new Error(`Chromium（${executablePath}）无法启动，未能生成 PDF：${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  try {
    const page = await browser.newPage();
    await page.setContent(renderHtml(report), { waitUntil: 'load' });
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// pdfkit fallback

const MM = 72 / 25.4;
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const SIZE = { title: 22, body: 16, table: 10.5 };
/** Body line pitch 28 pt (GB/T 9704: 22 lines a page). */
const BODY_GAP = 6;
const CELL_PAD = { x: 3, y: 2.5 };
const MIN_ROW = 16;

/** Share of the table width per grid column (the same proportions as the Word tables). */
function columnShares(grid: Grid): number[] {
  const even = (n: number, total: number) => Array.from({ length: n }, () => total / n);
  switch (grid.key) {
    case 'active':
      return [0.31, ...even(grid.width - 1, 0.69)];
    case 'requests':
      return [0.077, 0.108, 0.26, ...even(grid.width - 3, 0.555)];
    case 'review':
      return even(grid.width, 1);
  }
}

const rowHasHeader = (grid: Grid, r: number) => grid.rows[r]!.some((c) => c.kind === 'header' || c.kind === 'note');

interface Fonts {
  body: string;
  heading: string;
  title: string;
}

const readable = (path: string) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

function registerFonts(doc: PDFKit.PDFDocument, candidates: readonly PdfFont[]): Fonts {
  const available = candidates.filter((f) => readable(f.path));
  const body = available[0];
  if (!body) throw missingEverything();
  doc.registerFont('body', body.path, body.family);
  const sans = available.find((f) => /Sans|Hei/i.test(f.family)) ?? body;
  doc.registerFont('heading', sans.path, sans.family);
  // A bold serif for the title (小标宋-like) when the body is the Noto serif.
  const title = body.path === DEBIAN_CJK_FONTS[0]!.path && readable(TITLE_FONT.path) ? TITLE_FONT : body;
  doc.registerFont('title', title.path, title.family);
  return { body: 'body', heading: 'heading', title: 'title' };
}

function drawGrid(doc: PDFKit.PDFDocument, grid: Grid, fonts: Fonts): void {
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const widths = columnShares(grid).map((s) => s * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const placed = placeGrid(grid);
  doc.font(fonts.body).fontSize(SIZE.table);
  const textOptions = (w: number) => ({ width: w - 2 * CELL_PAD.x, lineGap: 1 });
  const cellWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);

  // Row heights: single-row cells set their row; taller merged cells share the deficit among their rows.
  const heights = grid.rows.map(() => MIN_ROW);
  const textHeight = new Map<object, number>();
  for (const row of placed) {
    for (const p of row) {
      if (p.continues) continue;
      const h = p.cell.text ? doc.heightOfString(p.cell.text, textOptions(cellWidth(p.col, p.cell.colspan))) : 0;
      textHeight.set(p.cell, h);
      if (p.cell.rowspan === 1) heights[p.row] = Math.max(heights[p.row]!, h + 2 * CELL_PAD.y);
    }
  }
  for (const row of placed) {
    for (const p of row) {
      if (p.continues || p.cell.rowspan === 1) continue;
      const have = heights.slice(p.row, p.row + p.cell.rowspan).reduce((a, b) => a + b, 0);
      const need = textHeight.get(p.cell)! + 2 * CELL_PAD.y;
      if (have < need) for (let r = p.row; r < p.row + p.cell.rowspan; r++) heights[r]! += (need - have) / p.cell.rowspan;
    }
  }

  // Pagination: header rows stay with the row after them.
  const bottom = doc.page.height - MARGINS.bottom;
  const pageOf: number[] = [];
  const yOf: number[] = [];
  let page = 0;
  let y = doc.y;
  for (let r = 0; r < grid.rows.length; r++) {
    let block = heights[r]!;
    for (let k = r; rowHasHeader(grid, k) && k + 1 < grid.rows.length; k++) block += heights[k + 1]!;
    const fresh = y <= MARGINS.top + 0.5;
    if (y + (r === 0 || rowHasHeader(grid, r) ? block : heights[r]!) > bottom && !fresh) {
      page++;
      y = MARGINS.top;
    }
    pageOf[r] = page;
    yOf[r] = y;
    y += heights[r]!;
  }

  // Drawing, page by page; a merged cell split by a page break is drawn as one box per page,
  // its text in the tallest part.
  const savedBottom = doc.page.margins.bottom;
  for (let pg = 0; pg <= page; pg++) {
    if (pg > 0) doc.addPage();
    doc.page.margins.bottom = 0; // text is placed by hand; never let it open a page
    doc.lineWidth(0.6).strokeColor('#000000');
    for (const row of placed) {
      for (const p of row) {
        if (p.continues) continue;
        const rows = Array.from({ length: p.cell.rowspan }, (_, i) => p.row + i);
        const segments = new Map<number, number[]>();
        for (const r of rows) segments.set(pageOf[r]!, [...(segments.get(pageOf[r]!) ?? []), r]);
        const mine = segments.get(pg);
        if (!mine) continue;
        const x = xs[p.col]!;
        const w = cellWidth(p.col, p.cell.colspan);
        const top = yOf[mine[0]!]!;
        const h = mine.reduce((a, r) => a + heights[r]!, 0);
        doc.rect(x, top, w, h).stroke();
        const tallest = [...segments.entries()].sort((a, b) =>
          b[1].reduce((s, r) => s + heights[r]!, 0) - a[1].reduce((s, r) => s + heights[r]!, 0) || a[0] - b[0])[0]![0];
        if (!p.cell.text || tallest !== pg) continue;
        const th = textHeight.get(p.cell)!;
        doc.font(fonts.body).fontSize(SIZE.table).fillColor('#000000');
        doc.text(p.cell.text, x + CELL_PAD.x, top + Math.max(CELL_PAD.y, (h - th) / 2), {
          ...textOptions(w),
          align: p.cell.kind === 'label' ? 'left' : 'center',
        });
      }
    }
    doc.page.margins.bottom = savedBottom;
  }
  doc.x = MARGINS.left;
  doc.y = y + 10;
}

function grids(report: Report): Partial<Record<SectionKey, Grid>> {
  if (report.template === 'legacy') return {};
  return { active: activeGrid(report.template, report.tables), requests: requestsGrid(report.template, report.tables), review: reviewGrid(report.tables) };
}

/** The report as a PDF laid out by pdfkit (no browser needed); embeds a subset of a Debian CJK font. */
export async function renderPdfWithPdfkit(report: Report, options: Pick<PdfOptions, 'fonts'> = {}): Promise<Buffer> {
  const title = reportTitle(report);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    info: { Title: title, Author: report.agency ?? '', Creator: 'ogi', Producer: 'ogi (pdfkit)' },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const fonts = registerFonts(doc, options.fonts ?? DEBIAN_CJK_FONTS);
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const bottom = () => doc.page.height - MARGINS.bottom;
  const para = (text: string | null) => {
    if (!text) return;
    for (const line of text.split(/\n+/).map((l) => l.trim()).filter(Boolean)) {
      doc.font(fonts.body).fontSize(SIZE.body).text(line, MARGINS.left, doc.y, { width, indent: 2 * SIZE.body, lineGap: BODY_GAP });
    }
  };

  // The agency on a line of its own when the whole title does not fit on one, as official reports print it.
  doc.font(fonts.title).fontSize(SIZE.title);
  const split = report.agency && doc.widthOfString(title) > width && doc.widthOfString(report.agency) <= width;
  const titleLines = split ? [report.agency!, title.slice(report.agency!.length)] : [title];
  doc.text(titleLines.join('\n'), MARGINS.left, MARGINS.top, { width, align: 'center', lineGap: 8 });
  doc.moveDown(0.8);
  para(report.preamble);
  const g = grids(report);
  for (const s of SECTIONS) {
    // A heading keeps at least two lines of what follows on its page.
    if (doc.y + 3 * (SIZE.body + BODY_GAP + 6) > bottom()) doc.addPage();
    doc.font(fonts.heading).fontSize(SIZE.body).text(`${s.numeral}、${s.heading}`, MARGINS.left, doc.y, { width, indent: 2 * SIZE.body, lineGap: BODY_GAP });
    para(report.sections[s.key]);
    const grid = g[s.key];
    if (grid) {
      doc.y += 4;
      drawGrid(doc, grid, fonts);
    }
  }
  const date = signatureDate(report.signedOn);
  if (report.agency || date) {
    doc.moveDown(1);
    for (const line of [report.agency, date]) {
      if (line) doc.font(fonts.body).fontSize(SIZE.body).text(line, MARGINS.left, doc.y, { width: width - 2 * SIZE.body, align: 'right', lineGap: BODY_GAP });
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
