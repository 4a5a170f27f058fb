import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => {
  const text = readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');
  return { text, report: extractReport(text, { name, format: 'txt' }) };
};
const s001 = sample('001_9dfa40035ded7d00.txt');
const at001 = s001.text.indexOf('2020年1月28日');

ruleCases('DATE-07', {
  valid: [
    { name: 'the base report (V2021): signed 1月20日 of the next year', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'signed on 1 January of the next year', report: withFields(base, { signedOn: '2024-01-01' }) },
    { name: 'signed and published the same day', report: withFields(base, { signedOn: '2024-01-25', publishedOn: '2024-01-25' }) },
    { name: 'no signing date', report: withFields(base, { signedOn: null }) },
    { name: 'an invalid signing date is not judged', report: withFields(base, { signedOn: '2024-02-30' }) },
    ...['000_6c4583cee035bde5.txt', '002_9d093eecd5b1c4d3.txt', '003_587a12f256707b84.txt', '004_bce8275da3ca3d23.txt'].map((n) => ({ name: `sample ${n}`, report: sample(n).report })),
  ],
  invalid: [
    {
      name: 'sample 001: a 2020 report signed 2020年1月28日',
      report: s001.report,
      findings: [
        {
          messageId: 'beforeYearEnd',
          severity: 'warning',
          message: '落款日期为2020年1月28日，不晚于2020年12月31日：2020年度报告应在统计年度结束后落款（2021年1月1日或以后）',
          location: { field: 'signedOn' },
          span: { start: at001, end: at001 + 10, line: 406, column: 1, text: '2020年1月28日' },
          actual: '2020-01-28',
          expected: '2021-01-01',
        },
      ],
    },
    {
      name: 'signed on the last day of the report year',
      report: withFields(base, { signedOn: '2023-12-31' }),
      findings: [
        {
          messageId: 'beforeYearEnd',
          severity: 'warning',
          message: '落款日期为2023年12月31日，不晚于2023年12月31日：2023年度报告应在统计年度结束后落款（2024年1月1日或以后）',
          location: { field: 'signedOn' },
        },
      ],
    },
    {
      name: 'signed after the known publication date',
      report: withFields(base, { signedOn: '2024-01-25', publishedOn: '2024-01-20' }),
      findings: [
        {
          messageId: 'afterPublication',
          severity: 'warning',
          message: '落款日期为2024年1月25日，晚于发布日期2024年1月20日：落款日期应不晚于发布日期',
          location: { field: 'signedOn' },
          actual: '2024-01-25',
          expected: '2024-01-20',
        },
      ],
    },
  ],
});
