import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases, type Expected } from '../helpers/rule-tester.ts';
import { dashedSample } from '../helpers/dashed-sample.ts';

const base = baseReport();
const text = [
  '某某县市场监督管理局',
  '2022年政府信息公开工作年度报告',
  '第二十条第（一）项',
  '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
  '规章\t/\t\t0',
  '行政规范性文件\t0\t0\t0',
].join('\n');
const printed = extractReport(text, { name: 'x.txt', format: 'txt' });
const sample000 = extractReport(readFileSync(new URL('../../samples/000_6c4583cee035bde5.txt', import.meta.url), 'utf8'), { name: '000', format: 'txt' });

const { dashed, dashedWrongTotal, dashedReviewTotal } = dashedSample();
// The 2021 format fixture without rows 5–8 of 不予公开 (TPL-09's finding) and with “—” for a 0 above them in the same column.
const rowsCutDashed = extractReport(
  readFileSync(new URL('../fixtures/formats/v2021.txt', import.meta.url), 'utf8')
    .replace(/5\.属于三类内部事务信息[^\n]*\n6\.属于四类过程性信息[^\n]*\n7\.属于行政执法案卷[^\n]*\n8\.属于行政查询事项[^\n]*\n/, '')
    .replace('1.属于国家秘密\t0\t0\t4', '1.属于国家秘密\t—\t0\t4'),
  { name: 'v2021.txt', format: 'txt' },
);
const t2: Expected = {
  messageId: 'convention',
  severity: 'info',
  message: '表二以“—”代替数字，共20格（如第二十条第（一）项“规章”行“本年新制作数量”列、第二十条第（一）项“规章”行“本年新公开数量”列、第二十条第（一）项“规章”行“对外公开总数量”列等），应填写数字（没有发生的填 0）',
  location: { table: 'active', item: 'art20_1', row: 'rules', column: 'madeThisYear' },
};
const t3: Expected = {
  messageId: 'convention',
  severity: 'info',
  message: '表三以空白或“—”代替数字，共155格（如“一、本年新收政府信息公开申请数量”行“商业企业”列、“一、本年新收政府信息公开申请数量”行“科研机构”列、“一、本年新收政府信息公开申请数量”行“社会公益组织”列等），应填写数字（没有发生的填 0）',
  location: { table: 'requests', row: 'newReceived', column: 'business' },
};
const t4: Expected = {
  messageId: 'convention',
  severity: 'info',
  message: '表四以“—”代替数字，共15格（如“行政复议”“结果维持”、“行政复议”“结果纠正”、“行政复议”“其他结果”等），应填写数字（没有发生的填 0）',
  location: { table: 'review', row: 'review', column: 'upheld' },
  cells: ['review.review.upheld', 'review.review.corrected', 'review.review.other', 'review.review.pending', 'review.review.total', 'review.litigationDirect.upheld', 'review.litigationDirect.corrected', 'review.litigationDirect.other', 'review.litigationDirect.pending', 'review.litigationDirect.total', 'review.litigationAfterReview.upheld', 'review.litigationAfterReview.corrected', 'review.litigationAfterReview.other', 'review.litigationAfterReview.pending', 'review.litigationAfterReview.total'],
};

ruleCases('CELL-02', {
  valid: [{ name: 'every cell filled', report: base }],
  invalid: [
    {
      name: 'a “—” in a column whose total is short only by rows not printed: the convention (info), not “cannot be 0”',
      report: rowsCutDashed,
      findings: [
        {
          messageId: 'convention',
          severity: 'info',
          message: '表三以“—”代替数字，共1格（“1.属于国家秘密”行“自然人”列），应填写数字（没有发生的填 0）',
          location: { table: 'requests', row: 'denied.stateSecret', column: 'naturalPerson' },
        },
      ],
    },
    {
      name: 'a null cell in data without provenance: one finding for its table, info as 0 fits',
      report: withCells(base, { 'review.review.pending': null }),
      findings: [
        {
          messageId: 'nulls',
          severity: 'info',
          message: '表四有1格为空值（“行政复议”“尚未审结”），应填写数字（没有发生的填 0）',
          location: { table: 'review', row: 'review', column: 'pending' },
          cells: ['review.review.pending'],
        },
      ],
    },
    {
      name: 'null cells that cannot be 0 (totals over non-zero parts): a warning naming them',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 2,
        'requests.newReceived.total': 2,
        'requests.granted.naturalPerson': 2,
        'requests.granted.total': null,
        'requests.resultTotal.naturalPerson': null,
        'requests.resultTotal.total': 2,
      }),
      findings: [
        {
          messageId: 'nullsNotZero',
          severity: 'warning',
          message:
            '表三有2格为空值（“（一）予以公开”行“总计”列、“（七）总计”行“自然人”列），其中“（一）予以公开”行“总计”列、“（七）总计”行“自然人”列读作 0 时勾稽关系不成立，请核对',
          location: { table: 'requests', row: 'granted', column: 'total' },
          cells: ['requests.granted.total', 'requests.resultTotal.naturalPerson'],
        },
      ],
    },
    {
      name: 'a placeholder and a bare blank in one table: one finding naming both conventions; unprinted rows are left to TPL rules',
      report: printed,
      findings: [
        {
          messageId: 'convention',
          severity: 'info',
          message: '表二以空白或“/”代替数字，共2格（第二十条第（一）项“规章”行“本年制发件数”列、第二十条第（一）项“规章”行“本年废止件数”列），应填写数字（没有发生的填 0）',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'issued' },
          span: { start: text.indexOf('/'), end: text.indexOf('/') + 1, line: 5, column: 4, text: '/' },
          cells: ['active.art20_1.rules.issued', 'active.art20_1.rules.repealed'],
        },
      ],
    },
    {
      name: 'sample 000: the blank 社会公益组织 cell of （七）总计',
      report: sample000,
      findings: [
        {
          messageId: 'convention',
          severity: 'info',
          message: '表三以空白代替数字，共1格（“（七）总计”行“社会公益组织”列），应填写数字（没有发生的填 0）',
          location: { table: 'requests', row: 'resultTotal', column: 'publicInterest' },
          span: { start: sample000.provenance['requests.resultTotal.publicInterest']!.start, end: sample000.provenance['requests.resultTotal.publicInterest']!.start, line: 341, column: 2, text: '' },
          cells: ['requests.resultTotal.publicInterest'],
        },
      ],
    },
    {
      name: 'sample 000 printed with “—” for 0: one finding per table, not one per cell',
      report: dashed,
      findings: [t2, t3, t4],
    },
    {
      name: '“—” for 0 and one wrong total: still one finding for 表三, a warning as two blanks cannot be 0',
      report: dashedWrongTotal,
      findings: [
        {
          ...t3,
          messageId: 'conventionNotZero',
          severity: 'warning',
          message: '表三以空白或“—”代替数字，共155格（如“一、本年新收政府信息公开申请数量”行“商业企业”列、“一、本年新收政府信息公开申请数量”行“科研机构”列、“一、本年新收政府信息公开申请数量”行“社会公益组织”列等），其中“二、上年结转政府信息公开申请数量”行“总计”列、“四、结转下年度继续办理”行“总计”列读作 0 时勾稽关系不成立，请核对',
        },
        t2,
        t4,
      ],
    },
    {
      name: '“—” for 0 and 表四 行政复议 总计 printed 1: one finding for 表四, a warning',
      report: dashedReviewTotal,
      findings: [
        {
          messageId: 'conventionNotZero',
          severity: 'warning',
          message: '表四以“—”代替数字，共14格（如“行政复议”“结果维持”、“行政复议”“结果纠正”、“行政复议”“其他结果”等），其中“行政复议”“结果维持”、“行政复议”“结果纠正”、“行政复议”“其他结果”等4格读作 0 时勾稽关系不成立，请核对',
          location: { table: 'review', row: 'review', column: 'upheld' },
          cells: ['review.review.upheld', 'review.review.corrected', 'review.review.other', 'review.review.pending', 'review.litigationDirect.upheld', 'review.litigationDirect.corrected', 'review.litigationDirect.other', 'review.litigationDirect.pending', 'review.litigationDirect.total', 'review.litigationAfterReview.upheld', 'review.litigationAfterReview.corrected', 'review.litigationAfterReview.other', 'review.litigationAfterReview.pending', 'review.litigationAfterReview.total'],
        },
        t2,
        t3,
      ],
    },
  ],
});
