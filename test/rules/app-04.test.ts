import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
const received = withCells(base, { 'requests.newReceived.naturalPerson': 3, 'requests.newReceived.total': 3 });
const overview = (report: typeof base, text: string) => withFields(report, { sectionTexts: { overview: text } });

ruleCases('APP-04', {
  valid: [
    { name: 'the builder report', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    { name: 'sample 001: 无依申请公开信息情况, table 0', report: sample('001_9dfa40035ded7d00') },
    { name: 'sample 003: 未收到政府信息公开申请, table 0', report: sample('003_587a12f256707b84') },
    { name: 'a statement limited to one kind of applicant', report: overview(received, '本年度未收到法人或其他组织的政府信息公开申请。') },
    { name: 'none of another subject (复议, 收费)', report: overview(received, '本年度未收到行政复议申请，无依申请公开收费情况。') },
    { name: '"除…外" limits the statement', report: overview(received, '除3件网上申请外，未收到政府信息公开申请。') },
  ],
  invalid: [
    {
      name: '"未收到政府信息公开申请" while the table counts 3',
      report: overview(received, '2023年，本局未收到政府信息公开申请。'),
      findings: [
        {
          messageId: 'none',
          severity: 'warning',
          message: '第一部分“总体情况”称未收到政府信息公开申请，表三“一、本年新收政府信息公开申请数量”总计却为3件',
          location: { section: 'overview' },
          span: { start: 8, end: 19, line: 1, text: '未收到政府信息公开申请' },
          actual: 0,
          expected: 3,
        },
      ],
    },
    {
      name: '"无依申请公开信息情况" (sample 001 wording) in section 三',
      report: withFields(received, { sectionTexts: { requests: '我局2023年无依申请公开信息情况。' } }),
      findings: [
        {
          messageId: 'none',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称未收到政府信息公开申请，表三“一、本年新收政府信息公开申请数量”总计却为3件',
          location: { section: 'requests' },
        },
      ],
    },
  ],
});
