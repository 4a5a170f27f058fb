import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { assertProvenance } from './helpers/provenance.ts';
import { reportSkeleton } from './helpers/report-skeleton.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const zeros7 = [0, 0, 0, 0, 0, 0, 0];

/** A V2021 report around the given table text; the other parts are minimal. */
function v2021(body: { active?: string; requests?: string; review?: string; title?: string; tail?: string }): string {
  return reportSkeleton({ year: 2022, title: '某某县市场监督管理局\n2022年政府信息公开工作年度报告', ...body });
}

test('placeholders "/", "-", "—", "无" are null with their printed text kept', () => {
  const text = v2021({
    active: [
      '第二十条第（一）项',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      '规章\t/\t-\t—',
      '行政规范性文件\t无\t3\t12',
    ].join('\n'),
  });
  const r = parse(text);
  assert.deepEqual(r.tables.active.art20_1, {
    rules: { issued: null, repealed: null, inForce: null },
    normativeDocs: { issued: null, repealed: 3, inForce: 12 },
  });
  assert.deepEqual(
    ['rules.issued', 'rules.repealed', 'rules.inForce', 'normativeDocs.issued'].map((k) => r.provenance[`active.art20_1.${k}`]!.note),
    ['占位符“/”', '占位符“-”', '占位符“—”', '占位符“无”'],
  );
  assertProvenance(text, r);
});

test('money: 37.79万元, 0万, 251000元 and the header unit are all read in 万元', () => {
  const v2019 = [
    '某某市财政局',
    '2020年政府信息公开工作年度报告',
    '二、主动公开政府信息情况',
    '第二十条第（九）项',
    '信息内容\t采购项目数量\t采购总金额',
    '政府集中采购\t3\t251000元',
  ].join('\n');
  const r = parse(v2019);
  assert.equal(r.template, '2019');
  assert.equal(r.tables.active.art20_9!.procurement!.amount, 25.1);
  assert.deepEqual(r.provenance['active.art20_9.procurement.amount'], { start: v2019.indexOf('251000元'), end: v2019.indexOf('251000元') + 7, line: 6, text: '251000元', unit: '元' });

  const noUnit = parse(v2019.replace('251000元', '12.5'));
  assert.equal(noUnit.tables.active.art20_9!.procurement!.amount, 12.5);
  assert.equal(noUnit.provenance['active.art20_9.procurement.amount']!.note, '未标明金额单位，按万元读取');

  const wan = parse(v2019.replace('251000元', '0万'));
  assert.equal(wan.tables.active.art20_9!.procurement!.amount, 0);
  assert.equal(wan.provenance['active.art20_9.procurement.amount']!.unit, '万元');

  const fees = parse(v2021({ active: '第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t37.79' }));
  assert.equal(fees.tables.active.art20_8!.fees!.amount, 37.79);
  assert.equal(fees.provenance['active.art20_8.fees.amount']!.unit, '万元');
  assert.equal(fees.provenance['active.art20_8.fees.amount']!.note, '单位取自表头“万元”');
});

test('本年增/减 is signed: "+5" and "-1"', () => {
  const r = parse([
    '某某区卫生健康局',
    '2020年政府信息公开工作年度报告',
    '第二十条第（五）项',
    '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
    '行政许可\t8\t+5\t93',
    '其他对外管理服务事项\t3\t-1\t0',
  ].join('\n'));
  assert.deepEqual(r.tables.active.art20_5, {
    licensing: { lastYear: 8, change: 5, decisions: 93 },
    otherServices: { lastYear: 3, change: -1, decisions: 0 },
  });
});

test('pipe text copied from a web page: ragged rows, blank cells, "商业 企业"', () => {
  const text = v2021({
    requests: [
      '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |',
      '| | 自然人 | 法人或其他组织 | 总计 |',
      '| | | 商业 企业 | 科研 机构 | 社会公益 组织 | 法律服务 机构 | 其他 | |',
      '| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |',
      '| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
      '| 三、本年度办理结果 | （一）予以公开 | 4 | 1 | | 0 | 0 | 0 | 5 |',
      '| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
      '| （七）总计 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |',
      '| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |',
    ].join('\n'),
  });
  const r = parse(text);
  assert.deepEqual(r.tables.requests.newReceived, [5, 1, 0, 0, 0, 0, 6]);
  assert.deepEqual(r.tables.requests.granted, [4, 1, null, 0, 0, 0, 5]);
  assert.deepEqual(r.tables.requests.partlyGranted, [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(r.tables.requests.resultTotal, [5, 1, 0, 0, 0, 0, 6]);
  // The ragged last row lacks its 总计 cell.
  assert.deepEqual(r.tables.requests.carriedForward, [1, 0, 0, 0, 0, 0, null]);
  assert.ok(r.notes.some((n) => n.path === 'requests.carriedForward' && n.message.includes('只有6个单元格，应为7个')));
  // Rows the page did not print are null and said to be missing.
  assert.deepEqual(r.tables.requests['denied.stateSecret'], [null, null, null, null, null, null, null]);
  assert.ok(r.notes.some((n) => n.code === 'row-missing' && n.path === 'requests.denied.stateSecret'));
  assertProvenance(text, r);
});

test('web text whose cell boundaries were lost: the one split that balances is taken', () => {
  const text = v2021({ requests: '一、本年新收政府信息公开申请数量640020470\n二、上年结转政府信息公开申请数量0000000' });
  const r = parse(text);
  assert.deepEqual(r.tables.requests.newReceived, [64, 0, 0, 2, 0, 4, 70]);
  assert.deepEqual(r.tables.requests.carriedOver, zeros7);
  const p = r.provenance['requests.newReceived.total']!;
  assert.deepEqual([p.text, text.slice(p.start, p.end), p.note], ['70', '70', '由连写数字“640020470”拆分']);
  assertProvenance(text, r);
});

test('a digit run with several balancing splits keeps only the cells every split reads alike, with the reason', () => {
  // "110000011" balances as 11,0,0,0,0,0,11 and as 1,10,0,0,0,0,11: the last five cells are the same digits in both.
  const r = parse(v2021({ requests: '一、本年新收政府信息公开申请数量 1 1 0 0 0 0 2\n（七）总计 110000011' }));
  assert.deepEqual(r.tables.requests.newReceived, [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(r.tables.requests.resultTotal, [null, null, 0, 0, 0, 0, 11]);
  const note = r.notes.find((n) => n.path === 'requests.resultTotal')!;
  assert.equal(note.code, 'cells-undetermined');
  assert.equal(note.message, '表三“（七）总计”：连写数字有多种读法（拆分方式或少印空白单元格的位置）；按行、列勾稽关系，“科研机构”“社会公益组织”“法律服务机构”“其他”“总计”列在每种可能的读法下都相同，已读取，其余各列无法确定，按空白处理');
  assert.equal(r.provenance['requests.resultTotal.total']!.text, '11');
});

test('column identities settle a digit run that the row alone cannot', () => {
  // Row （七）总计 "101000011" balances as 10,1,0,0,0,0,11 and as 1,0,10,0,0,0,11; 一+二=三+四 decides.
  const rows = [
    '一、本年新收政府信息公开申请数量\t10\t1\t0\t0\t0\t0\t11',
    '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
    '（一）予以公开\t10\t1\t0\t0\t0\t0\t11',
    '（七）总计 101000011',
    '四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0',
  ];
  const r = parse(v2021({ requests: rows.join('\n') }));
  assert.deepEqual(r.tables.requests.resultTotal, [10, 1, 0, 0, 0, 0, 11]);
  assert.ok(r.notes.some((n) => n.code === 'digit-run-resolved' && n.path === 'requests.resultTotal'));
  assert.ok(!r.notes.some((n) => n.code === 'digit-run-ambiguous'));
});

/** Five glued rows of table 三 whose sums are wrong (一+二 = 2, 三（七）+四 = 3), with the given （七）总计. */
const gluedWithTotal = (total: string) =>
  [
    '一、本年新收政府信息公开申请数量1100002',
    '二、上年结转政府信息公开申请数量0000000',
    '（一）予以公开1100002',
    `（七）总计${total}`,
    '四、结转下年度继续办理1000001',
  ].join('\n');

test('a glued table whose sums are wrong keeps each row\'s one split when every row fills its columns', () => {
  // 一+二 = 2 but 三（七）+四 = 3: no combination balances, and no row shows a vanished blank cell.
  const r = parse(v2021({ requests: gluedWithTotal('1100002') }));
  assert.deepEqual(r.tables.requests.newReceived, [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(r.tables.requests.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
  assert.ok(!r.notes.some((n) => n.code === 'digit-run-ambiguous' || n.code === 'cells-undetermined'));
});

test('a glued table that shows a vanished blank cell and does not balance: a row is read only where it has one reading either way', () => {
  // （七）总计 prints six digits for seven cells: a blank cell vanished. 一+二 = 2 but 三（七）+四 = 3: nothing balances.
  // "1100002" has no other reading even with a blank cell put back (weighed as 0: 11,0,0,0,0,2 plus a blank never balances);
  // "110002" has six (1,1,0,0,0,blank,2; …), so it stays blank.
  const r = parse(v2021({ requests: gluedWithTotal('110002') }));
  assert.deepEqual(r.tables.requests.newReceived, [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(r.tables.requests.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(r.tables.requests.resultTotal, [null, null, null, null, null, null, null]);
  assert.equal(r.notes.find((n) => n.path === 'requests.resultTotal')!.code, 'digit-run-ambiguous');
});

test('table 四 as 15 digits run together is split by the group totals', () => {
  const r = parse(v2021({ review: '行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n100120000000000' }));
  assert.deepEqual(r.tables.review, { review: [1, 0, 0, 1, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [0, 0, 0, 0, 0] });
});

test('header cells and row labels broken across lines, empty cells and surplus cells', () => {
  const text = [
    '某某镇人民政府',
    '2020年政府信息公开工作年度报告',
    '\t第二十条第（一）项',
    '',
    '\t信息内容',
    '\t本年新',
    '制作数量',
    '\t本年新',
    '公开数量',
    '\t对外公开',
    '总数量',
    '',
    '\t规章',
    '\t',
    '\t0',
    '\t0',
    '',
    '\t规范性',
    '文件',
    '\t2',
    '\t2',
    '\t9',
    '',
    '三、收到和处理政府信息公开申请情况',
    '\t（三）',
    '',
    '不予公开',
    '\t1.属于国家秘密',
    '\t0\t0\t0\t0\t0\t0\t0',
    '二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t',
  ].join('\n');
  const r = parse(text);
  assert.equal(r.issuerType, 'township');
  assert.deepEqual(r.tables.active.art20_1, {
    rules: { madeThisYear: null, publishedThisYear: 0, publishedTotal: 0 },
    normativeDocs: { madeThisYear: 2, publishedThisYear: 2, publishedTotal: 9 },
  });
  assert.deepEqual(r.tables.requests['denied.stateSecret'], zeros7);
  assert.deepEqual(r.tables.requests.carriedOver, [1, 0, 0, 0, 0, 0, 1]);
  assertProvenance(text, r);
});

test('full-width digits, NBSP and ideographic spaces are read as plain digits with offsets kept', () => {
  const text = v2021({ review: '行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n１\u00a0\t０\t０\t１\t２\t０\t０\t０\t０\t０\u3000\t０\t０\t０\t０\t０' });
  const r = parse(text);
  assert.deepEqual(r.tables.review.review, [1, 0, 0, 1, 2]);
  const p = r.provenance['review.review.upheld']!;
  assert.equal(p.text, '１');
  assert.equal(text.slice(p.start, p.end), '１');
  assertProvenance(text, r);
});

test('table 四 printed one group per row', () => {
  const r = parse(v2021({
    review: '| | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 行政复议 | 2 | 1 | 0 | 0 | 3 |\n| 行政诉讼 未经复议直接起诉 | 0 | 0 | 0 | 1 | 1 |\n| 复议后起诉 | 0 | 0 | 0 | 0 | 0 |',
  }));
  assert.deepEqual(r.tables.review, { review: [2, 1, 0, 0, 3], litigationDirect: [0, 0, 0, 1, 1], litigationAfterReview: [0, 0, 0, 0, 0] });
});

test('sections: missing numerals, "4．", markdown headings and the 需要报告的其他事项 variant', () => {
  const text = [
    '# 某某市教育局2021年政府信息公开工作年度报告',
    '## 总体情况',
    '全年主动公开信息100条。',
    '主动公开政府信息情况',
    '3. 收到和处理政府信息公开申请情况',
    '本年度未收到申请。',
    '4． 政府信息公开行政复议、行政诉讼情况',
    '无。',
    '**五、存在问题及改进情况**',
    '（一）依申请公开情况',
    '人员不足。',
    '六、需要报告的其他事项',
    '无。',
    '某某市教育局',
    '二〇二二年一月二十五日',
  ].join('\n');
  const r = parse(text);
  assert.deepEqual(r.structure.headings.map((h) => [h.key, h.numeral, h.canonical]), [
    ['overview', null, true],
    ['active', null, true],
    ['requests', '3', true],
    ['review', '4', true],
    ['problems', '五', false],
    ['other', '六', false],
  ]);
  assert.deepEqual(r.sections, {
    overview: '全年主动公开信息100条。',
    active: '',
    requests: '本年度未收到申请。',
    review: '无。',
    problems: '（一）依申请公开情况\n人员不足。',
    other: '无。',
  });
  assert.deepEqual([r.agency, r.year, r.signedOn, r.issuerType], ['某某市教育局', 2021, '2022-01-25', 'department']);
});

test('no title: the agency comes from the preamble or the signature, the year from the statistics period', () => {
  const r = parse([
    '本报告由某某县人民政府办公室编制，所列数据的统计期限自2022年1月1日起至2022年12月31日止。',
    '一、总体情况',
    '概述。',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
  ].join('\n'));
  assert.deepEqual([r.agency, r.year, r.issuerType], ['某某县人民政府办公室', 2022, 'department']);
  const sig = parse('一、总体情况\n2023年，全年……。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n某某县人民政府\n2024年3月1日');
  assert.deepEqual([sig.agency, sig.year, sig.signedOn, sig.issuerType], ['某某县人民政府', 2023, '2024-03-01', 'government']);
});

test('a pre-2019 report is legacy: metadata and sections only', () => {
  const r = parse([
    '某某市统计局2017年政府信息公开工作年度报告',
    '一、概述',
    '全年公开信息50条。',
    '二、主动公开政府信息情况',
    '三、依申请公开政府信息和不予公开政府信息的情况',
    '四、政府信息公开的收费及减免情况',
    '五、因政府信息公开申请行政复议、提起行政诉讼的情况',
  ].join('\n'));
  assert.equal(r.template, 'legacy');
  assert.deepEqual(r.tables, { active: {}, requests: {}, review: {} });
  assert.equal(r.year, 2017);
});

test('a text that is not an annual report is refused with a clear message', () => {
  assert.throws(() => parse('会议通知\n请各单位于下周一上午九点参加会议。'), {
    name: 'InputError',
    code: 'not-a-report',
    message: 'fixture.txt：不是政府信息公开工作年度报告（没有找到报告标题、六个部分的标题或统计表）',
  });
});
