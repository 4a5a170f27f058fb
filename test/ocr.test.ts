import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { InputError } from '../src/errors.ts';
import { extractSource } from '../src/extract/index.ts';
import { normalizeCellDigits, ocrAvailable } from '../src/ingest/ocr.ts';
import { decodeImage, decodePng } from '../src/ingest/raster.ts';
import { readSource, type SourceText } from '../src/ingest/read-file.ts';
import { ogi } from './helpers/cli.ts';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'test', 'fixtures', 'formats');
const tmp = mkdtempSync(join(tmpdir(), 'ogi-ocr-'));
const expected = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));


/** OCR tests need Debian tesseract with chi_sim: skipped without it, except in CI. */
async function needsTesseract(t: { skip: (m: string) => void }): Promise<boolean> {
  const ocr = await ocrAvailable();
  if (ocr.ok) return true;
  if (process.env.CI === 'true') assert.fail(`tesseract is required in CI (${ocr.message})`);
  t.skip('skipped: tesseract not installed');
  return false;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A grayscale PNG drawn by `pixel`. */
function makePng(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = pixel(x, y);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// The key test: a full-page screenshot of each report gives exactly the tables of the report.
for (const name of ['v2019', 'v2021']) {
  test(`${name}.png (full-page screenshot) gives the tables and metadata of ${name}.expected.json`, async (t) => {
    if (!(await needsTesseract(t))) return;
    const exp = expected(name);
    const r = extractSource(await readSource(join(dir, `${name}.png`)));
    assert.equal(r.source.format, 'image');
    assert.deepEqual(r.tables, exp.tables);
    assert.deepEqual([r.agency, r.year, r.template, r.signedOn], [exp.agency, exp.year, exp.template, exp.signedOn]);
    // Every value: the page, its box in pixels, and the OCR confidence.
    for (const [path, p] of Object.entries(r.provenance)) {
      if (!/^(active|requests|review)\./.test(path)) continue;
      assert.equal(p.page, 1, path);
      assert.ok(p.box && p.box[0] >= 0 && p.box[0] + p.box[2] <= 1800 && p.box[1] + p.box[3] <= 4600, `${path}: box ${p.box}`);
      assert.ok(typeof p.confidence === 'number' && p.confidence >= 0 && p.confidence <= 100, `${path}: confidence ${p.confidence}`);
    }
    // Chinese text comes without the spaces OCR puts between characters.
    assert.ok(!/[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(r.sections.overview ?? ''), r.sections.overview ?? '');
  });
}

/**
 * The part of @napi-rs/canvas the tests use, loaded by a specifier typed `string`: its index.d.ts needs
 * the ES2025 lib (Float16Array), which the strict type check with skipLibCheck off rejects.
 */
interface CanvasEncoder {
  loadImage(src: Buffer): Promise<{ width: number; height: number }>;
  createCanvas(w: number, h: number): { getContext(t: '2d'): { drawImage(i: unknown, x: number, y: number): void }; encode(f: 'jpeg', q: number): Promise<Buffer> };
}
const CANVAS: string = '@napi-rs/canvas';

/** The PNG fixture re-encoded as JPEG (quality 95) by @napi-rs/canvas, as a phone or scanner would save it. */
async function jpegOf(name: string): Promise<Buffer> {
  const { createCanvas, loadImage } = (await import(CANVAS)) as CanvasEncoder;
  const img = await loadImage(readFileSync(join(dir, `${name}.png`)));
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  return canvas.encode('jpeg', 95);
}

test('v2021 as JPEG gives the same tables: decoded (ruling lines, cells read again) like the PNG', async (t) => {
  const jpeg = await jpegOf('v2021');
  assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  const gray = (await decodeImage(jpeg, 'v2021.jpg'))!;
  const png = decodePng(readFileSync(join(dir, 'v2021.png')))!;
  assert.deepEqual([gray.width, gray.height], [png.width, png.height]);
  let diff = 0;
  for (let i = 0; i < png.data.length; i++) diff += Math.abs(gray.data[i]! - png.data[i]!);
  assert.ok(diff / png.data.length < 3, `mean difference ${diff / png.data.length}`);
  if (!(await needsTesseract(t))) return;
  const path = join(tmp, 'v2021.jpg');
  writeFileSync(path, jpeg);
  const r = extractSource(await readSource(path));
  assert.equal(r.source.format, 'image');
  assert.deepEqual(r.tables, expected('v2021').tables);
});

test('without its decoder package a JPEG is a clear InputError, not a silent loss of the tables', async () => {
  await assert.rejects(decodeImage(await jpegOf('v2019'), '扫描件.jpg', 'no-such-image-decoder'), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.code, 'unsupported');
    assert.match(err.message, /^扫描件\.jpg：读取 JPEG、WebP、GIF、BMP 图片需要 npm 包 no-such-image-decoder.*请在 ogi 目录中运行 npm install/);
    return true;
  });
});

test('damaged images and TIFF do not take ogi down: the decoder runs in its own process', async () => {
  // Skia crashes its process (SIGSEGV) on a cut GIF and on any TIFF; ogi gets null and OCR reads the text alone.
  const gif = Buffer.from('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');
  assert.deepEqual(await decodeImage(gif, 'ok.gif').then((g) => g && [g.width, g.height, g.data[0]]), [1, 1, 255]); // transparent: white
  assert.equal(await decodeImage(gif.subarray(0, 20), 'cut.gif'), null);
  const tiff = Buffer.from('49492a000800000000000000', 'hex');
  assert.equal(await decodeImage(tiff, 'page.tif'), null);
});

test('an image that is not a report is a clear InputError, and `ogi parse` exits non-zero', async (t) => {
  if (!(await needsTesseract(t))) return;
  const path = join(tmp, '图表.png');
  // A framed box with a diagonal: no text at all.
  writeFileSync(path, makePng(400, 300, (x, y) => (x < 4 || y < 4 || x > 395 || y > 295 || Math.abs(x - y) < 2 ? 0 : 255)));
  await assert.rejects(readSource(path).then(extractSource), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.ok(['empty', 'not-a-report'].includes(err.code), err.code);
    assert.match(err.message, /图表\.png：/);
    return true;
  });
  const { code, stderr } = await ogi('parse', path);
  assert.notEqual(code, 0);
  assert.match(stderr, /错误：.*图表\.png：/);
});

test('a truncated image is a clear InputError (damaged)', async (t) => {
  if (!(await needsTesseract(t))) return;
  const path = join(tmp, 'truncated.png');
  writeFileSync(path, readFileSync(join(dir, 'v2019.png')).subarray(0, 1024));
  await assert.rejects(readSource(path), (err: unknown) => err instanceof InputError && err.code === 'damaged' && err.message.includes('truncated.png'));
});

test('the PNG decoder reads what the test encoder wrote', () => {
  const img = decodePng(makePng(7, 3, (x, y) => x * 30 + y))!;
  assert.deepEqual([img.width, img.height, img.data[0], img.data[6], img.data[2 * 7 + 6]], [7, 3, 0, 180, 182]);
  assert.equal(decodePng(Buffer.from('not a png')), null);
});

test('digit confusions are normalised inside numbers only', () => {
  assert.equal(normalizeCellDigits('1O'), '10');
  assert.equal(normalizeCellDigits('l2'), '12');
  assert.equal(normalizeCellDigits('S0'), '50');
  assert.equal(normalizeCellDigits('3B'), '38');
  assert.equal(normalizeCellDigits('|7'), '17');
  assert.equal(normalizeCellDigits('O'), '0');
  assert.equal(normalizeCellDigits('1 2'), '12');
  assert.equal(normalizeCellDigits('其他'), '其他');
  assert.equal(normalizeCellDigits('SB'), 'SB');
  assert.equal(normalizeCellDigits('Other'), 'Other');
  assert.equal(normalizeCellDigits('十2'), '+2');
  assert.equal(normalizeCellDigits(']1'), '11');
  assert.equal(normalizeCellDigits(']'), ']');
  assert.equal(normalizeCellDigits('十'), '十');
  assert.equal(normalizeCellDigits('十二'), '十二');
});

/**
 * An OCR'd source simulated from the HTML fixture: every piece carries a confidence, and the
 * cell `cell` (its text in table 三, first occurrence after `after`) is replaced by `misread`.
 */
async function simulated(after: string, cell: string, misread: string, confidence: number): Promise<SourceText> {
  const src = await readSource(join(dir, 'v2019.html'));
  const from = src.text.indexOf(after);
  const m = new RegExp(`\t${cell}(?=[\t\n])`).exec(src.text.slice(from));
  assert.ok(from >= 0 && m);
  const at = from + m.index + 1;
  src.text = `${src.text.slice(0, at)}${misread}${src.text.slice(at + cell.length)}`;
  for (const s of src.segments!) s.loc = { ...s.loc, confidence: s.start === at ? confidence : 96 };
  return src;
}

test('a doubtful OCR digit is repaired when exactly one usual confusion makes every identity hold', async () => {
  // 一、本年新收 … 总计 491 read as 497 (1↔7), confidence 61.
  const r = extractSource(await simulated('一、本年新收', '491', '497', 61));
  assert.deepEqual(r.tables.requests, expected('v2019').tables.requests);
  const p = r.provenance['requests.newReceived.total']!;
  assert.equal(p.note, 'OCR 识别存疑，已按勾稽关系修正（原识别为 497）');
  assert.equal(p.text, '497');
  const note = r.notes.find((n) => n.code === 'ocr-repaired')!;
  assert.equal(note.path, 'requests.newReceived.total');
  assert.match(note.message, /497.*491/);
});

test('a doubtful OCR digit in table 四 is repaired from its group total', async () => {
  // 行政诉讼 未经复议直接起诉 其他结果 3 read as 8 (3↔8).
  const src = await readSource(join(dir, 'v2019.html'));
  const row = '0\t1\t1\t0\t2\t0\t0\t3\t0\t3\t0\t4\t0\t0\t4';
  const rowAt = src.text.indexOf(row);
  assert.ok(rowAt > 0);
  const at = rowAt + '0\t1\t1\t0\t2\t0\t0\t'.length;
  src.text = `${src.text.slice(0, at)}8${src.text.slice(at + 1)}`;
  for (const s of src.segments!) s.loc = { ...s.loc, confidence: s.start === at ? 55 : 97 };
  const r = extractSource(src);
  assert.deepEqual(r.tables.review, expected('v2019').tables.review);
  assert.match(r.provenance['review.litigationDirect.other']!.note!, /原识别为 8/);
});

test('a doubtful reading that no usual confusion explains is flagged, not changed; a confident one is left alone', async () => {
  const flagged = extractSource(await simulated('一、本年新收', '491', '492', 58));
  assert.equal(flagged.tables.requests.newReceived![6], 492);
  assert.match(flagged.provenance['requests.newReceived.total']!.note!, /OCR 识别存疑（置信度 58），与勾稽关系不符/);
  assert.ok(flagged.notes.some((n) => n.code === 'ocr-doubtful' && n.path === 'requests.newReceived.total'));
  assert.ok(!flagged.notes.some((n) => n.code === 'ocr-repaired'));

  const confident = extractSource(await simulated('一、本年新收', '491', '497', 95));
  assert.equal(confident.tables.requests.newReceived![6], 497);
  assert.ok(!confident.notes.some((n) => n.code.startsWith('ocr-')));
});
