import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample000 = extractReport(readFileSync(new URL('../../samples/000_6c4583cee035bde5.txt', import.meta.url), 'utf8'), { name: '000', format: 'txt' });
const oneEach = withCells(base, {
  'review.review.upheld': 1, 'review.review.total': 1,
  'review.litigationDirect.upheld': 1, 'review.litigationDirect.total': 1,
});
const review = (report: typeof base, text: string) => withFields(report, { sectionTexts: { review: text } });

// Shanghai 2019: "信息公开类行政复议7件，诉讼9件，均获维持", but 2 reviews and 1 lawsuit were pending.
const shanghai = withFields(
  withCells(baseReport({ template: '2019', year: 2019 }), {
    'review.review.upheld': 5, 'review.review.pending': 2, 'review.review.total': 7,
    'review.litigationDirect.upheld': 8, 'review.litigationDirect.pending': 1, 'review.litigationDirect.total': 9,
  }),
  { sectionTexts: { overview: '信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录。' } },
);

ruleCases('NAR-03', {
  valid: [
    { name: 'the builder report (2021)', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    { name: 'sample 000: 未发生…行政复议申请和行政诉讼案件, table all zero', report: sample000 },
    { name: 'counts and outcome agree', report: review(oneEach, '本年度因政府信息公开被申请行政复议1件，提起行政诉讼1件，均获维持。') },
    { name: '"各1件" gives both counts', report: review(oneEach, '行政复议和行政诉讼各1件。') },
    { name: 'litigation is the sum of 直接起诉 and 复议后起诉', report: review(withCells(oneEach, { 'review.litigationAfterReview.upheld': 1, 'review.litigationAfterReview.total': 1 }), '被提起行政诉讼2件，其中复议后起诉1件。') },
    { name: 'the organ\'s other reconsideration cases in section 一 are not read', report: withFields(base, { sectionTexts: { overview: '全年办理行政复议案件120件，行政应诉案件35件。' } }) },
    { name: 'approximations are not compared', report: review(base, '被申请行政复议约3件。') },
    { name: '"该行政复议件未被复议审查机关纠错" speaks of the outcome, not of no review', report: review(withCells(base, { 'review.review.upheld': 1, 'review.review.total': 1 }), '该行政复议件未被复议审查机关纠错。') },
    {
      name: '"未发生…被行政复议纠错或行政诉讼败诉情形" speaks of outcomes, not of no cases',
      report: withFields(oneEach, { sectionTexts: { overview: '全年未发生政府信息公开工作被行政复议纠错或行政诉讼败诉情形。' } }),
    },
    { name: 'region-wide counts (各部门…) are not the organ\'s', report: review(base, '各部门共发生政府信息公开行政复议案件3件，行政诉讼案件2件。') },
    { name: 'region-wide negation (全市未发生…) is not the organ\'s', report: review(oneEach, '全市未发生政府信息公开行政复议、行政诉讼案件。') },
    { name: '均获维持 with nothing pending or corrected', report: review(withCells(base, { 'review.review.upheld': 2, 'review.review.total': 2 }), '被申请行政复议2件，均获维持。') },
  ],
  invalid: [
    {
      name: 'Shanghai 2019: 均获维持 while cases are pending',
      report: shanghai,
      findings: [
        {
          messageId: 'upheld',
          severity: 'warning',
          message: '第一部分“总体情况”称行政复议“均获维持”，表四“行政复议”却有“尚未审结”2件',
          location: { section: 'overview' },
          span: { start: 17, end: 21, line: 1, text: '均获维持' },
        },
        {
          messageId: 'upheld',
          severity: 'warning',
          message: '第一部分“总体情况”称行政诉讼“均获维持”，表四“未经复议直接起诉”却有“尚未审结”1件',
          location: { section: 'overview' },
        },
      ],
    },
    {
      name: 'the narrative says none, the table has a review',
      report: review(withCells(base, { 'review.review.upheld': 1, 'review.review.total': 1 }), '本年度未发生政府信息公开行政复议、行政诉讼案件。'),
      findings: [
        {
          messageId: 'none',
          severity: 'warning',
          message: '第四部分“政府信息公开行政复议、行政诉讼情况”称未发生行政复议，表四“行政复议”的总计却为1件',
          location: { section: 'review' },
          span: { start: 3, end: 23, line: 1, text: '未发生政府信息公开行政复议、行政诉讼案件' },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: '"没有收到…行政复议申请" governs the count: none, the table has one',
      report: review(withCells(base, { 'review.review.upheld': 1, 'review.review.total': 1 }), '本年度没有收到政府信息公开行政复议申请。'),
      findings: [
        {
          messageId: 'none',
          severity: 'warning',
          message: '第四部分“政府信息公开行政复议、行政诉讼情况”称未发生行政复议，表四“行政复议”的总计却为1件',
          location: { section: 'review' },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: '"行政复议0件" is zero, the table has one',
      report: review(withCells(base, { 'review.review.upheld': 1, 'review.review.total': 1 }), '政府信息公开行政复议0件。'),
      findings: [
        {
          messageId: 'count',
          severity: 'warning',
          message: '第四部分“政府信息公开行政复议、行政诉讼情况”称行政复议0件，表四“行政复议”的总计为1件，二者不一致',
          location: { section: 'review' },
          span: { start: 6, end: 12, line: 1, text: '行政复议0件' },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: 'a litigation count in Chinese numerals differs from the two litigation groups together',
      report: review(
        withCells(base, { 'review.litigationAfterReview.corrected': 1, 'review.litigationAfterReview.total': 1, 'review.litigationDirect.upheld': 1, 'review.litigationDirect.total': 1 }),
        '被申请行政复议0件，被提起行政诉讼一件。',
      ),
      findings: [
        {
          messageId: 'count',
          severity: 'warning',
          message: '第四部分“政府信息公开行政复议、行政诉讼情况”称行政诉讼1件，表四“未经复议直接起诉”与“复议后起诉”的总计为2件，二者不一致',
          location: { section: 'review' },
          span: { start: 13, end: 19, line: 1, text: '行政诉讼一件' },
          actual: 1,
          expected: 2,
        },
      ],
    },
  ],
});
