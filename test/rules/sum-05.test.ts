import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });

ruleCases('SUM-05', {
  valid: [
    { name: 'all zero', report: base },
    { name: 'the V2019 template, all zero', report: base2019 },
    {
      name: '2 upheld + 1 corrected + 0 other + 1 pending = 4',
      report: withCells(base, { 'review.review.upheld': 2, 'review.review.corrected': 1, 'review.review.pending': 1, 'review.review.total': 4 }),
    },
    { name: 'a blank 总计 alone is left to SUM-04 and CELL-02', report: withCells(base, { 'review.review.upheld': 1, 'review.review.total': null }) },
  ],
  invalid: [
    {
      name: 'V2021: one case upheld, total 0',
      report: withCells(base, { 'review.litigationDirect.upheld': 1 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '表四“未经复议直接起诉”总计(0)不等于结果维持、结果纠正、其他结果、尚未审结之和(1)',
          location: { table: 'review', row: 'litigationDirect' },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: 'V2019: 5 + 0 + 0 + 2 is 7, not 5 (the Shanghai 2019 figures with a wrong total)',
      report: withCells(base2019, { 'review.litigationAfterReview.upheld': 5, 'review.litigationAfterReview.pending': 2, 'review.litigationAfterReview.total': 5 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '表四“复议后起诉”总计(5)不等于结果维持、结果纠正、其他结果、尚未审结之和(7)',
          location: { table: 'review', row: 'litigationAfterReview' },
          actual: 5,
          expected: 7,
        },
      ],
    },
    {
      name: 'a blank outcome is reported as a blank, not as a mismatch',
      report: withCells(base, { 'review.review.corrected': null, 'review.review.total': 3 }),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表四“行政复议”“结果纠正”为空白，无法核对表四“行政复议”“总计等于结果维持、结果纠正、其他结果、尚未审结之和”',
          location: { table: 'review', row: 'review', column: 'corrected' },
        },
      ],
    },
  ],
});
