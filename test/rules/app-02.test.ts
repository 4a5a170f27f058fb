import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const fees = (amount: number | null, other: string) => withFields(withCells(base, { 'active.art20_8.fees.amount': amount }), { sectionTexts: { other } });

ruleCases('APP-02', {
  valid: [
    { name: 'the builder report: no fee collected', report: base },
    { name: '400元 collected, 二（八） 0.04万元', report: fees(0.04, '依据《政府信息公开信息处理费管理办法》规定，2023年实际收取信息处理费共计400元。') },
    { name: 'the ordinary 行政事业性收费 may be far larger', report: fees(37.79, '本年度实际收取信息处理费300元。') },
    { name: '"无" in section 六 does not contradict a 收费金额 in 二（八） (the reverse direction is the prior-art error)', report: fees(12.5, '无。') },
    { name: 'notice amounts (not necessarily paid) are not compared', report: fees(0, '发出收费通知2件，金额共计300元，申请人均未缴费。') },
    { name: 'an amount rounded to two decimals of 万元 is tolerated', report: fees(0.04, '实际收取信息处理费420元。') },
    { name: 'a blank 收费金额 is not compared', report: fees(null, '实际收取信息处理费400元。') },
    { name: 'the 2019 format (rule not applied)', report: withFields(baseReport({ template: '2019' }), { sectionTexts: { other: '实际收取信息处理费400元。' } }) },
  ],
  invalid: [
    {
      name: 'fees collected while 二（八） says 0',
      report: fees(0, '本年度共发出收费通知3件，金额共计1250元，实际收取信息处理费1000元。'),
      findings: [
        {
          messageId: 'less',
          severity: 'warning',
          message: '第六部分“其他需要报告的事项”称实际收取信息处理费1000元（0.1万元），表二第二十条第（八）项“本年收费金额”仅为0万元，信息处理费属于行政事业性收费，应计入其中',
          location: { section: 'other' },
          span: { start: 23, end: 37, line: 1, text: '实际收取信息处理费1000元' },
          actual: 0,
          expected: 0.1,
        },
      ],
    },
    {
      name: 'fees in 万元 more than 二（八）',
      report: fees(0.5, '全年收取信息处理费1.2万元。'),
      findings: [
        {
          messageId: 'less',
          severity: 'warning',
          message: '第六部分“其他需要报告的事项”称实际收取信息处理费12000元（1.2万元），表二第二十条第（八）项“本年收费金额”仅为0.5万元，信息处理费属于行政事业性收费，应计入其中',
          location: { section: 'other' },
        },
      ],
    },
  ],
});
