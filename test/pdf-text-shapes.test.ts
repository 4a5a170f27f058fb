import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { reportSkeleton } from './helpers/report-skeleton.ts';

/**
 * Shapes of the text PDF converters give (pdftotext -layout, pdftotext -raw, pdf2md), taken
 * from the converted fixtures: each is read exactly, or left blank with a note.
 */

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const seq = (from: number) => Array.from({ length: 7 }, (_, c) => from + c);
const row = (values: readonly number[]) => values.join('   ');
const empty7 = [null, null, null, null, null, null, null];

function report(year: number, body: { active?: string; requests?: string; review?: string }): string {
  return reportSkeleton({ year, ...body });
}

const variantNotes = (r: ReturnType<typeof parse>) => r.notes.filter((n) => n.code === 'row-label-variant').map((n) => n.path);

test('pdftotext -layout: a group label and the wrapped end of the row above glued to a row label', () => {
  // sample00x: the row with values, then "<group> <end of it><next number>.<next row>", then the end of the next row with its values.
  const requests = [
    `一、本年新收政府信息公开申请数量 ${row(seq(1))}`,
    `            3.危及“三安全一稳   ${row(seq(10))}`,
    '            定”',
    `      （三）不 4.保护第三方合法权    ${row(seq(20))}`,
    '      予公开 益5.属于三类内部事务',
    `            信息           ${row(seq(30))}`,
    `            6.属于四类过程性信   ${row(seq(40))}`,
    '            息',
  ].join('\n');
  const r = parse(report(2022, { requests }));
  assert.deepEqual(r.tables.requests['denied.securityStability'], seq(10));
  assert.deepEqual(r.tables.requests['denied.thirdParty'], seq(20));
  assert.deepEqual(r.tables.requests['denied.internalAffairs'], seq(30));
  assert.deepEqual(r.tables.requests['denied.processInfo'], seq(40));
  assert.deepEqual(variantNotes(r), ['requests.denied.thirdParty', 'requests.denied.internalAffairs']);
  // The values of the row are those on the line of its end ("信息 …"), not those of the row above.
  assert.equal(r.provenance['requests.denied.internalAffairs.naturalPerson']!.line, 13);
});

test('pdftotext -raw and pdf2md: the values between two parts of a wording, the end below them', () => {
  // v2021.lo: "3.危及“三" / "安全一稳" / values / "定”"; a 2021 row over seven lines; a group label a line at a time.
  const requests = [
    `一、本年新收政府信息 ${row(seq(1))}`,
    '公开申请数量',
    '（三',
    '）不',
    '予公',
    '开',
    '1.属于国家',
    '秘密',
    row(seq(10)),
    '3.危及“三',
    '安全一稳',
    row(seq(20)),
    '定”',
    '4.保护第三',
    '方合法权益',
    row(seq(30)),
    '（六',
    '）其',
    '他处',
    '理',
    '1.申请人无',
    '正当理由逾',
    '期不补正、',
    '行政机关不',
    '再处理其政',
    '府信息公开',
    '申请',
    row(seq(40)),
    '2.申请人逾',
    '期未按收费',
    '通知要求缴',
    '纳费用、行',
    '政机关不再',
    '处理其政府',
    '信息公开申',
    row(seq(50)),
    '请',
    `3.其他 ${row(seq(60))}`,
  ].join('\n');
  const r = parse(report(2022, { requests }));
  assert.deepEqual(r.tables.requests['denied.stateSecret'], seq(10));
  assert.deepEqual(r.tables.requests['denied.securityStability'], seq(20));
  assert.deepEqual(r.tables.requests['denied.thirdParty'], seq(30));
  assert.deepEqual(r.tables.requests['other.noCorrection'], seq(40));
  assert.deepEqual(r.tables.requests['other.unpaidFee'], seq(50));
  assert.deepEqual(r.tables.requests['other.other'], seq(60));
});

test('pdftotext -layout: group label pieces beside the parts, values on a line of their own', () => {
  // v2021.lo: "（三 1.属于国家" / values / "）不    秘密"; "6.属于四类" / values / "过程性信息".
  const requests = [
    `一、本年新收政府信息   ${row(seq(1))}`,
    '  公开申请数量',
    '',
    '   （三 1.属于国家',
    `                 ${row(seq(10))}`,
    '   ）不    秘密',
    '',
    '   予公 2.其他法律',
    '',
    `    开 行政法规禁      ${row(seq(20))}`,
    '',
    '         止公开',
    '',
    '     6.属于四类',
    `              ${row(seq(30))}`,
    '     过程性信息',
    '',
    '     7.属于行政',
    `              ${row(seq(40))}`,
    '     执法案卷',
  ].join('\n');
  const r = parse(report(2022, { requests }));
  assert.deepEqual(r.tables.requests['denied.stateSecret'], seq(10));
  assert.deepEqual(r.tables.requests['denied.prohibitedByLaw'], seq(20));
  assert.deepEqual(r.tables.requests['denied.processInfo'], seq(30));
  assert.deepEqual(r.tables.requests['denied.enforcementFile'], seq(40));
  const stateSecret = r.notes.find((n) => n.path === 'requests.denied.stateSecret' && n.code === 'row-label-variant');
  assert.ok(stateSecret, 'the group label pieces taken out are noted');
});

test('parts that do not complete a wording are not a row', () => {
  const balanced = [30, 31, 32, 33, 34, 35, 195];
  const requests = [
    `一、本年新收政府信息公开申请数量 ${row(seq(1))}`,
    '3.危及“三',
    '安全一',
    row(seq(20)),
    '稳',
    `4.保护第三方合法权益 ${row(balanced)}`,
  ].join('\n');
  const r = parse(report(2022, { requests }));
  assert.deepEqual(r.tables.requests['denied.securityStability'], empty7);
  assert.deepEqual(r.tables.requests['denied.thirdParty'], balanced);
  // Beside numbers no row took, a row whose total is not its sum may hold some of them: left blank.
  const unbalanced = parse(report(2022, { requests: requests.replace(row(balanced), row(seq(30))) }));
  assert.deepEqual(unbalanced.tables.requests['denied.thirdParty'], empty7);
  assert.equal(unbalanced.notes.find((n) => n.path === 'requests.denied.thirdParty')?.code, 'row-misread');
});

test('pdf2md: several rows on one long line, and table 四 values at the end of its header line', () => {
  // sample002: one line for eight rows; the header of table 四 and its fifteen values on one line.
  const rows = ['1.属于国家秘密', '2.其他法律⾏政法规 禁⽌公开', '3.危及“三安全⼀稳 定”', '4.保护第三⽅合法权 益', '5.属于三类内部事务 信息', '6.属于四类过程性信 息', '7.属于⾏政执法案卷', '8.属于⾏政查询事项'];
  const requests = [
    `⼀、本年新收政府信息公开申请数量 ${row(seq(1))}`,
    ` （三）不 予公开 `,
    ` ${rows.map((l, n) => `${l} ${seq(10 * (n + 1)).join(' ')}`).join(' ')} `,
  ].join('\n');
  const review = [
    ' ⾏政复议 ⾏政诉讼 结果 维持 ',
    '',
    ` 未经复议直接起诉 复议后起诉 结果 维持 结果 纠正 其他 结果 尚未 审结 总 计 结果 维持 结果 纠正 其他 结果 尚未 审结 总 计 ${[1, 2, 3, 4, 10, 0, 1, 0, 1, 2, 5, 0, 0, 0, 5].join(' ')} `,
  ].join('\n');
  const r = parse(report(2021, { requests, review }));
  assert.deepEqual(r.tables.requests['denied.stateSecret'], seq(10));
  assert.deepEqual(r.tables.requests['denied.thirdParty'], seq(40));
  assert.deepEqual(r.tables.requests['denied.adminQuery'], seq(80));
  assert.deepEqual(r.tables.review, { review: [1, 2, 3, 4, 10], litigationDirect: [0, 1, 0, 1, 2], litigationAfterReview: [5, 0, 0, 0, 5] });
});

test('pdf2md: "^" between two values marks two cells', () => {
  // v2021.lo: "78 80 108 123^131 103 623".
  const requests = `## 一、本年新收政府信息 78 80 108 123^131 103 623 \n\n## 公开申请数量 `;
  const r = parse(report(2022, { requests }));
  assert.deepEqual(r.tables.requests.newReceived, [78, 80, 108, 123, 131, 103, 623]);
  assert.equal(r.provenance['requests.newReceived.legal']!.text, '131');
});

test('pdf2md: "(^…)" around a run it took for a footnote mark holds the row\'s values', () => {
  // r048.lo: "一、本年新收政府信息公开申请数量 (^6969 5555 11211 5353 6464 1919054742) 二、上年结转…", the last two glued.
  const requests = '一、本年新收政府信息公开申请数量 (^6969 5555 11211 5353 6464 1919054742) 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 ';
  const r = parse(report(2022, { requests }));
  assert.deepEqual(r.tables.requests.newReceived, [6969, 5555, 11211, 5353, 6464, 19190, 54742]);
  assert.equal(r.provenance['requests.newReceived.naturalPerson']!.text, '6969');
  assert.equal(r.provenance['requests.newReceived.research']!.text, '11211');
  // The same run without the marks' closing bracket is not the converter's: it stays text, and the row is not read.
  const unclosed = parse(report(2022, { requests: requests.replace(')', '') }));
  assert.deepEqual(unclosed.tables.requests.newReceived, [null, null, null, null, null, null, null]);
});

test('pdf2md: table 四 printing fewer values than cells: only what every reading puts alike is read', () => {
  // r048.lo: twelve values for fifteen cells, no positions. The cuts into groups that balance differ only in where
  // the blanks of the first and last groups stand: the first total and the whole second group are alike in all.
  const review = ['行政复议 行政诉讼', '### 28 35 63 28 42 14 49 133 21 49 0 70 '].join('\n\n');
  const r = parse(report(2020, { review }));
  assert.deepEqual(r.tables.review, { review: [null, null, null, null, 63], litigationDirect: [28, 42, 14, 49, 133], litigationAfterReview: [null, null, null, null, null] });
  const note = r.notes.find((n) => n.path === 'review')!;
  assert.equal(note.code, 'cells-undetermined');
  assert.match(note.message, /“行政复议”组1格、“未经复议直接起诉”组五格在每种读法下都相同/);
  assert.equal(r.provenance['review.litigationDirect.total']!.text, '133');
  // Readings that share no cell: nothing is read.
  const none = parse(report(2020, { review: review.replace('28 35 63 28 42 14 49 133 21 49 0 70', '1 1 2 1 1 2 1 1 2') }));
  assert.deepEqual(none.tables.review, { review: [null, null, null, null, null], litigationDirect: [null, null, null, null, null], litigationAfterReview: [null, null, null, null, null] });
});

test('pdftotext -layout: table 四 on one line, blanks squeezed: a blank between two values counts as 0', () => {
  // r008.lo: nine values for fifteen cells, the gaps squeezed out of column. Blanks weighed as 0 (the last cell alone
  // may be lost at the page edge): every balancing reading ends the first group with 21 and the second with 14.
  const review = ['行政复议 行政诉讼', '    0 21  0 21          14 14     7      14 21'].join('\n');
  const r = parse(report(2020, { review }));
  assert.deepEqual(r.tables.review, { review: [null, null, null, null, 21], litigationDirect: [null, null, null, null, 14], litigationAfterReview: [null, null, null, null, null] });
  assert.equal(r.notes.find((n) => n.path === 'review')?.code, 'cells-undetermined');
});

test('pdftotext: column labels whose ends wrapped below, and a row label wrapped above its values (table 二)', () => {
  // v2019.lo: "本年新制作数 本年新公开数 对外公开总数" / "量 量 量"; "上一年项目数" / "… 本年增/减 处理决定数量" / "量".
  const active = [
    '               第二十条第（一）项',
    '',
    '              本年新制作数 本年新公开数 对外公开总数',
    '   信息内容',
    '                     量   量    量',
    '',
    '     规章              9   67   70',
    '',
    '   规范性文件             0   1    2',
    '',
    '               第二十条第（五）项',
    '           上一年项目数',
    '  信息内容              本年增/减    处理决定数量',
    '             量',
    '',
    '  行政许可        3       -1           5',
    '',
    '其他对外管理服务',
    '              4       +2           6',
    '   事项',
  ].join('\n');
  const r = parse(report(2020, { active }));
  assert.equal(r.template, '2019');
  assert.deepEqual(r.tables.active.art20_1, {
    rules: { madeThisYear: 9, publishedThisYear: 67, publishedTotal: 70 },
    normativeDocs: { madeThisYear: 0, publishedThisYear: 1, publishedTotal: 2 },
  });
  assert.deepEqual(r.tables.active.art20_5, {
    licensing: { lastYear: 3, change: -1, decisions: 5 },
    otherServices: { lastYear: 4, change: 2, decisions: 6 },
  });
  assert.deepEqual(r.notes.filter((n) => n.code === 'extra-column'), []);
});

test('pdftotext -raw: a row label wrapped over two lines with its values on the third (table 二)', () => {
  // v2019.lo: "其他对外管理服务" / "事项" / "0 0 0".
  const active = [
    '第二十条第（五）项',
    '信息内容',
    '上一年项目数量',
    '本年增/减 处理决定数量',
    '行政许可 1 0 2',
    '其他对外管理服务',
    '事项',
    '7 +1 8',
  ].join('\n');
  const r = parse(report(2020, { active }));
  assert.deepEqual(r.tables.active.art20_5!.otherServices, { lastYear: 7, change: 1, decisions: 8 });
});
