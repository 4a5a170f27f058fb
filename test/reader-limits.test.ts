// Regression tests for the fuzzing and fault probe of issue 15: each pathological input ends at once
// with the message of its cap (caps lowered through `readSource`'s options where the input would be big).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import type { Block } from '../src/ingest/blocks.ts';
import { readAuthoringReport } from '../src/ingest/authoring.ts';
import { readDocx } from '../src/ingest/docx.ts';
import { imageSize } from '../src/ingest/image-size.ts';
import { LIMITS, type Limits } from '../src/ingest/limits.ts';
import { decodePng } from '../src/ingest/raster.ts';
import { readSource } from '../src/ingest/read-file.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-limits-'));
let seq = 0;
function file(ext: string, content: string | Uint8Array): string {
  const path = join(tmp, `case-${++seq}.${ext}`);
  writeFileSync(path, content);
  return path;
}

/** Rejects with exactly `${path}：${what}超过上限（${cap}），已停止读取`. */
async function refuses(path: string, what: string, cap: string | number, limits: Partial<Limits> = {}): Promise<void> {
  await assert.rejects(readSource(path, { limits }), (err: Error) => {
    assert.equal(err.name, 'InputError');
    assert.equal(err.message, `${path}：${what}超过上限（${cap}），已停止读取`);
    return true;
  });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${p(text)}</w:tc>`;

async function docx(body: string, parts: Record<string, string> = {}, compression: 'DEFLATE' | 'STORE' = 'DEFLATE'): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression });
}

const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === 'paragraph' ? b.pieces.map((x) => x.text).join('') : b.rows.map((r) => r.map((c) => c.text))));

test('Word: gridSpan and gridBefore of 100000000 are clamped, not allocated', async () => {
  const body = `<w:tbl><w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>${tc('甲', '<w:gridSpan w:val="100000000"/>')}${tc('乙')}</w:tr></w:tbl>`;
  const blocks = await readDocx(await docx(body), 'span.docx');
  assert.deepEqual(texts(blocks), [[['甲', '乙']]]);
});

test('Word: numbering level 4294967295 and list start 1e12 are clamped (level 8, start 32767)', async () => {
  const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="1">` +
    '<w:lvl w:ilvl="0"><w:start w:val="1000000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>' +
    '<w:lvl w:ilvl="4294967295"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%9)"/></w:lvl>' +
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>';
  const numPr = (ilvl: string) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`;
  const blocks = await readDocx(await docx(p('总体情况', numPr('0')) + p('细目', numPr('4294967295')), { 'word/numbering.xml': numbering }), 'list.docx');
  assert.deepEqual(texts(blocks), [`${'M'.repeat(32)}DCCLXVII.总体情况`, '1)细目']);
});

test('Word: a table of more rows than the cap (the probe: 150 000) is refused', async () => {
  const rows = `<w:tr>${tc('1')}${tc('2')}</w:tr>`.repeat(1_500);
  await refuses(file('docx', await docx(`<w:tbl>${rows}</w:tbl>`)), 'Word 表格的行数', 1_000, { tableRows: 1_000 });
});

test('Word: more table cells than the cap are refused, counted across tables', async () => {
  const table = `<w:tbl>${`<w:tr>${tc('1')}${tc('2', '<w:gridSpan w:val="4"/>')}</w:tr>`.repeat(50)}</w:tbl>`;
  await refuses(file('docx', await docx(table + table)), '表格单元格数量', 400, { tableCells: 400 });
});

test('Word: a zip bomb (a part inflating past the cap) is refused while inflating', async () => {
  const bomb = await docx(p(' '.repeat(3 * 1024 * 1024)));
  await refuses(file('docx', bomb), 'Word 压缩包中 word/document.xml 解压后的大小', '1 MB', { xmlPartBytes: 1024 * 1024 });
});

test('Word: a zip bomb that declares small sizes is still stopped while inflating', async () => {
  const bytes = Buffer.from(await docx(p(' '.repeat(3 * 1024 * 1024))));
  // Every uncompressed-size field (local headers at 22, central directory at 24) says 100 bytes.
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x04034b50) bytes.writeUInt32LE(100, i + 22);
    if (sig === 0x02014b50) bytes.writeUInt32LE(100, i + 24);
  }
  await refuses(file('docx', bytes), 'Word 压缩包中 word/document.xml 解压后的大小', '1 MB', { xmlPartBytes: 1024 * 1024 });
});

test('Word: the declared uncompressed size and the entry count of the package are capped', async () => {
  const parts: Record<string, string> = {};
  for (let i = 0; i < 30; i++) parts[`word/media/part${i}.xml`] = 'x'.repeat(1000);
  const path = file('docx', await docx(p('正文'), parts));
  await refuses(path, 'Word 压缩包中的文件数', 20, { zipEntries: 20 });
  await refuses(path, 'Word 压缩包声明的解压后大小', '0 MB', { zipDeclaredBytes: 10_000 });
});

test('Word: a part with a DTD (entity expansion, "billion laughs") is refused', async () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:styles ${W}/>`;
  const path = file('docx', await docx(p('正文'), { 'word/styles.xml': laughs }));
  await assert.rejects(readSource(path), { message: `${path}：Word 文件的 word/styles.xml 含有 DTD 或实体声明（<!DOCTYPE、<!ENTITY），出于安全原因不予读取` });
});

test('HTML: 100 000 nested <div>s, closed or not, are refused before parsing', async () => {
  const closed = file('html', `<html><body>${'<div>'.repeat(100_000)}正文${'</div>'.repeat(100_000)}</body></html>`);
  const open = file('html', `<html><body>${'<div>'.repeat(100_000)}正文</body></html>`);
  await refuses(closed, '元素嵌套层数', LIMITS.htmlDepth);
  await refuses(open, '元素嵌套层数', LIMITS.htmlDepth);
});

test('Word: a part nested deeper than the cap is refused before parsing', async () => {
  await refuses(file('docx', await docx(`${'<w:sdt><w:sdtContent>'.repeat(2_000)}${p('正文')}`)), '元素嵌套层数', LIMITS.htmlDepth);
});

test('HTML: paragraphs and cells that close themselves do not count as nesting', async () => {
  const page = `<html><body><p>一、总体情况${'<p>段落'.repeat(2_000)}<table>${'<tr><td>1<td>2'.repeat(500)}</table></body></html>`;
  const src = await readSource(file('html', page), { limits: { htmlDepth: 20 } });
  assert.equal(src.text.split('\n').filter((l) => l === '段落').length, 2_000);
});

test('HTML: more elements than the cap (100 000 siblings) are refused', async () => {
  await refuses(file('html', `<html><body>${'<p>段落</p>'.repeat(100_000)}</body></html>`), '元素数量', 50_000, { htmlElements: 50_000 });
});

test('HTML: a table of more rows than the cap (the probe: 200 000) is refused', async () => {
  const page = `<html><body><table>${'<tr><td>1</td><td>2</td></tr>'.repeat(1_500)}</table></body></html>`;
  await refuses(file('html', page), '网页表格的行数', 1_000, { tableRows: 1_000 });
});

test('HTML: 50 000 spanning cells are refused by the cell cap, spans clamped', async () => {
  const page = `<html><body><table><tr>${'<td colspan="100000" rowspan="100000">1</td>'.repeat(50_000)}</tr></table></body></html>`;
  await refuses(file('html', page), '表格单元格数量', LIMITS.tableCells);
});

test('text: 500 000 table lines are refused by the line cap', async () => {
  const text = `一、总体情况\n${'1\t2\n'.repeat(500_000)}`;
  await refuses(file('txt', text), '文字行数', LIMITS.textLines);
});

test('text: a file longer than the character cap is refused', async () => {
  await refuses(file('md', `# 报告\n${'文字'.repeat(6_000)}`), '文字字符数', 10_000, { textChars: 10_000 });
});

test('any format: a file larger than the size cap is refused before it is read', async () => {
  await refuses(file('txt', 'x'.repeat(4096)), '文件大小', '0 MB', { fileBytes: 1024 });
});

async function pdfOf(pages: number, size: [number, number] = [595, 842]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok) => doc.on('end', ok));
  for (let i = 1; i <= pages; i++) doc.addPage({ size }).fontSize(12).text(`page ${i} of the report, some text`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

test('PDF: more pages than the cap (the probe: 10 000–100 000) are refused', async () => {
  await refuses(file('pdf', await pdfOf(30)), 'PDF 页数', 20, { pdfPages: 20 });
});

/** A one-page PDF by hand: its text, and an image XObject of w × h gray pixels (Flate, all white). */
function pdfWithImage(w: number, h: number, text: string, page: [number, number] = [595, 842]): Buffer {
  const pixels = deflateSync(Buffer.alloc(w * h, 255), { level: 9 });
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET q 400 0 0 400 72 200 cm /Im1 Do Q`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page[0]} ${page[1]}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  const size = () => parts.reduce((n, b) => n + b.length, 0);
  objects.forEach((o, i) => {
    offsets.push(size());
    parts.push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`));
  });
  offsets.push(size());
  parts.push(Buffer.from(`6 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`), pixels, Buffer.from('\nendstream\nendobj\n'));
  const xref = size();
  parts.push(Buffer.from(`xref\n0 7\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

test('PDF: a 20000 × 20000 page image is not decoded; the text layer is read', async () => {
  const src = await readSource(file('pdf', pdfWithImage(20_000, 20_000, 'Annual report text layer')));
  assert.equal(src.text.trim(), 'Annual report text layer');
});

test('PDF: a scanned page larger than the cap (2000 pt) is refused before it is rendered', async () => {
  const path = file('pdf', pdfWithImage(100, 100, '', [2000, 2000]));
  await assert.rejects(readSource(path), { message: `${path}：第 1 页是扫描页，页面尺寸（2000 磅）超过上限（1700 磅），已停止读取` });
});

function png(width: number, height: number, idat: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    return out; // CRC left zero: the readers here do not check it
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // 8-bit gray
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

test('image: a PNG header claiming 20000 × 20000 (and a 10000 × 12000 one) is refused before decoding', async () => {
  for (const [w, h] of [[20_000, 20_000], [10_000, 12_000]] as const) {
    await refuses(file('png', png(w, h, deflateSync(Buffer.alloc(10)))), `图片像素数（${w}×${h}）`, `${LIMITS.imagePixels} 像素`);
  }
});

test('image: a JPEG whose frame header claims 20000 × 20000 is refused before decoding', async () => {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 20_000 >> 8, 20_000 & 0xff, 20_000 >> 8, 20_000 & 0xff, 0x01, 0x01, 0x11, 0x00]);
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'), sof, Buffer.alloc(32)]);
  assert.deepEqual(imageSize(jpeg), { width: 20_000, height: 20_000 });
  await refuses(file('jpg', jpeg), '图片像素数（20000×20000）', `${LIMITS.imagePixels} 像素`);
});

test('image: an IDAT bomb inflates no further than the image needs', () => {
  // 100 × 100 gray declared; the IDAT inflates to 64 MB of zeros.
  assert.equal(decodePng(png(100, 100, deflateSync(Buffer.alloc(64 * 1024 * 1024)))), null);
  const exact = decodePng(png(100, 100, deflateSync(Buffer.alloc(100 * 101))));
  assert.deepEqual([exact?.width, exact?.height, exact?.data[0]], [100, 100, 0]);
});

test('any reader stops at its time budget with a clear message', async () => {
  const path = file('html', `<html><body>${'<p>段落</p>'.repeat(20_000)}</body></html>`);
  await assert.rejects(readSource(path, { limits: { readMs: 0 } }), { message: `${path}：读取超过时间上限（0 秒），已停止读取` });
});

test('authoring: a YAML or JSON file longer than the cap is refused before it is parsed', () => {
  const text = `{"机关":"某局","年度":2025,"x":"${'y'.repeat(LIMITS.authoringChars)}"}`;
  assert.throws(() => readAuthoringReport(text, 'big.json'), { message: `big.json：填写文件字符数超过上限（${LIMITS.authoringChars}），已停止读取` });
});
