import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extractSource } from '../src/extract/index.ts';
import { findProgram } from '../src/programs.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { renderDocx } from '../src/render/docx.ts';
import { FLAT_COLUMNS, flatRows, renderCsv, type FlatRow } from '../src/render/flat.ts';
import { activeGrid, requestsGrid, reviewGrid } from '../src/render/grid.ts';
import { DEBIAN_FONTS, renderPdf } from '../src/render/pdf.ts';
import { documentDate } from '../src/render/document-date.ts';
import { renderXlsx } from '../src/render/xlsx.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import type { Report } from '../src/schema/types.ts';
import { assertGolden, produceGolden, sample000 } from './helpers/golden.ts';
import { randomTables } from './helpers/random-report.ts';

const run = promisify(execFile);
const fixtures = new URL('./fixtures/formats/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ogi-render-'));

/** A full report of the template (metadata and narrative of the fixture) with random consistent tables. */
function randomReport(template: TableTemplate, seed: number): Report {
  const base = JSON.parse(readFileSync(join(fixtures, `v${template}.expected.json`), 'utf8'));
  return { ...base, tables: randomTables(template, seed), source: { name: `random-${template}-${seed}`, format: 'json' }, provenance: {}, notes: [] };
}

/** The same with some blank cells (null), which must come back blank, never 0. */
function withBlanks(report: Report): Report {
  const r = structuredClone(report);
  r.tables.requests.granted![2] = null;
  r.tables.requests.resultTotal![3] = null;
  r.tables.review.litigationDirect![1] = null;
  const item = Object.keys(r.tables.active)[0]!;
  const row = Object.keys(r.tables.active[item]!)[0]!;
  const col = Object.keys(r.tables.active[item]![row]!)[0]!;
  r.tables.active[item]![row]![col] = null;
  return r;
}

const hasSoffice = findProgram(['soffice', 'libreoffice']) !== null;
const hasCjkFont = Object.values(DEBIAN_FONTS).flat().some((f) => existsSync(f.path));

function needs(t: TestContext, present: boolean, what: string, install: string): boolean {
  if (present) return true;
  if (process.env.CI === 'true') assert.fail(`${what} is required in CI: ${install}`);
  t.skip(`skipped: ${what} not installed`);
  return false;
}
const needsSoffice = (t: TestContext) => needs(t, hasSoffice, 'LibreOffice', 'apt-get install libreoffice-writer-nogui');
const needsCjkFont = (t: TestContext) => needs(t, hasCjkFont, 'a CJK font', 'apt-get install fonts-noto-cjk');

/** Reads a written file back as `ogi parse` does. */
const readBack = async (path: string) => extractSource(await readSource(path));

function assertSameReport(back: Report, report: Report, sections = true): void {
  assert.deepEqual(back.tables, report.tables);
  assert.deepEqual([back.agency, back.year, back.template, back.signedOn], [report.agency, report.year, report.template, report.signedOn]);
  if (sections) for (const key of ['overview', 'problems', 'other'] as const) assert.equal(back.sections[key], report.sections[key]);
}

const cases: [TableTemplate, number][] = [['2019', 11], ['2019', 12], ['2019', 13], ['2021', 21], ['2021', 22], ['2021', 23]];

// --- DOCX ---------------------------------------------------------------------------------

for (const [template, seed] of cases) {
  test(`DOCX round trip: template ${template}, seed ${seed}`, async () => {
    const report = randomReport(template, seed);
    const path = join(tmp, `r${template}-${seed}.docx`);
    writeFileSync(path, await renderDocx(report));
    const back = await readBack(path);
    assertSameReport(back, report);
    assert.deepEqual(back.notes, []);
  });
}

for (const template of ['2019', '2021'] as const) {
  test(`DOCX round trip keeps blank cells blank (null, never 0): template ${template}`, async () => {
    const report = withBlanks(randomReport(template, 7));
    const path = join(tmp, `blank${template}.docx`);
    writeFileSync(path, await renderDocx(report));
    assertSameReport(await readBack(path), report);
  });
}

test('DOCX: sample 000 reads back to the same tables, agency and year', async () => {
  const report = sample000();
  const path = join(tmp, '000.docx');
  writeFileSync(path, await renderDocx(report));
  assertSameReport(await readBack(path), report, false);
});

test('DOCX: merged cells are written as gridSpan and vMerge restart/continue, fonts and page numbers are set', async () => {
  const zip = await JSZip.loadAsync(await renderDocx(randomReport('2021', 1)));
  const xml = await zip.file('word/document.xml')!.async('string');
  assert.match(xml, /<w:gridSpan w:val="7"\/>/); // 申请人情况
  assert.equal((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length, placedRestarts('2021'));
  assert.ok((xml.match(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/g) ?? []).length > 20);
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/); // A4
  const styles = await zip.file('word/styles.xml')!.async('string');
  for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '宋体']) assert.ok(styles.includes(`w:eastAsia="${font}"`), font);
  const footer = await zip.file('word/footer1.xml')!.async('string');
  assert.match(footer, /PAGE/);
  const fontTable = await zip.file('word/fontTable.xml')!.async('string');
  assert.match(fontTable, /<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
});

/** Number of cells with rowspan > 1 in the three grids of a template. */
function placedRestarts(template: TableTemplate): number {
  const t = randomTables(template, 1);
  return [activeGrid(template, t), requestsGrid(template, t), reviewGrid(t)]
    .flatMap((g) => g.rows.flat())
    .filter((c) => c.rowspan > 1).length;
}

test('DOCX: a legacy report (no tables) renders its sections', async () => {
  const report: Report = { ...randomReport('2019', 3), template: 'legacy', year: 2017, tables: { active: {}, requests: {}, review: {} } };
  const path = join(tmp, 'legacy.docx');
  writeFileSync(path, await renderDocx(report));
  const back = await readBack(path);
  assert.equal(back.agency, report.agency);
  assert.equal(back.sections.overview, report.sections.overview);
  assert.deepEqual(flatRows([report]), []);
});

test('DOCX converts with LibreOffice (soffice --headless --convert-to pdf)', async (t) => {
  if (!needsSoffice(t)) return;
  const dir = mkdtempSync(join(tmp, 'lo-'));
  const path = join(dir, 'report.docx');
  writeFileSync(path, await renderDocx(sample000()));
  const soffice = findProgram(['soffice', 'libreoffice'])!;
  await run(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path], { timeout: 120_000 });
  const pdf = readFileSync(join(dir, 'report.pdf'));
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 4 && pages <= 10, `pages: ${pages}`);
});

// --- PDF ----------------------------------------------------------------------------------

for (const [template, seed] of [cases[0]!, cases[1]!, cases[3]!, cases[4]!]) {
  test(`PDF round trip: template ${template}, seed ${seed}`, async (t) => {
    if (!needsCjkFont(t)) return;
    const report = randomReport(template, seed);
    const path = join(tmp, `pdf${template}-${seed}.pdf`);
    writeFileSync(path, await renderPdf(report));
    assertSameReport(await readBack(path), report);
  });
}

test('PDF round trip keeps blank cells blank', async (t) => {
  if (!needsCjkFont(t)) return;
  const report = withBlanks(randomReport('2021', 9));
  const path = join(tmp, 'pdf-blank.pdf');
  writeFileSync(path, await renderPdf(report));
  assertSameReport(await readBack(path), report);
});

test('PDF: A4, the CJK fonts embedded as subsets, the page count of a report', async (t) => {
  if (!needsCjkFont(t)) return;
  const pdf = (await renderPdf(sample000())).toString('latin1');
  assert.ok(pdf.includes('/MediaBox [0 0 595.28 841.89]'), 'A4');
  assert.ok(/\/BaseFont \/[A-Z]{6}\+(NotoSerifCJKsc|NotoSansCJKsc|WenQuanYi)/.test(pdf), 'a subset of a Debian CJK font');
  const pages = (pdf.match(/\/Type \/Page\b/g) ?? []).length;
  assert.ok(pages >= 4 && pages <= 12, `pages: ${pages}`);
});

test('PDF without a CJK font names the Debian package', async () => {
  const missing = [{ path: '/nonexistent/font.ttc', family: 'X' }];
  await assert.rejects(renderPdf(randomReport('2021', 5), { fonts: { title: missing, body: missing, heading: missing, table: missing } }), {
    name: 'InputError',
    code: 'unsupported',
    message: '生成 PDF 需要中文字体，本机未安装。请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk）',
  });
});

// --- XLSX and CSV -------------------------------------------------------------------------

const several = (): Report[] => {
  const a = randomReport('2019', 31);
  const b = withBlanks(randomReport('2021', 32));
  b.agency = '某某省某某市某某区人民政府办公室某某某某某某某某中心'; // long: the sheet prefix must be cut
  const c = randomReport('2021', 33); // same agency and year as the fixture of b's template: names must stay unique
  c.agency = b.agency;
  return [a, b, c];
};

/** Reads the `data` sheet back to typed flat rows (empty cells → null). */
async function dataSheet(buf: Buffer): Promise<{ header: unknown[]; rows: FlatRow[]; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('data')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const rows: FlatRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Object.fromEntries(FLAT_COLUMNS.map((k, i) => [k, row.getCell(i + 1).value ?? null])) as unknown as FlatRow);
  }
  return { header, rows, wb };
}

test('XLSX: the data sheet read back with exceljs equals flatRows, for one report and for several', async () => {
  for (const reports of [[randomReport('2021', 41)], several()]) {
    const { header, rows } = await dataSheet(await renderXlsx(reports));
    assert.deepEqual(header, [...FLAT_COLUMNS]);
    assert.deepEqual(rows, flatRows(reports));
  }
  const blanks = flatRows([withBlanks(randomReport('2021', 32))]).filter((r) => r.value === null);
  assert.equal(blanks.length, 4);
});

test('XLSX: the same reports give the same bytes; the workbook is dated 1 January after the latest year, its zip entries 1 January 1980', async (t) => {
  const reports = several();
  const first = await renderXlsx(reports);
  // A zip entry's time has a two-second grain: a second rendering after the clock moved on.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + 3_600_000 });
  const again = await renderXlsx(reports);
  t.mock.timers.reset();
  assert.ok(first.equals(again), 'two renderings differ');
  const zip = await JSZip.loadAsync(first);
  const core = await zip.file('docProps/core.xml')!.async('string');
  assert.match(core, /<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z<\/dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z<\/dcterms:modified>/);
  const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
  assert.deepEqual([...dates], ['1980-01-01T00:00:00.000Z']);
  assert.equal(documentDate([{ year: null }]).toISOString(), '1980-01-01T00:00:00.000Z');
});

test('XLSX: a corpus with more cells than a worksheet holds continues in data (2), data (3)…, each with the header', async () => {
  const reports = several();
  const all = flatRows(reports);
  const perSheet = 250;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(reports, { rowsPerSheet: perSheet })) as unknown as ArrayBuffer);
  const sheets = wb.worksheets.filter((w) => /^data( \(\d+\))?$/.test(w.name));
  assert.deepEqual(sheets.map((w) => w.name), Array.from({ length: Math.ceil(all.length / perSheet) }, (_, i) => (i ? `data (${i + 1})` : 'data')));
  const read: unknown[][] = [];
  for (const ws of sheets) {
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), [...FLAT_COLUMNS]);
    assert.ok(ws.rowCount - 1 <= perSheet, `${ws.name}: ${ws.rowCount - 1} rows`);
    for (let r = 2; r <= ws.rowCount; r++) read.push(FLAT_COLUMNS.map((_, i) => ws.getRow(r).getCell(i + 1).value ?? null));
  }
  assert.deepEqual(read, all.map((row) => FLAT_COLUMNS.map((k) => row[k])));
});

test('XLSX: one sheet per table and report, names unique and at most 31 characters, merges from the grids', async () => {
  const reports = several();
  const { wb } = await dataSheet(await renderXlsx(reports));
  const names = wb.worksheets.map((w) => w.name);
  assert.equal(names.length, 3 * reports.length + 1);
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
  for (const n of names) assert.ok(n.length <= 31 && !/[\\/?*[\]:]/.test(n), n);
  assert.ok(names[0]!.startsWith('某某市交通运输局2020'));

  const single = await dataSheet(await renderXlsx([reports[1]!]));
  assert.deepEqual(single.wb.worksheets.map((w) => w.name), ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', 'data']);
  const ws = single.wb.worksheets[1]!;
  const grid = requestsGrid('2021', reports[1]!.tables);
  const merges = (ws.model as unknown as { merges: string[] }).merges;
  const spans = grid.rows.flat().filter((c) => c.colspan > 1 || c.rowspan > 1).length;
  assert.equal(merges.length, spans + 2); // and the title and heading rows
  assert.ok(merges.includes('A3:C5')); // the 勾稽 note, 3×3, below the two title rows
  assert.equal(ws.getCell('A3').value, grid.rows[0]![0]!.text);
  assert.equal(ws.getCell('D3').value, '申请人情况');
  // 一、本年新收: row 6, values in D…J; the blank 科研机构 cell of （一）予以公开 stays empty.
  assert.deepEqual((ws.getRow(6).values as unknown[]).slice(4, 11), reports[1]!.tables.requests.newReceived);
  assert.equal(ws.getCell('F8').value, null);
});

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting; parsed back it equals flatRows', () => {
  const reports = several();
  reports[0]!.agency = '某某市"交通",运输局';
  const csv = renderCsv(reports);
  assert.ok(csv.startsWith('\uFEFFagency,year,template,table,item,row,column,value,'));
  assert.ok(csv.endsWith('\r\n'));
  assert.ok(csv.includes('"某某市""交通"",运输局",2020,2019,active,art20_1,rules,'));
  const [header, ...lines] = parseCsv(csv.slice(1));
  assert.deepEqual(header, [...FLAT_COLUMNS]);
  const numeric = new Set(['year', 'value']);
  const back = lines.map((l) => Object.fromEntries(FLAT_COLUMNS.map((k, i) => [k, l[i] === '' ? null : numeric.has(k) ? Number(l[i]) : l[i]])));
  assert.deepEqual(back, flatRows(reports));
  assert.equal(renderCsv([reports[0]!]).split('\r\n')[1], renderCsv(reports).split('\r\n')[1]); // same form for one or many
});

test('flatRows: one row per cell, blank cells null, labels in Chinese', () => {
  const report = withBlanks(randomReport('2021', 51));
  const rows = flatRows([report]);
  // 2021: 二 has 3×2 + 1 + 2 + 1 = 10 cells, 三 25 rows × 7, 四 3 × 5.
  assert.equal(rows.length, 10 + 25 * 7 + 15);
  assert.deepEqual(rows.find((r) => r.table === 'requests' && r.row === 'denied.stateSecret' && r.column === 'research'), {
    agency: report.agency, year: report.year, template: '2021', table: 'requests', item: null, row: 'denied.stateSecret', column: 'research',
    value: report.tables.requests['denied.stateSecret']![2]!,
    tableLabel: '三、收到和处理政府信息公开申请情况', itemLabel: null,
    rowLabel: '三、本年度办理结果 （三）不予公开 1.属于国家秘密', columnLabel: '法人或其他组织 科研机构', path: null, reportId: null,
  });
  assert.equal(rows.find((r) => r.table === 'requests' && r.row === 'granted' && r.column === 'research')!.value, null);
  assert.equal(rows.find((r) => r.table === 'review' && r.row === 'litigationDirect' && r.column === 'corrected')!.rowLabel, '行政诉讼 未经复议直接起诉');
});

// --- Golden snapshots ---------------------------------------------------------------------
// Compared only; `npm run golden:update` rewrites them (test/helpers/golden.ts produces both).

test('golden: HTML of sample 000', async () => {
  assertGolden('render/000.html', await produceGolden('render/000.html'));
});

test('golden: DOCX word/document.xml of sample 000', async () => {
  assertGolden('render/000.document.xml', await produceGolden('render/000.document.xml'));
});
