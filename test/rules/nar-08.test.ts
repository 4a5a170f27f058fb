import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample003 = extractReport(readFileSync(new URL('../../samples/003_587a12f256707b84.txt', import.meta.url), 'utf8'), { name: '003', format: 'txt' });
const other = (text: string | null) => withFields(base, { sectionTexts: { other: text } });

ruleCases('NAR-08', {
  valid: [
    { name: 'the builder report: 本年度未收取信息处理费', report: base },
    { name: 'sample 003: 无收取依申请公开信息处理费情况', report: sample003 },
    { name: 'fees collected', report: other('依据《政府信息公开信息处理费管理办法》规定，2023年实际收取信息处理费共计400元。') },
    { name: '"未收取信息公开处理费" reports on the fee', report: other('本年度未收取信息公开处理费。') },
    { name: '"未收取信息处理费" in a longer sentence reports on the fee', report: other('本机关全年依法答复申请人，未收取信息处理费。') },
    { name: '"不收取任何费用" reports on the fee', report: other('本机关提供政府信息，不收取任何费用。') },
    { name: 'fee notices', report: other('本年度发出收费通知2件，申请人均未缴费。') },
    { name: 'the 2019 format has no fee yet (rule not applied)', report: withFields(baseReport({ template: '2019' }), { sectionTexts: { other: '无。' } }) },
    { name: 'a missing section 六 is TPL-03\'s finding', report: other(null) },
  ],
  invalid: [
    {
      name: 'section 六 is "无"',
      report: other('无。'),
      findings: [{ messageId: 'missing', severity: 'warning', message: '第六部分“其他需要报告的事项”未写明信息处理费收取情况（未收取也应写明）', location: { section: 'other' } }],
    },
    {
      name: 'section 六 without any fee wording ("未收到需要报告的其他事项")',
      report: other('本年度未收到需要报告的其他事项。'),
      findings: [{ messageId: 'missing', severity: 'warning', message: '第六部分“其他需要报告的事项”未写明信息处理费收取情况（未收取也应写明）', location: { section: 'other' } }],
    },
    {
      name: 'the fee is stated in section 三 instead — info',
      report: withFields(other('本年度建议提案均已办结。'), { sectionTexts: { requests: '本年度未收到政府信息公开申请，未收取信息处理费。' } }),
      findings: [
        {
          messageId: 'elsewhere',
          severity: 'info',
          message: '信息处理费收取情况写在第三部分“收到和处理政府信息公开申请情况”，未写在第六部分“其他需要报告的事项”',
          location: { section: 'requests' },
        },
      ],
    },
  ],
});
