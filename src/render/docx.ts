import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, LineRuleType, Packer, PageNumber, Paragraph, Table,
  TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, VerticalMergeType, WidthType,
} from 'docx';
import JSZip from 'jszip';
import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { placeGrid } from './placed.ts';
import { reportTitle, signatureDate, titleLines } from './text.ts';
import { documentDate } from './document-date.ts';

/**
 * The report as a Word document in the usual layout of official documents
 * (GB/T 9704): A4, title in 小标宋 二号, body in 仿宋_GB2312 三号 with a
 * two-character first-line indent, headings in 黑体 三号, the three statutory
 * tables drawn from the grids (grid.ts) with merged cells in 宋体 五号, page
 * numbers "— 1 —" in the footer, and the signature block on the right.
 * `ogi parse` reads the file back to the same data (src/ingest/docx.ts).
 */

const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  table: '宋体',
} as const;

/** Names Word/WPS/LibreOffice fall back to when a font is missing (fontTable.xml `w:altName`). */
const ALT_NAMES: Record<string, { alt: string; family: 'roman' | 'modern' | 'swiss' }> = {
  [FONT.title]: { alt: '宋体', family: 'roman' },
  [FONT.body]: { alt: '仿宋', family: 'modern' },
  [FONT.heading]: { alt: 'SimHei', family: 'modern' },
  [FONT.table]: { alt: 'SimSun', family: 'roman' },
};

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

// Sizes in half-points, lengths in twentieths of a point (twips).
const SIZE = { title: 44, body: 32, table: 21, footer: 28 } as const;
const MM = 56.7;
const PAGE = { width: 11906, height: 16838, top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Fixed line pitch of the body: 28 pt, 22 lines a page as GB/T 9704 asks. */
const LINE = 560;

/** Column widths (twips) per grid, summing to the text width; label columns wider than value columns. */
function columnWidths(grid: Grid): number[] {
  const fill = (fixed: number[], rest: number): number[] => {
    const left = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
    const each = Math.floor(left / rest);
    const out = [...fixed, ...Array.from({ length: rest }, () => each)];
    out[out.length - 1]! += left - each * rest;
    return out;
  };
  switch (grid.key) {
    case 'active':
      return fill([Math.round(TEXT_WIDTH * 0.31)], grid.width - 1);
    case 'requests':
      return fill([680, 960, 2305], grid.width - 3);
    case 'review':
      return fill([], grid.width);
  }
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function cellParagraph(text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType], keepNext: boolean): Paragraph {
  return new Paragraph({
    style: 'TableText',
    alignment: align,
    keepNext: keepNext || undefined,
    children: text ? [new TextRun(text)] : [],
  });
}

/**
 * Rows that stay on the page of the row after them: header rows, and in table 二
 * every row of an item but its last, so that no item is split from its heading.
 */
function keepsWithNext(grid: Grid, r: number): boolean {
  const row = grid.rows[r]!;
  const next = grid.rows[r + 1];
  if (!next) return false;
  return row.some((c) => c.kind === 'header' || c.kind === 'note');
}

/**
 * The merged header at the top of tables 三 and 四, which Word repeats on every page the table runs on
 * (as the PDF does). Table 二's first rows head only its first item, so they are not repeated.
 */
function repeatsOnEachPage(grid: Grid, r: number): boolean {
  if (grid.key === 'active') return false;
  return grid.rows.slice(0, r + 1).every((row) => row.every((c) => c.kind === 'header' || c.kind === 'note'));
}

function gridTable(grid: Grid): Table {
  const widths = columnWidths(grid);
  const rows = placeGrid(grid).map((row, r) => new TableRow({
    cantSplit: true,
    tableHeader: repeatsOnEachPage(grid, r) || undefined,
    children: row.map(({ cell, col, continues }) => {
      const width = widths.slice(col, col + cell.colspan).reduce((a, b) => a + b, 0);
      const align = cell.kind === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER;
      return new TableCell({
        children: [cellParagraph(continues ? '' : cell.text, align, keepsWithNext(grid, r))],
        columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
        verticalMerge: cell.rowspan > 1 ? (continues ? VerticalMergeType.CONTINUE : VerticalMergeType.RESTART) : undefined,
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
      });
    }),
  }));
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: 57, right: 57, top: 0, bottom: 0 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}

function bodyParagraphs(text: string | null): Paragraph[] {
  if (!text) return [];
  return text.split(/\n+/).map((l) => l.trim()).filter(Boolean).map((l) => new Paragraph({ style: 'BodyText', children: [new TextRun(l)] }));
}

function grids(report: Report): Partial<Record<SectionKey, Grid>> {
  if (report.template === 'legacy') return {};
  return { active: activeGrid(report.template, report.tables), requests: requestsGrid(report.template, report.tables), review: reviewGrid(report.tables) };
}

/** The title on one line, or broken after the agency when it does not fit (text.ts). */
function titleRuns(report: Report): TextRun[] {
  const perLine = TEXT_WIDTH / 20 / (SIZE.title / 2);
  return titleLines(report, perLine).map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined }));
}

const CORE_PROPERTIES = 'docProps/core.xml';

/**
 * Finishes the package the docx library wrote: declares the fonts with the names to substitute, so
 * Word and WPS pick 宋体/仿宋/黑体 when the GB fonts are missing; and dates the document properties
 * and every zip entry with `date` instead of the time of writing, so the same report gives the same bytes.
 */
async function finishPackage(docx: Buffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const fonts = Object.entries(ALT_NAMES).map(([name, { alt, family }]) =>
    `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`);
  zip.file('word/fontTable.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W}">${fonts.join('')}</w:fonts>`);
  const core = zip.file(CORE_PROPERTIES);
  if (core) {
    const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    zip.file(CORE_PROPERTIES, (await core.async('string')).replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${stamp}`));
  }
  for (const entry of Object.values(zip.files)) entry.date = date;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The report as a .docx file (A4, official layout). */
export async function renderDocx(report: Report): Promise<Buffer> {
  const title = reportTitle(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: titleRuns(report) }),
    ...bodyParagraphs(report.preamble),
  ];
  const g = grids(report);
  for (const s of SECTIONS) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${s.numeral}、${s.heading}`)] }));
    children.push(...bodyParagraphs(report.sections[s.key]));
    const grid = g[s.key];
    if (grid) {
      children.push(gridTable(grid));
      // A paragraph after each table keeps two tables from touching and gives the section room to end.
      children.push(new Paragraph({ style: 'TableAfter', children: [] }));
    }
  }
  const date = signatureDate(report.signedOn);
  if (report.agency || date) {
    children.push(new Paragraph({ style: 'Signature', children: [] }));
    if (report.agency) children.push(new Paragraph({ style: 'Signature', children: [new TextRun(report.agency)] }));
    if (date) children.push(new Paragraph({ style: 'Signature', children: [new TextRun(date)] }));
  }

  const doc = new Document({
    creator: 'ogi',
    title,
    description: '政府信息公开工作年度报告',
    styles: {
      default: {
        document: {
          run: { font: font(FONT.body), size: SIZE.body },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, alignment: AlignmentType.LEFT },
        },
        title: {
          run: { font: font(FONT.title), size: SIZE.title, bold: false, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: LINE } },
        },
        heading1: {
          run: { font: font(FONT.heading), size: SIZE.body, bold: false, color: '000000' },
          paragraph: { indent: { firstLine: 640, firstLineChars: 200 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, keepNext: true },
        },
      },
      paragraphStyles: [
        {
          id: 'BodyText', name: 'Report Body', basedOn: 'Normal', quickFormat: true,
          paragraph: { indent: { firstLine: 640, firstLineChars: 200 } },
        },
        {
          id: 'TableText', name: 'Report Table', basedOn: 'Normal',
          run: { font: font(FONT.table), size: SIZE.table },
          paragraph: { spacing: { line: 280, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 }, indent: { firstLine: 0 } },
        },
        {
          id: 'TableAfter', name: 'Report Table After', basedOn: 'Normal',
          run: { size: SIZE.table },
          paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
        },
        {
          id: 'Signature', name: 'Report Signature', basedOn: 'Normal',
          paragraph: { alignment: AlignmentType.RIGHT, indent: { right: 640 } },
        },
        {
          id: 'PageNumber', name: 'Report Page Number', basedOn: 'Normal',
          run: { font: font(FONT.table), size: SIZE.footer },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO } },
        },
      ],
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 },
        },
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({ style: 'PageNumber', children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })],
        }),
      },
      children,
    }],
  });
  return finishPackage(await Packer.toBuffer(doc), documentDate([report]));
}
