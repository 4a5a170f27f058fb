import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const unpaid = (n: number, other: string) =>
  withFields(withCells(base, { 'requests.other.unpaidFee.naturalPerson': n, 'requests.other.unpaidFee.total': n }), { sectionTexts: { other } });

ruleCases('APP-01', {
  valid: [
    { name: 'the builder report: no unpaid fee', report: base },
    { name: 'notices issued ≥ unpaid applications', report: unpaid(2, '本年度共发出收费通知3件，金额共计600元，实际收取信息处理费200元。') },
    { name: 'notices issued = unpaid applications', report: unpaid(2, '本年度发出信息处理费收费通知两件，申请人均逾期未缴纳。') },
    { name: 'an approximate number of notices is not compared', report: unpaid(5, '全年发出收费通知约3件。') },
    { name: 'the 2019 format has no fee row (rule not applied)', report: baseReport({ template: '2019' }) },
  ],
  invalid: [
    {
      name: 'fewer notices than unpaid applications',
      report: unpaid(3, '本年度共发出收费通知2件。'),
      findings: [
        {
          messageId: 'fewer',
          severity: 'warning',
          message: '表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）为3件，第六部分“其他需要报告的事项”却称发出收费通知2件，少于该数',
          location: { section: 'other' },
          span: { start: 4, end: 12, line: 1, text: '发出收费通知2件' },
          actual: 2,
          expected: 3,
        },
      ],
    },
    {
      name: '"未发出收费通知" contradicts an unpaid fee',
      report: unpaid(1, '本机关未发出收费通知，未收取信息处理费。'),
      findings: [
        {
          messageId: 'none',
          severity: 'warning',
          message: '表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）为1件，第六部分“其他需要报告的事项”却称未发出收费通知',
          location: { section: 'other' },
          span: { start: 3, end: 10, line: 1, text: '未发出收费通知' },
        },
      ],
    },
    {
      name: '"未收取信息处理费" alone does not contradict, but the notices are not reported — info',
      report: unpaid(2, '本年度未收取信息处理费。'),
      findings: [
        {
          messageId: 'missing',
          severity: 'info',
          message: '表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）为2件，第六部分未报告发出收费通知的件数',
          location: { section: 'other' },
        },
      ],
    },
  ],
});
