import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import JSZip from 'jszip';
import { extractSource } from '../src/extract/index.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { findProgram } from '../src/programs.ts';

const dir = new URL('./fixtures/formats/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ogi-formats-'));
const expected = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
const read = async (path: string) => extractSource(await readSource(path));

const hasSoffice = findProgram(['soffice', 'libreoffice']) !== null;
function needsSoffice(t: { skip: (m: string) => void }): boolean {
  if (hasSoffice) return true;
  if (process.env.CI === 'true') assert.fail('LibreOffice (soffice) is required in CI: apt-get install libreoffice-writer-nogui');
  t.skip('skipped: LibreOffice (soffice) not installed');
  return false;
}

// The key test: one report written by different programs gives the same data.
for (const name of ['v2019', 'v2021']) {
  for (const format of ['txt', 'html', 'gov.html', 'lo.docx', 'lo.doc']) {
    test(`${name}.${format} gives the tables and metadata of ${name}.expected.json`, async (t) => {
      if (format === 'lo.doc' && !needsSoffice(t)) return;
      const exp = expected(name);
      const r = await read(join(dir, `${name}.${format}`));
      assert.deepEqual(r.tables, exp.tables);
      assert.deepEqual([r.agency, r.year, r.template, r.signedOn], [exp.agency, exp.year, exp.template, exp.signedOn]);
      assert.deepEqual(r.notes, []);
      // The .txt was written by the test layout helper with its own narrative; the others carry the report's.
      if (format !== 'txt') for (const key of ['overview', 'problems', 'other'] as const) assert.equal(r.sections[key], exp.sections[key]);
    });
  }
}

test('HTML provenance points at the table cell with a CSS selector', async () => {
  const r = await read(join(dir, 'v2021.html'));
  const p = r.provenance['requests.newReceived.total']!;
  assert.equal(p.path, 'body > table:nth-of-type(2) > tbody > tr:nth-of-type(4) > td:nth-of-type(8)');
  assert.equal(p.text, String(expected('v2021').tables.requests.newReceived[6]));
});

test('a government page: GBK charset from <meta>, navigation and footer dropped, publication date read', async () => {
  const r = await read(join(dir, 'v2021.gov.html'));
  assert.equal(r.source.encoding, 'gb18030');
  assert.equal(r.publishedOn, '2024-01-26');
  assert.equal(r.preamble, '本年度报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。');
  assert.ok(!JSON.stringify(r.sections).includes('分享到'));
  // The selector finds the cell in the page as saved (the side column and share bar included).
  assert.equal(r.provenance['review.review.total']!.path, 'body > table > tbody > tr > td:nth-of-type(2) > div:nth-of-type(2) > table:nth-of-type(3) > tbody > tr:nth-of-type(4) > td:nth-of-type(5)');
});

test('HTML tables: rowspan/colspan, <br> inside cells, &nbsp; empty cells and nested layout tables', async () => {
  const page = `<html><head><meta charset="utf-8"></head><body>
<div class="nav">首页 | 政务公开</div>
<table><tr><td>
  <h1>某某县水利局2022年政府信息公开工作年度报告</h1>
  <p>一、总体情况</p><p>2022年，本局做好政府信息公开工作。</p>
  <p>四、政府信息公开行政复议、行政诉讼情况</p>
  <table border="1">
    <tr><td colspan="5">行政<br>复议</td><td colspan="10">行政诉讼</td></tr>
    <tr><td rowspan="2">结果<br/>维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td>
        <td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
    <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
    <tr><td>1</td><td>0</td><td>&nbsp;</td><td>1</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
  </table>
  <p>五、存在的主要问题及改进情况</p><p>无。</p>
</td></tr></table>
<div class="footer">版权所有</div></body></html>`;
  const path = join(tmp, 'nested.html');
  writeFileSync(path, page);
  const r = await read(path);
  assert.deepEqual(r.tables.review, { review: [1, 0, null, 1, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [0, 0, 0, 0, 0] });
  assert.equal(r.provenance['review.review.other']!.note, '空白单元格');
  assert.equal(r.agency, '某某县水利局');
  assert.equal(r.sections.overview, '2022年，本局做好政府信息公开工作。');
});

test('an HTML page without a report is refused with a clear message', async () => {
  const path = join(tmp, 'news.html');
  writeFileSync(path, '<html><body><div class="nav">首页</div><p>今日新闻：某某会议召开。</p></body></html>');
  await assert.rejects(read(path), { code: 'not-a-report', message: `${path}：不是政府信息公开工作年度报告（没有找到报告标题、六个部分的标题或统计表）` });
});

/** A minimal .docx whose headings are numbered by numbering.xml (chineseCounting, "%1、"), not in the text. */
async function numberedDocx(): Promise<Buffer> {
  const zip = new JSZip();
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const p = (text: string, num = false) =>
    `<w:p>${num ? '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const tc = (text: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${p(text)}</w:tc>`;
  const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;
  const body = [
    p('某某镇人民政府'),
    p('2021年政府信息公开工作年度报告'),
    p('总体情况', true),
    p('2021年，本镇做好政府信息公开工作。'),
    p('主动公开政府信息情况', true),
    `<w:tbl>
      <w:tr>${tc('第二十条第（五）项', span(2))}</w:tr>
      <w:tr>${tc('信息内容')}${tc('本年处理决定数量')}</w:tr>
      <w:tr>${tc('行政许可')}${tc('12')}</w:tr>
    </w:tbl>`,
    p('收到和处理政府信息公开申请情况', true),
    `<w:tbl>
      <w:tr>${tc('三、本年度办理结果', '<w:vMerge w:val="restart"/>')}${tc('（一）予以公开')}${tc('3')}${tc('0')}${tc('0')}${tc('0')}${tc('0')}${tc('0')}${tc('3')}</w:tr>
      <w:tr>${tc('', '<w:vMerge/>')}${tc('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')}${tc('1')}${tc('0')}${tc('0')}${tc('0')}${tc('0')}${tc('0')}${tc('1')}</w:tr>
    </w:tbl>`,
    p('存在的主要问题及改进情况', true),
    p('无。'),
  ].join('');
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>
    <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
    <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

test('DOCX: headings numbered by numbering.xml read as printed; gridSpan and vMerge resolved', async () => {
  const path = join(tmp, 'numbered.docx');
  writeFileSync(path, await numberedDocx());
  const r = await read(path);
  assert.deepEqual(r.structure.headings.map((h) => [h.key, h.numeral, h.text]), [
    ['overview', '一', '一、总体情况'],
    ['active', '二', '二、主动公开政府信息情况'],
    ['requests', '三', '三、收到和处理政府信息公开申请情况'],
    ['problems', '四', '四、存在的主要问题及改进情况'],
  ]);
  assert.deepEqual(r.tables.active.art20_5, { licensing: { decisions: 12 } });
  assert.deepEqual(r.tables.requests.granted, [3, 0, 0, 0, 0, 0, 3]);
  assert.deepEqual(r.tables.requests.partlyGranted, [1, 0, 0, 0, 0, 0, 1]);
  assert.equal(r.provenance['requests.granted.total']!.path, '/w:document/w:body/w:tbl[2]/w:tr[1]/w:tc[9]');
  assert.equal(r.issuerType, 'township');
});

test('a zip that is not a Word file, and a damaged .docx, give clear errors', async () => {
  const zip = new JSZip();
  zip.file('readme.txt', 'hello');
  const notDocx = join(tmp, 'report.docx');
  writeFileSync(notDocx, await zip.generateAsync({ type: 'nodebuffer' }));
  await assert.rejects(readSource(notDocx), { code: 'unsupported', message: `${notDocx}：是压缩包，但不是 Word（.docx）文件` });
  const damaged = join(tmp, 'damaged.docx');
  writeFileSync(damaged, readFileSync(join(dir, 'v2021.lo.docx')).subarray(0, 3000));
  await assert.rejects(readSource(damaged), { code: 'damaged', message: `${damaged}：Word 文件已损坏，无法解压` });
});

test('.doc without LibreOffice installed names the Debian package', async () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    await assert.rejects(readSource(join(dir, 'v2019.lo.doc')), {
      code: 'unsupported',
      message: `${join(dir, 'v2019.lo.doc')}：读取 .doc/.wps 文件需要 LibreOffice，本机未安装。请安装 Debian 软件包 libreoffice-writer-nogui（apt-get install libreoffice-writer-nogui），或先在 Word/WPS 中另存为 .docx`,
    });
  } finally {
    process.env.PATH = saved;
  }
});
