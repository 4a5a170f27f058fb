import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const y2020 = baseReport({ template: '2019', year: 2020 });
const y2019 = baseReport({ template: '2019', year: 2019 });
const y2021 = baseReport({ template: '2021', year: 2021 });
const other = (report: typeof y2020, text: string) => withFields(report, { sectionTexts: { other: text } });

ruleCases('APP-06', {
  valid: [
    { name: '2020: 本年度未收取信息处理费', report: other(y2020, '本年度未收取信息处理费。') },
    { name: '2020: 收取信息处理费0元', report: other(y2020, '本年度收取信息处理费0元。') },
    { name: '2020: 未发出收费通知', report: other(y2020, '本年度未发出收费通知，未收取信息处理费。') },
    { name: '2021: 共收取信息处理费200元', report: other(y2021, '本年度共收取信息处理费200元。') },
    { name: '2020: other charges are not the fee', report: other(y2020, '本年度行政事业性收费1200元。') },
  ],
  invalid: [
    {
      name: '2020: 共收取信息处理费200元',
      report: other(y2020, '本年度共收取信息处理费200元。'),
      findings: [
        {
          messageId: 'early',
          severity: 'warning',
          message:
            '第六部分“其他需要报告的事项”称收取信息处理费200元，而2020年度尚无信息处理费的收费办法（《政府信息公开信息处理费管理办法》自2021年1月1日起施行），请核实报告年度或所述费用',
          location: { section: 'other' },
          actual: 200,
          expected: 0,
        },
      ],
    },
    {
      name: '2019: fee notices in the overview, one finding for the first statement',
      report: withFields(y2019, { sectionTexts: { overview: '全年发出收费通知2件，金额共计600元，实际收取信息处理费600元。' } }),
      findings: [
        {
          messageId: 'early',
          severity: 'warning',
          message:
            '第一部分“总体情况”称发出收费通知2件，而2019年度尚无信息处理费的收费办法（《政府信息公开信息处理费管理办法》自2021年1月1日起施行），请核实报告年度或所述费用',
          location: { section: 'overview' },
          actual: 2,
        },
      ],
    },
  ],
});
