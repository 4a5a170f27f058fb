import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

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

ruleCases('CELL-02', {
  valid: [{ name: 'every cell filled', report: base }],
  invalid: [
    {
      name: 'a null cell in data without provenance is a blank',
      report: withCells(base, { 'review.review.pending': null }),
      findings: [{ messageId: 'blank', severity: 'warning', message: '表四“行政复议”“尚未审结”为空白，应填写数字（没有发生的填 0）', location: { table: 'review', row: 'review', column: 'pending' } }],
    },
    {
      name: 'a placeholder is info, a bare blank a warning; unprinted rows are left to TPL rules',
      report: printed,
      findings: [
        {
          messageId: 'blank',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行“本年废止件数”列为空白，应填写数字（没有发生的填 0）',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'repealed' },
        },
        {
          messageId: 'placeholder',
          severity: 'info',
          message: '表二第二十条第（一）项“规章”行“本年制发件数”列填写的是占位符“/”，应填写数字（没有发生的填 0）',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'issued' },
          span: { start: text.indexOf('/'), end: text.indexOf('/') + 1, line: 5, column: 4, text: '/' },
        },
      ],
    },
    {
      name: 'sample 000: the blank 社会公益组织 cell of （七）总计',
      report: sample000,
      findings: [
        {
          messageId: 'blank',
          severity: 'warning',
          message: '表三“（七）总计”行“社会公益组织”列为空白，应填写数字（没有发生的填 0）',
          location: { table: 'requests', row: 'resultTotal', column: 'publicInterest' },
          span: { start: sample000.provenance['requests.resultTotal.publicInterest']!.start, end: sample000.provenance['requests.resultTotal.publicInterest']!.start, line: 341, column: 2, text: '' },
        },
      ],
    },
  ],
});
