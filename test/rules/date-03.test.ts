import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();

ruleCases('DATE-03', {
  valid: [
    { name: 'the base report (V2021): no publication date', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'published on 1 January of the next year', report: withFields(base, { publishedOn: '2024-01-01' }) },
    { name: 'signed before the year ended, publication date unknown: DATE-07’s warning, not proof', report: withFields(base, { signedOn: '2023-06-01' }) },
    { name: 'an invalid publication date is not judged', report: withFields(base, { publishedOn: '2023-02-30' }) },
    { name: 'no report year', report: withFields(base, { year: null, publishedOn: '2023-12-01' }) },
  ],
  invalid: [
    {
      name: 'published before the report year ended',
      report: withFields(base, { publishedOn: '2023-12-28' }),
      findings: [
        {
          messageId: 'early',
          severity: 'error',
          message: '发布日期为2023年12月28日，早于2024年1月1日：2023年度报告须在统计年度结束后（2024年1月1日或以后）发布',
          location: { field: 'publishedOn' },
          actual: '2023-12-28',
          expected: '2024-01-01',
        },
      ],
    },
    {
      name: 'the V2019 template',
      report: withFields(baseReport({ template: '2019' }), { publishedOn: '2020-12-31' }),
      findings: [
        {
          messageId: 'early',
          severity: 'error',
          message: '发布日期为2020年12月31日，早于2021年1月1日：2020年度报告须在统计年度结束后（2021年1月1日或以后）发布',
          location: { field: 'publishedOn' },
        },
      ],
    },
  ],
});
