import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractSource } from '../src/extract/index.ts';
import { extractReport } from '../src/extract/report.ts';
import { readSource } from '../src/ingest/read-file.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-metadata-'));
const parse = (text: string) => extractReport(text, { name: 'page.txt', format: 'txt' });
const readPage = async (name: string, html: string) => {
  const path = join(tmp, name);
  writeFileSync(path, html);
  return extractSource(await readSource(path));
};

const SECTIONS = [
  '一、总体情况', '2019年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。',
  '二、主动公开政府信息情况', '全年主动公开信息120条。',
  '三、收到和处理政府信息公开申请情况', '全年收到申请3件。',
  '四、政府信息公开行政复议、行政诉讼情况', '无。',
  '五、存在的主要问题及改进情况', '公开内容还不够全面。',
  '六、其他需要报告的事项', '无。',
];
const URL_SHUYANG = 'http://www.shuyang.gov.cn/syfgj/ndbg/202001/t20200120_1.html';

test('a crawled page: header lines, then the whole body on one line', () => {
  const text = [
    '标题: 沭阳县发展和改革局2019年政府信息公开工作年度报告',
    '发布时间: 2020-01-20',
    '文号: ',
    '发布机构: 沭阳县发展和改革局',
    '栏目: 年度报告',
    `原文链接: ${URL_SHUYANG}`,
    '',
    ['当前位置：首页 > 政府信息公开 > 年度报告', '沭阳县发展和改革局2019年政府信息公开工作年度报告', '本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。', ...SECTIONS].join(' '),
    '附件下载',
    '分享到',
  ].join('\n');
  const r = parse(text);
  assert.deepEqual(
    { agency: r.agency, year: r.year, publishedOn: r.publishedOn, issuerType: r.issuerType, url: r.source.url },
    { agency: '沭阳县发展和改革局', year: 2019, publishedOn: '2020-01-20', issuerType: 'department', url: URL_SHUYANG },
  );
  assert.deepEqual(r.provenance['meta.publishedOn'], { start: 37, end: 47, line: 2, text: '2020-01-20', note: '取自“发布时间”' });
  assert.deepEqual(r.provenance['meta.url'], { start: 84, end: 84 + URL_SHUYANG.length, line: 6, text: URL_SHUYANG, note: '取自“原文链接”' });
  // The title printed in the body (line 8, cut out of the one-line body) comes before the crawler's 标题 line.
  assert.equal(r.provenance['meta.agency']!.line, 8);
  for (const header of ['发布时间', '发布机构', '原文链接', '栏目', '附件下载', '分享到']) {
    assert.ok(!(r.preamble ?? '').includes(header), `preamble holds “${header}”`);
    assert.ok(!JSON.stringify(r.sections).includes(header), `sections hold “${header}”`);
  }
});

test('crawled header lines with full-width colons in another order: 发布机构 names the issuer when the title names none', () => {
  const r = parse(['发布时间：2020年1月20日', '发布机构：沭阳县发展和改革局', '', '2019年政府信息公开工作年度报告', ...SECTIONS].join('\n'));
  assert.deepEqual([r.agency, r.year, r.publishedOn, r.issuerType], ['沭阳县发展和改革局', 2019, '2020-01-20', 'department']);
  assert.equal(r.provenance['meta.agency']!.note, '取自“发布机构”');
  assert.equal(r.source.url, undefined);
  assert.equal(r.preamble, null);
});

test('a header date that is a sentence is not a publication date', () => {
  const r = parse(['某某市统计局2019年政府信息公开工作年度报告', '时间：2019年1月1日至2019年12月31日', ...SECTIONS].join('\n'));
  assert.equal(r.publishedOn, null);
  assert.equal(r.preamble, '时间：2019年1月1日至2019年12月31日');
});

// [title as printed, agency, year, issuerType, note of meta.agency]
const TITLES: [string, string, number, string, string | undefined][] = [
  ['2024年上海市科学技术委员会政府信息公开工作年度报告', '上海市科学技术委员会', 2024, 'department', undefined],
  ['2024 年上海市科委政府信息公开工作年度报告', '上海市科委', 2024, 'department', undefined],
  ['名称沭阳县发展和改革局2019年政府信息公开工作年度报告', '沭阳县发展和改革局', 2019, 'department', undefined],
  ['沭阳县发展和改革局关于2019年政府信息公开工作年度报告', '沭阳县发展和改革局', 2019, 'department', undefined],
  ['淄博市2020年政府信息公开工作年度报告', '淄博市人民政府', 2020, 'government', '“淄博市”读作“淄博市人民政府”'],
  ['平潭综合实验区2022年度政府信息公开工作年度报告', '平潭综合实验区管理委员会', 2022, 'other', '“平潭综合实验区”读作“平潭综合实验区管理委员会”'],
  ['2024年某某区人民政府信息公开工作年度报告', '某某区人民政府', 2024, 'government', undefined],
  ['某某镇2021年政府信息公开工作年度报告', '某某镇人民政府', 2021, 'township', '“某某镇”读作“某某镇人民政府”'],
  ['某某局政府信息公开工作领导小组办公室\n2020年政府信息公开工作年度报告', '某某局', 2020, 'department', '“某某局政府信息公开工作领导小组办公室”读作“某某局”'],
];

for (const [title, agency, year, issuerType, note] of TITLES) {
  test(`title “${title.replace('\n', ' / ')}” names ${agency}`, () => {
    const r = parse([title, ...SECTIONS].join('\n'));
    assert.deepEqual([r.agency, r.year, r.issuerType, r.provenance['meta.agency']!.note], [agency, year, issuerType, note]);
    assert.equal(r.preamble, null);
  });
}

test('the printed name of the agency is its provenance; collector prefixes and spaces are not', () => {
  const r = parse(['名称沭阳县发展和改革局2019年政府信息公开工作年度报告', ...SECTIONS].join('\n'));
  assert.deepEqual(r.provenance['meta.agency'], { start: 2, end: 11, line: 1, text: '沭阳县发展和改革局' });
  const spaced = parse(['2024 年上海市科委政府信息公开工作年度报告', ...SECTIONS].join('\n'));
  assert.deepEqual(spaced.provenance['meta.year'], { start: 0, end: 4, line: 1, text: '2024' });
  assert.deepEqual(spaced.provenance['meta.agency'], { start: 6, end: 11, line: 1, text: '上海市科委' });
});

test('the disclosure office in the contact or the signature is not the issuer: the organ is', () => {
  const contact = parse([
    '淄博市投资促进局',
    '2020年政府信息公开工作年度报告',
    '如对本报告有任何疑问，请联系淄博市投资促进局政府信息公开工作领导小组办公室（电话：2777902）。',
    ...SECTIONS,
  ].join('\n'));
  assert.deepEqual([contact.agency, contact.issuerType], ['淄博市投资促进局', 'department']);
  const signed = parse([...SECTIONS, '某某县交通运输局政府信息公开工作领导小组办公室', '2020年1月15日'].join('\n'));
  assert.deepEqual([signed.agency, signed.signedOn, signed.issuerType], ['某某县交通运输局', '2020-01-15', 'department']);
});

test('a region\'s report compiled by its government\'s office is the government\'s: the title names the region', () => {
  const signed = ['淄博市人民政府办公室', '2021年3月20日'];
  const office = parse(['淄博市人民政府办公室关于淄博市2020年政府信息公开工作年度报告', ...SECTIONS, ...signed].join('\n'));
  assert.deepEqual([office.agency, office.year, office.signedOn, office.issuerType], ['淄博市人民政府', 2020, '2021-03-20', 'government']);
  const yearLast = parse(['淄博市政府信息公开工作2020年度报告', ...SECTIONS, ...signed].join('\n'));
  assert.deepEqual([yearLast.agency, yearLast.year, yearLast.issuerType], ['淄博市人民政府', 2020, 'government']);
  const region = parse(['淄博市人民政府办公室', '淄博市2020年政府信息公开工作年度报告', ...SECTIONS, ...signed].join('\n'));
  assert.deepEqual([region.agency, region.issuerType], ['淄博市人民政府', 'government']);
  // The office's own report stays a department's.
  const own = parse(['淄博市人民政府办公室2020年政府信息公开工作年度报告', ...SECTIONS, ...signed].join('\n'));
  assert.deepEqual([own.agency, own.issuerType], ['淄博市人民政府办公室', 'department']);
});

test('an HTML page: date, title, issuer and address from its <meta> tags when the article prints no title', async () => {
  const r = await readPage('meta.html', `<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="2024年上海市科学技术委员会政府信息公开工作年度报告">
<meta name="PubDate" content="2025-01-20 10:00">
<meta name="ContentSource" content="上海市科学技术委员会">
<meta name="Url" content="https://stcsm.sh.gov.cn/zwgk/ndbg/20250120/1.html">
<title>2024年上海市科学技术委员会政府信息公开工作年度报告_上海市科学技术委员会</title></head>
<body><div class="nav">首页 | 政务公开</div><div id="zoom">${SECTIONS.map((s) => `<p>${s}</p>`).join('')}</div></body></html>`);
  assert.deepEqual(
    { agency: r.agency, year: r.year, publishedOn: r.publishedOn, issuerType: r.issuerType, url: r.source.url },
    { agency: '上海市科学技术委员会', year: 2024, publishedOn: '2025-01-20', issuerType: 'department', url: 'https://stcsm.sh.gov.cn/zwgk/ndbg/20250120/1.html' },
  );
  assert.deepEqual(r.provenance['meta.publishedOn'], { start: 0, end: 0, line: 1, text: '2025-01-20 10:00', note: '取自页面的 <meta name="PubDate">', path: 'meta[name="PubDate"]' });
  assert.deepEqual(r.provenance['meta.agency'], {
    start: 0, end: 0, line: 1, text: '上海市科学技术委员会', note: '取自页面的 <meta name="ArticleTitle">', path: 'meta[name="ArticleTitle"]',
  });
});

test('an HTML page: a region title in <title>, and 发布时间 and 来源 printed above the article', async () => {
  const r = await readPage('title.html', `<html><head><meta charset="utf-8">
<title>淄博市2020年政府信息公开工作年度报告_淄博市人民政府</title></head>
<body><div class="info"><span>发布时间：2021-03-30</span> <span>来源：本站</span></div>
<div id="zoom">${SECTIONS.map((s) => `<p>${s}</p>`).join('')}</div></body></html>`);
  assert.deepEqual([r.agency, r.year, r.publishedOn, r.issuerType], ['淄博市人民政府', 2020, '2021-03-30', 'government']);
  assert.deepEqual(r.provenance['meta.agency'], {
    start: 0, end: 0, line: 1, text: '淄博市', note: '取自页面标题（<title>）；“淄博市”读作“淄博市人民政府”', path: 'title',
  });
  assert.deepEqual(r.provenance['meta.publishedOn'], {
    start: 0, end: 0, line: 1, text: '2021-03-30', note: '取自页面上的“发布时间”', path: 'body > div:nth-of-type(1) > span:nth-of-type(1)',
  });
});

test('an HTML page: "时间：" and "来源：某某局" printed in the article are read and kept out of the preamble', async () => {
  const r = await readPage('inline.html', `<html><head><meta charset="utf-8"><title>年度报告</title></head>
<body><div id="zoom"><p>时间：2024-01-26 来源：某某市统计局</p><p>本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>
${SECTIONS.map((s) => `<p>${s}</p>`).join('')}</div></body></html>`);
  assert.deepEqual([r.agency, r.publishedOn, r.issuerType], ['某某市统计局', '2024-01-26', 'department']);
  assert.equal(r.provenance['meta.agency']!.note, '取自“来源”');
  assert.equal(r.provenance['meta.publishedOn']!.text, '2024-01-26');
  assert.equal(r.provenance['meta.publishedOn']!.path, 'body > div > p:nth-of-type(1)');
  assert.equal(r.preamble, '本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。');
});

test('a page whose <title> names a report but whose body only links to it is not a report', async () => {
  const path = join(tmp, 'link.html');
  writeFileSync(path, '<html><head><title>某某局2023年政府信息公开工作年度报告_某某局</title></head><body><p>附件：某某局2023年度报告.pdf</p></body></html>');
  await assert.rejects(readSource(path).then(extractSource), { code: 'not-a-report' });
});

test('a region’s summary report (“某市（汇总）”, ogi rollup’s title) is the region’s government, on one line or two', () => {
  const oneLine = parse(['淄博市（汇总）2023年政府信息公开工作年度报告', ...SECTIONS].join('\n'));
  assert.deepEqual([oneLine.agency, oneLine.year, oneLine.issuerType], ['淄博市人民政府', 2023, 'government']);
  assert.deepEqual([oneLine.provenance['meta.agency']?.text, oneLine.provenance['meta.agency']?.note], ['淄博市', '“淄博市”读作“淄博市人民政府”']);
  const twoLines = parse(['淄川区(汇总)', '2023年政府信息公开工作年度报告', ...SECTIONS].join('\n'));
  assert.deepEqual([twoLines.agency, twoLines.year], ['淄川区人民政府', 2023]);
  // A line naming no organ and no summary before the title is still not read as the agency.
  const plain = parse(['淄川区', '2023年政府信息公开工作年度报告', ...SECTIONS].join('\n'));
  assert.equal(plain.agency, null);
});
