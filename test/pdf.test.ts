import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import JSZip from 'jszip';
import { InputError } from '../src/errors.ts';
import { extractSource } from '../src/extract/index.ts';
import { blocksToText } from '../src/ingest/blocks.ts';
import { normalizeRadicals } from '../src/schema/radicals.ts';
import { analysePages } from '../src/ingest/layout.ts';
import { toBlocks } from '../src/ingest/layout-blocks.ts';
import { splitRun } from '../src/ingest/layout-text.ts';
import type { Glyph, PageInput } from '../src/ingest/layout-types.ts';
import { ocrAvailable } from '../src/ingest/ocr.ts';
import { findProgram } from '../src/programs.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { pdfThreads, readPdfOnThread } from '../src/ingest/pdf-thread.ts';
import { LIMITS, ReadBudget } from '../src/ingest/limits.ts';
import { ogi } from './helpers/cli.ts';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'test', 'fixtures', 'formats');
const tmp = mkdtempSync(join(tmpdir(), 'ogi-pdf-'));
const expected = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
const read = async (path: string) => extractSource(await readSource(path));


/** Scanned PDFs need pdftoppm and Tesseract with chi_sim: skipped without them, except in CI. */
async function needsOcr(t: { skip: (m: string) => void }): Promise<boolean> {
  const ocr = await ocrAvailable();
  const pdftoppm = findProgram(['pdftoppm']) !== null;
  if (ocr.ok && pdftoppm) return true;
  const missing = !ocr.ok ? 'tesseract not installed' : 'pdftoppm not installed';
  if (process.env.CI === 'true') assert.fail(`${missing}: CI must install tesseract-ocr tesseract-ocr-chi-sim poppler-utils`);
  t.skip(`skipped: ${missing}`);
  return false;
}

// The key test: PDFs written by Chromium (Type3 fonts, Kangxi radicals, ruled tables split
// across pages) and by LibreOffice (tables without borders, wrapped labels, rows split across
// pages) give the same data as the HTML the reports were made from.
for (const name of ['v2019', 'v2021']) {
  test(`${name}.chromium.pdf gives the tables and metadata of ${name}.expected.json`, async () => {
    const exp = expected(name);
    const r = await read(join(dir, `${name}.chromium.pdf`));
    assert.equal(r.source.format, 'pdf');
    assert.deepEqual(r.tables, exp.tables);
    assert.deepEqual([r.agency, r.year, r.template, r.signedOn], [exp.agency, exp.year, exp.template, exp.signedOn]);
    assert.deepEqual(r.notes, []);
    for (const key of ['overview', 'problems', 'other'] as const) assert.equal(r.sections[key], exp.sections[key]);
    // Every value knows its page and its box in PDF points from the top-left.
    for (const [path, p] of Object.entries(r.provenance)) {
      if (!/^(active|requests|review)\./.test(path)) continue;
      assert.ok(p.page && p.page >= 1 && p.page <= 4, `${path}: page ${p.page}`);
      assert.ok(p.box && p.box.length === 4 && p.box.every((v) => v >= 0 && v < 850), `${path}: box ${p.box}`);
      assert.equal(p.confidence, undefined);
    }
  });

  test(`${name}.lo.pdf (LibreOffice, tables without borders) gives tables 二 and 三 and the metadata exactly`, async () => {
    const exp = expected(name);
    const src = await readSource(join(dir, `${name}.lo.pdf`));
    const r = extractSource(src);
    assert.deepEqual(r.tables.active, exp.tables.active);
    assert.deepEqual(r.tables.requests, exp.tables.requests);
    assert.deepEqual([r.agency, r.year, r.template, r.signedOn], [exp.agency, exp.year, exp.template, exp.signedOn]);
    const p = r.provenance['requests.newReceived.total']!;
    assert.equal(p.text, String(exp.tables.requests.newReceived[6]));
    assert.ok(p.page && p.box);
    // Table 四 is wider than the page in LibreOffice's export: its last column (复议后起诉 总计) is not
    // in the file at all, so table 四 cannot be complete. The 14 printed values are read, in order, on one row.
    const printed = [...exp.tables.review.review, ...exp.tables.review.litigationDirect, ...exp.tables.review.litigationAfterReview.slice(0, 4)];
    assert.ok(src.text.includes(`\n${printed.join('\t')}\n`), 'the 14 printed values of table 四 on one row');
    // They are kept as printed; the one cell that is not in the file is blank, and the notes say so.
    assert.deepEqual(r.tables.review, { ...exp.tables.review, litigationAfterReview: [...exp.tables.review.litigationAfterReview.slice(0, 4), null] });
    assert.ok(r.notes.some((n) => n.path === 'review' && n.message.includes('该行只有14个单元格，应为15个')));
  });

  test(`${name}.scan.pdf (image-only, two pages) gives the tables and metadata of ${name}.expected.json through OCR`, async (t) => {
    if (!(await needsOcr(t))) return;
    const exp = expected(name);
    const r = await read(join(dir, `${name}.scan.pdf`));
    assert.deepEqual(r.tables, exp.tables);
    assert.deepEqual([r.agency, r.year, r.template, r.signedOn], [exp.agency, exp.year, exp.template, exp.signedOn]);
    for (const [path, p] of Object.entries(r.provenance)) {
      if (!/^(active|requests|review)\./.test(path)) continue;
      assert.ok(p.page === 1 || p.page === 2, `${path}: page ${p.page}`);
      // Boxes in PDF points (the page is 675 × 900 pt), not in pixels of the 200 dpi render.
      assert.ok(p.box && p.box[0] >= 0 && p.box[0] + p.box[2] <= 676 && p.box[1] + p.box[3] <= 901, `${path}: box ${p.box}`);
      assert.equal(typeof p.confidence, 'number', `${path}: confidence`);
    }
  });
}

test('Kangxi radicals of both blocks become unified ideographs', () => {
  assert.equal(normalizeRadicals('⼈⺠⼗⼯⽂⾏政'), '人民十工文行政');
  assert.equal(normalizeRadicals('政府信息公开'), '政府信息公开');
  // The generated table must not depend on /usr/share at run time.
  assert.ok(!readFileSync(join(root, 'src', 'schema', 'radicals.ts'), 'utf8').includes('/usr/share'));
});

test('page headers, footers and page numbers are dropped; a paragraph continues across lines', () => {
  const line = (text: string, x: number, y: number, size = 10): Glyph[] => {
    const width = [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1) * size, 0);
    return splitRun(text, x, x + width, y - 0.88 * size, y + 0.12 * size, y, size);
  };
  const body = '这是一段很长的正文文字用来测试段落是否能够跨行连续而不被拆开成为两个段落这是一段很长的正文';
  const pages: PageInput[] = [1, 2, 3].map((page) => ({
    page,
    width: 300,
    height: 400,
    rules: [],
    glyphs: [
      ...line('某某市人民政府办公室文件', 90, 20, 8),
      ...line(body.slice(0, 24), 30, 100),
      ...line(body.slice(24), 30, 115),
      ...line(`- ${page} -`, 140, 385, 8),
    ],
  }));
  const { text } = blocksToText(toBlocks(analysePages(pages), pages));
  assert.ok(!text.includes('办公室文件'), text);
  assert.ok(!/- \d -/.test(text), text);
  assert.equal(text.split('\n').filter((l) => l === body).length, 3, text);
});

test('a truncated PDF is a clear InputError, and `ogi parse` exits non-zero with the message', async () => {
  const path = join(tmp, '截断.pdf');
  writeFileSync(path, readFileSync(join(dir, 'v2019.chromium.pdf')).subarray(0, 2048));
  await assert.rejects(readSource(path), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.code, 'damaged');
    assert.match(err.message, /截断\.pdf：PDF 文件已损坏或不完整/);
    return true;
  });
  const { code, stderr } = await ogi('parse', path);
  assert.notEqual(code, 0);
  assert.match(stderr, /错误：.*截断\.pdf：PDF 文件已损坏或不完整/);
});

test('PDFs read one after another share one kept thread; a PDF stopped at its time budget takes its thread with it', async () => {
  const files = ['v2019.chromium.pdf', 'v2021.lo.pdf', 'v2021.chromium.pdf'].map((f) => join(dir, f));
  const first = await Promise.all(files.map((f) => readSource(f)));
  const busy = pdfThreads();
  assert.ok(busy >= 1 && busy <= 3, String(busy));
  for (const [i, f] of files.entries()) assert.deepEqual(await readSource(f), first[i], f);
  assert.equal(pdfThreads(), busy);
  // The thread reads under the full limit while the file's own budget is all but spent, so that the stop can
  // only come from the main thread (a thread that itself reports its time up is healthy and stays).
  const late = new ReadBudget(files[0]!);
  late.extend(1 - LIMITS.readMs);
  const seconds = Math.round(LIMITS.readMs / 1000);
  await assert.rejects(readPdfOnThread(readFileSync(files[0]!), files[0]!, late), { name: 'InputError', message: `${files[0]}：读取超过时间上限（${seconds} 秒），已停止读取` });
  assert.equal(pdfThreads(), busy - 1);
  assert.deepEqual(await readSource(files[1]!), first[1]);
});

test('a zip archive that is not a Word file is a clear InputError, and `ogi parse` exits non-zero', async () => {
  const zip = new JSZip();
  zip.file('data/readme.txt', '不是 Word 文件');
  const path = join(tmp, 'archive.docx');
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
  await assert.rejects(readSource(path), (err: unknown) => err instanceof InputError && err.code === 'unsupported' && err.message.includes('archive.docx') && err.message.includes('不是 Word'));
  const { code, stderr } = await ogi('parse', path);
  assert.notEqual(code, 0);
  assert.match(stderr, /archive\.docx：是压缩包，但不是 Word/);
});
