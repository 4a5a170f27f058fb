import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';
import { dashedSample } from '../helpers/dashed-sample.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });

const { dashed, dashedReviewTotal } = dashedSample();
ruleCases('SUM-05', {
  valid: [
    { name: 'all zero', report: base },
    { name: 'the V2019 template, all zero', report: base2019 },
    {
      name: '2 upheld + 1 corrected + 0 other + 1 pending = 4',
      report: withCells(base, { 'review.review.upheld': 2, 'review.review.corrected': 1, 'review.review.pending': 1, 'review.review.total': 4 }),
    },
    { name: 'a blank outcome that adds up with the blanks read as 0', report: withCells(base, { 'review.review.corrected': null }) },
    { name: 'table 四 printed with “—” for 0', report: dashed },
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
      name: 'a blank outcome under a known total: a warning when the blanks read as 0 do not add up',
      report: withCells(base, { 'review.review.corrected': null, 'review.review.total': 3 }),
      findings: [
        {
          messageId: 'blankMismatch',
          severity: 'warning',
          message: '表四“行政复议”：按空白为0计算，总计应为0，实为3（空白格：表四“行政复议”“结果纠正”）',
          location: { table: 'review', row: 'review' },
          actual: 3,
          expected: 0,
          cells: ['review.review.upheld', 'review.review.corrected', 'review.review.other', 'review.review.pending', 'review.review.total'],
        },
      ],
    },
    {
      name: 'known outcomes already exceed the total: an error whatever the blank holds',
      report: withCells(base, { 'review.review.upheld': 4, 'review.review.corrected': null, 'review.review.total': 3 }),
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '表四“行政复议”：结果维持、结果纠正、其他结果、尚未审结中已知各格之和(4)已超过总计(3)，空白格（表四“行政复议”“结果纠正”）无论填什么都不能相等',
          location: { table: 'review', row: 'review' },
          actual: 3,
          expected: 4,
          cells: ['review.review.upheld', 'review.review.corrected', 'review.review.other', 'review.review.pending', 'review.review.total'],
        },
      ],
    },
    {
      name: 'table 四 printed with “—” for 0 and a total of 1: only the blanks read as 0 break it, a warning',
      report: dashedReviewTotal,
      findings: [
        {
          messageId: 'blankMismatch',
          severity: 'warning',
          message: '表四“行政复议”：按空白为0计算，总计应为0，实为1（空白格：表四“行政复议”“结果维持”、表四“行政复议”“结果纠正”、表四“行政复议”“其他结果”等4格）',
          location: { table: 'review', row: 'review' },
          actual: 1,
          expected: 0,
          cells: ['review.review.upheld', 'review.review.corrected', 'review.review.other', 'review.review.pending', 'review.review.total'],
        },
      ],
    },
  ],
});
