import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const other = (text: string) => withFields(base, { sectionTexts: { other: text } });

ruleCases('APP-03', {
  valid: [
    { name: 'the builder report: no fee', report: base },
    { name: '按件 35 applications in one month: 20 × 100 + 5 × 200 = 3000元', report: other('实际收取信息处理费3000元。') },
    { name: '按量 one 250-page request: 4700元; notice amounts too', report: other('发出收费通知1件，金额共计4700元，实际收取信息处理费4700元。') },
    { name: '万元 amounts are converted (0.47万元 = 4700元)', report: other('实际收取信息处理费0.47万元。') },
    { name: '0元 and approximations are not checked', report: other('实际收取信息处理费0元，发出收费通知金额约1255元。') },
    { name: 'other amounts in 六 (not the fee) are not checked', report: other('本年度行政事业性收费1235元。') },
  ],
  invalid: [
    {
      name: 'an amount no tier can give',
      report: other('本年度共发出收费通知3件，金额共计1255元，实际收取信息处理费1000元。'),
      findings: [
        {
          messageId: 'tier',
          severity: 'warning',
          message: '第六部分“其他需要报告的事项”称收费通知金额1255元，不是10元的整数倍，按收费标准（按件100元/件起，按量10、20、40元/页）得不出这一金额',
          location: { section: 'other' },
          span: { start: 13, end: 22, line: 1, text: '金额共计1255元' },
          actual: 1255,
        },
      ],
    },
    {
      name: '万元 amounts with an odd last digit',
      report: other('实际收取信息处理费0.1234万元。'),
      findings: [
        {
          messageId: 'tier',
          severity: 'warning',
          message: '第六部分“其他需要报告的事项”称实际收取信息处理费1234元，不是10元的整数倍，按收费标准（按件100元/件起，按量10、20、40元/页）得不出这一金额',
          location: { section: 'other' },
        },
      ],
    },
  ],
});
