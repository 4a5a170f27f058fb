import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const government = withFields(baseReport({ agency: '某某县人民政府' }), { issuerType: 'government' });
const township = withFields(baseReport({ agency: '某某县某某镇人民政府' }), { issuerType: 'township' });
const street = withFields(baseReport({ agency: '某某区某某街道办事处' }), { issuerType: 'township' });
const covered = '将政务公开纳入年度绩效考核，开展社会评议，全年未发生责任追究情况。';

ruleCases('NAR-06', {
  valid: [
    { name: 'a department need not report 考核、评议、追究', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    { name: 'a government that reports all three', report: withFields(government, { sectionTexts: { overview: `${base.sections.overview}${covered}` } }) },
    { name: 'the three may be in any part of the report', report: withFields(government, { sectionTexts: { other: `${covered}本年度未收取信息处理费。` } }) },
    { name: 'a 街道办事处 is not a 人民政府', report: street },
  ],
  invalid: [
    {
      name: 'a county government that mentions 考核 only',
      report: withFields(government, { sectionTexts: { problems: `${base.sections.problems}考核结果已公开。` } }),
      findings: [
        {
          messageId: 'missing',
          severity: 'warning',
          message: '本报告为人民政府的年度报告，未写明社会评议、责任追究结果情况（条例第五十条第（四）项）',
          location: { section: 'overview' },
        },
      ],
    },
    {
      name: 'a 镇人民政府 is one of the 各级人民政府',
      report: township,
      findings: [
        {
          messageId: 'missing',
          severity: 'warning',
          message: '本报告为人民政府的年度报告，未写明工作考核、社会评议、责任追究结果情况（条例第五十条第（四）项）',
          location: { section: 'overview' },
        },
      ],
    },
  ],
});
