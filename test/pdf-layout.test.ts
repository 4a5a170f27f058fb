import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import PDFDocument from 'pdfkit';
import { extractReport } from '../src/extract/report.ts';
import { findProgram } from '../src/programs.ts';
import { activeGrid, requestsGrid, type Grid } from '../src/render/grid.ts';
import { DEBIAN_FONTS, registerFonts } from '../src/render/pdf-fonts.ts';
import { drawTable, measureTable } from '../src/render/pdf-table.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { titleLines } from '../src/render/text.ts';
import { SECTIONS } from '../src/schema/sections.ts';
import type { Report } from '../src/schema/types.ts';
import { pageCount, pdfFonts, textPages, type TextPage } from './helpers/poppler.ts';
import { randomTables, rng } from './helpers/random-report.ts';

/**
 * The PDF laid out like the DOCX, checked on the printed file with poppler: embedded CID fonts
 * (no Type 3), "— N —" page numbers, the header rows of a table repeated on every page it continues
 * on, no heading as the last line of a page, and no near-empty page but the last.
 */

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ogi-pdf-layout-'));
const MM = 72 / 25.4;
const TEXT_TOP = 37 * MM;
const TEXT_BOTTOM = 35 * MM;

const hasPoppler = findProgram(['pdffonts']) !== null && findProgram(['pdftotext']) !== null && findProgram(['pdfinfo']) !== null;
const hasFont = Object.values(DEBIAN_FONTS).flat().some((f) => existsSync(f.path));

function ready(t: TestContext): boolean {
  const missing = !hasPoppler ? 'poppler-utils (pdffonts, pdftotext)' : !hasFont ? 'fonts-noto-cjk' : null;
  if (!missing) return true;
  if (process.env.CI === 'true') assert.fail(`${missing} is required in CI: apt-get install ${missing.split(' ')[0]}`);
  t.skip(`skipped: ${missing} not installed`);
  return false;
}

const samples = readdirSync(join(root, 'samples')).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const sampleReport = (name: string): Report =>
  extractReport(readFileSync(join(root, 'samples', name), 'utf8'), { name, format: 'txt' });
const fixtureReport = (template: '2019' | '2021'): Report => ({
  ...JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'formats', `v${template}.expected.json`), 'utf8')),
  source: { name: `v${template}`, format: 'json' }, provenance: {}, notes: [],
});

/** The reports and the pages each prints on (A4, the DOCX's margins and 28 pt line pitch). */
const CASES: [string, () => Report, number][] = [
  ...samples.map((n, i): [string, () => Report, number] => [n, () => sampleReport(n), [7, 4, 6, 6, 5][i]!]),
  ['v2019 fixture', () => fixtureReport('2019'), 3],
  ['v2021 fixture', () => fixtureReport('2021'), 3],
];

const isFooter = (page: TextPage, top: number) => top > page.height - TEXT_BOTTOM;
const bodyLines = (page: TextPage) => page.lines.filter((l) => !isFooter(page, l.top));
const headings = SECTIONS.map((s) => `${s.numeral}、${s.heading}`);
const lead = (text: string) => text.replace(/\s/g, '').slice(0, 6);

/** Whether a page's first line is a header row of the grid (or the first line of a wrapped header cell), not a body row. */
function opensWithHeader(grid: Grid, line: string): boolean {
  const headers = grid.rows.flat().filter((c) => c.kind === 'header' || c.kind === 'note').map((c) => c.text.replace(/\s/g, ''));
  return headers.some((h) => line.startsWith(h) || h.startsWith(line));
}

/** Pages (0-based) from the one where the grid's first row is printed to the one of its last row. */
function tablePages(pages: TextPage[], grid: Grid): [number, number] {
  const first = lead(grid.rows[0]![0]!.text);
  const last = lead(grid.rows.at(-1)![0]!.text);
  const start = pages.findIndex((p) => bodyLines(p).some((l) => l.text.includes(first)));
  const end = pages.map((p) => bodyLines(p).some((l) => l.text.startsWith(last))).lastIndexOf(true);
  assert.ok(start >= 0 && end >= start, `table ${grid.key} found on pages ${start + 1}–${end + 1}`);
  return [start, end];
}

/** "— N —" at every page's foot, no page ending with a heading (or `alsoLast`), no near-empty page but the last. */
function assertFlow(text: TextPage[], alsoLast: RegExp | null = null): void {
  text.forEach((page, i) => {
    const footer = page.lines.filter((l) => isFooter(page, l.top));
    assert.deepEqual(footer.map((l) => l.text), [`—${i + 1}—`], `page ${i + 1}: page number`);
    const body = bodyLines(page);
    const last = body.at(-1)!;
    assert.ok(!headings.includes(last.text) && !alsoLast?.test(last.text), `page ${i + 1} ends with the heading ${last.text}`);
    if (i < text.length - 1) {
      const used = (last.bottom - body[0]!.top) / (page.height - TEXT_TOP - TEXT_BOTTOM);
      assert.ok(used >= 0.15, `page ${i + 1} is near-empty: ${Math.round(used * 100)} % used`);
    }
  });
}

function assertLayout(path: string, report: Report, pages: number): void {
  const fonts = pdfFonts(path);
  assert.ok(fonts.length > 0);
  for (const f of fonts) {
    assert.equal(f.embedded, true, `${f.name} embedded`);
    assert.notEqual(f.type, 'Type 3', `${f.name} is not Type 3`);
    assert.match(f.type, /^CID /, `${f.name}: ${f.type}`);
  }
  // The roles of the DOCX styles: 小标宋 → serif bold, 仿宋/宋体 → serif, 黑体 → sans.
  for (const face of ['NotoSerifCJKsc-Bold', 'NotoSerifCJKsc-Regular', 'NotoSansCJKsc-Regular']) {
    assert.ok(fonts.some((f) => f.name.endsWith(`+${face}`)), `${face} embedded`);
  }

  assert.equal(pageCount(path), pages, 'page count');
  const text = textPages(path);
  assert.equal(text.length, pages);

  // The title broken where the DOCX breaks it.
  const title = titleLines(report, (595.28 - 54 * MM) / 22);
  assert.deepEqual(bodyLines(text[0]!).slice(0, title.length).map((l) => l.text), title.map((l) => l.replace(/\s/g, '')));

  assertFlow(text);

  if (report.template === 'legacy') return;
  for (const grid of [activeGrid(report.template, report.tables), requestsGrid(report.template, report.tables)]) {
    const [start, end] = tablePages(text, grid);
    for (let p = start + 1; p <= end; p++) {
      const top = bodyLines(text[p]!)[0]!.text;
      assert.ok(opensWithHeader(grid, top), `page ${p + 1}: table ${grid.key} continues under its header, not under ${top}`);
    }
  }
}

for (const [name, make, pages] of CASES) {
  test(`PDF of ${name}: embedded CID fonts, ${pages} pages, page numbers, headers repeated, headings kept with what follows`, async (t) => {
    if (!ready(t)) return;
    const report = make();
    const path = join(tmp, `${name.replace(/\W+/g, '_')}.pdf`);
    writeFileSync(path, await renderPdf(report));
    assertLayout(path, report, pages);
  });
}

test('PDF of generated reports of every length: no page ends with a heading or a sub-heading, no near-empty page', async (t) => {
  if (!ready(t)) return;
  const sentence = '本机关认真贯彻落实条例要求，持续推进政府信息公开工作，取得了较好成效。';
  for (let seed = 1; seed <= 12; seed++) {
    const template = seed % 2 ? '2019' : '2021';
    const r = rng(seed);
    const sections = Object.fromEntries(SECTIONS.map((s) => {
      const n = Math.floor(r() * 8);
      const texts = Array.from({ length: n }, (_, i) => (r() < 0.3 ? `（${'一二三四五六七八'[i]}）小标题` : sentence.repeat(1 + Math.floor(r() * 4))));
      return [s.key, texts.join('\n') || null];
    }));
    const report: Report = { ...fixtureReport(template), tables: randomTables(template, seed), sections: sections as Report['sections'], preamble: sentence.repeat(Math.floor(r() * 6)) };
    const path = join(tmp, `generated-${seed}.pdf`);
    writeFileSync(path, await renderPdf(report));
    const text = textPages(path);
    assert.equal(text.length, pageCount(path));
    assertFlow(text, /^（.）小标题$/);
  }
});

test('PDF: table 三 of sample 000 continues on later pages (the header check above is not empty)', async (t) => {
  if (!ready(t)) return;
  const report = sampleReport(samples[0]!);
  const path = join(tmp, 'split.pdf');
  writeFileSync(path, await renderPdf(report));
  const [start, end] = tablePages(textPages(path), requestsGrid(report.template as '2019', report.tables));
  assert.ok(end > start, `table 三 on pages ${start + 1}–${end + 1}`);
});

test('PDF: a table of many rows repeats its header rows on every page, and no row is split', async (t) => {
  if (!ready(t)) return;
  const grid = requestsGrid('2021', randomTables('2021', 5));
  const header = grid.rows.slice(0, 3);
  // Each row of the table with its own label across the three label columns, twelve times over.
  const body = grid.rows.slice(3).map((row) => [
    { ...row.filter((c) => c.kind === 'label').at(-1)!, colspan: 3, rowspan: 1 },
    ...row.filter((c) => c.kind === 'value'),
  ]);
  const long: Grid = { ...grid, rows: [...header, ...Array.from({ length: 12 }, () => body).flat()] };
  const doc = new PDFDocument({ size: 'A4', margins: { top: TEXT_TOP, bottom: TEXT_BOTTOM, left: 28 * MM, right: 26 * MM } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  const fonts = registerFonts(doc);
  const width = doc.page.width - 54 * MM;
  drawTable(doc, measureTable(doc, long, fonts.table, 28 * MM, width), 300);
  doc.end();
  await done;
  const path = join(tmp, 'long.pdf');
  writeFileSync(path, Buffer.concat(chunks));

  const pages = textPages(path);
  assert.ok(pages.length >= 5, `pages: ${pages.length}`);
  const numbers = (p: TextPage) => p.lines.flatMap((l) => l.words.filter((w) => /^\d+$/.test(w))).length;
  let values = 0;
  pages.forEach((page, i) => {
    if (i > 0) assert.ok(opensWithHeader(long, page.lines[0]!.text), `page ${i + 1}: header repeated`);
    // Seven values a row: a page holding part of a row would hold a number of values that is not a multiple of 7.
    assert.equal(numbers(page) % 7, 0, `page ${i + 1}: whole rows`);
    values += numbers(page);
    const last = page.lines.at(-1)!;
    if (i < pages.length - 1) assert.ok(last.bottom > page.height - TEXT_BOTTOM - 40, `page ${i + 1} is filled to its foot`);
  });
  assert.equal(values, 12 * body.length * 7);
});
