import PDFDocument from 'pdfkit';
import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { registerFonts, type FontChoice } from './pdf-fonts.ts';
import { drawTable, measureTable, startHeight, type TableLayout } from './pdf-table.ts';
import { reportTitle, signatureDate, titleLines } from './text.ts';
import { documentDate } from './document-date.ts';

export { DEBIAN_FONTS, type FontChoice, type PdfFont } from './pdf-fonts.ts';

/**
 * The report as an A4 PDF laid out like the DOCX (docx.ts), drawn by pdfkit with the Debian CJK
 * fonts embedded (pdf-fonts.ts): the same margins, sizes and 28 pt body line pitch, the title broken
 * after the agency, headings kept with what follows, the tables paginated row by row with their
 * header rows repeated (pdf-table.ts), and "— 1 —" page numbers centred at the foot.
 */

export interface PdfOptions {
  /** Fonts per role (the Debian fonts by default). */
  fonts?: FontChoice;
}

const PT_PER_MM = 72 / 25.4;
const MARGINS = { top: 37 * PT_PER_MM, bottom: 35 * PT_PER_MM, left: 28 * PT_PER_MM, right: 26 * PT_PER_MM };
const SIZE = { title: 22, body: 16, pageNumber: 14 };
/** Line pitch of the body (GB/T 9704: 22 lines a page) and of the title, as in the DOCX. */
const LINE = 28;
const TITLE_LINE = 35;
/** Distance from the page's bottom edge to the foot of the page number (the DOCX footer distance). */
const FOOTER = 49.6;
const INDENT = 2 * SIZE.body;
const TABLE_GAP = { before: 4, after: 12 };

function grids(report: Report): Partial<Record<SectionKey, Grid>> {
  if (report.template === 'legacy') return {};
  return { active: activeGrid(report.template, report.tables), requests: requestsGrid(report.template, report.tables), review: reviewGrid(report.tables) };
}

/** The non-blank lines of a text, each a paragraph. */
const paragraphs = (text: string | null) => (text ?? '').split(/\n+/).map((l) => l.trim()).filter(Boolean);

/** The report as a PDF. Throws an InputError naming fonts-noto-cjk when no CJK font is installed. */
export async function renderPdf(report: Report, options: PdfOptions = {}): Promise<Buffer> {
  const title = reportTitle(report);
  // Dated as the XLSX is, not with the time of writing: the same report gives the same bytes (the file ID is a hash of this info).
  const written = documentDate([report]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    info: { Title: title, Author: report.agency ?? '', Creator: 'ogi', Producer: 'ogi (pdfkit)', CreationDate: written, ModDate: written },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const font = registerFonts(doc, options.fonts);

  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const bottom = doc.page.height - MARGINS.bottom;
  const gapFor = (font: string, size: number, pitch: number) => pitch - doc.font(font).fontSize(size).currentLineHeight(true);
  const bodyGap = gapFor(font.body, SIZE.body, LINE);
  const bodyOptions = { width, indent: INDENT, lineGap: bodyGap };
  const lineCount = (text: string) => Math.round((doc.font(font.body).fontSize(SIZE.body).heightOfString(text, bodyOptions) + 0.01) / LINE);
  const fits = (height: number) => doc.y + height <= bottom + 0.01;
  const atTop = () => doc.y <= MARGINS.top + 0.5;
  const keep = (height: number) => {
    if (!fits(height) && !atTop()) doc.addPage();
  };
  const para = (text: string) => doc.font(font.body).fontSize(SIZE.body).text(text, MARGINS.left, doc.y, bodyOptions);
  /** A one-line paragraph that does not end a sentence: a sub-heading such as “（二）…情况”, or “…如下：”. */
  const leadsIn = (line: string) => lineCount(line) === 1 && !/[。；;！!？?]$/.test(line);
  /** Height that must stand together from paragraph i on: lead-in lines with two lines of what follows (`after`: a table). */
  const together = (all: readonly string[], i: number, after: number): number => {
    const line = all[i];
    if (line === undefined) return after;
    return leadsIn(line) ? LINE + together(all, i + 1, after) : Math.min(2, lineCount(line)) * LINE;
  };
  const paras = (all: readonly string[], after = 0) => {
    all.forEach((line, i) => {
      if (leadsIn(line) && (i + 1 < all.length || after > 0)) keep(together(all, i, after));
      para(line);
    });
  };

  const layouts = new Map<SectionKey, TableLayout>();
  for (const [key, grid] of Object.entries(grids(report)) as [SectionKey, Grid][]) layouts.set(key, measureTable(doc, grid, font.table, MARGINS.left, width));
  const date = signatureDate(report.signedOn);
  const signature = [report.agency, date].filter((l): l is string => !!l);

  const tableStart = (key: SectionKey) => {
    const table = layouts.get(key);
    return table ? TABLE_GAP.before + startHeight(table) : 0;
  };
  /** What must stand on the same page as the end of section i's text: its table's start, or the next heading with its start. */
  const afterText = (i: number): number => {
    const s = SECTIONS[i]!;
    if (layouts.has(s.key)) return tableStart(s.key);
    return SECTIONS[i + 1] ? LINE + afterHeading(i + 1) : signature.length ? (signature.length + 1) * LINE : 0;
  };
  /** What must stand on the same page as the heading of section i: the start of its text, or of what follows it. */
  const afterHeading = (i: number): number => {
    const text = paragraphs(report.sections[SECTIONS[i]!.key]);
    return text.length ? together(text, 0, afterText(i)) : afterText(i);
  };

  doc.font(font.title).fontSize(SIZE.title);
  const titleGap = gapFor(font.title, SIZE.title, TITLE_LINE);
  doc.y = MARGINS.top;
  for (const line of titleLines(report, width / SIZE.title)) {
    doc.text(line, MARGINS.left, doc.y, { width, align: 'center', lineGap: titleGap });
  }
  doc.y += LINE;
  paras(paragraphs(report.preamble));

  SECTIONS.forEach((s, i) => {
    keep(LINE + afterHeading(i));
    doc.font(font.heading).fontSize(SIZE.body).text(`${s.numeral}、${s.heading}`, MARGINS.left, doc.y, { ...bodyOptions, lineGap: gapFor(font.heading, SIZE.body, LINE) });
    paras(paragraphs(report.sections[s.key]), afterText(i));
    const table = layouts.get(s.key);
    if (table) {
      keep(tableStart(s.key));
      doc.y = drawTable(doc, table, doc.y + TABLE_GAP.before) + TABLE_GAP.after;
      doc.x = MARGINS.left;
    }
  });

  if (signature.length) {
    keep((signature.length + 1) * LINE);
    doc.y += LINE;
    for (const line of signature) doc.font(font.body).fontSize(SIZE.body).text(line, MARGINS.left, doc.y, { width: width - INDENT, align: 'right', lineGap: bodyGap });
  }

  drawPageNumbers(doc, font.table, MARGINS.left, width);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** "— 1 —" centred under the text block of every page, in the table face (宋体 四号 in the DOCX). */
function drawPageNumbers(doc: PDFKit.PDFDocument, face: string, left: number, width: number): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(face).fontSize(SIZE.pageNumber);
    const y = doc.page.height - FOOTER - doc.currentLineHeight();
    doc.text(`— ${i - start + 1} —`, left, y, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}
