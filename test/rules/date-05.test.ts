import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const SECTIONS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
// A city's report compiled by the city government's office is the government's.
const cityText = ['淄博市人民政府办公室关于淄博市2020年政府信息公开工作年度报告', ...SECTIONS.flatMap((h) => [h, '无。']), '淄博市人民政府办公室', '2021年3月20日', ''].join('\n');
const city = extractReport(cityText, { name: 'city.txt', format: 'txt' });
const gov = withFields(base, { agency: '某某市人民政府', issuerType: 'government', signedOn: '2024-03-20' });

ruleCases('DATE-05', {
  valid: [
    { name: 'the base report (V2021): a department', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'a government signed 3月20日', report: gov },
    { name: 'a city report compiled by 市人民政府办公室, signed 2021-03-20', report: city },
    { name: 'published on the deadline day (“3月31日前” includes 31 March)', report: withFields(gov, { publishedOn: '2024-03-31' }) },
    { name: 'no date at all', report: withFields(gov, { signedOn: null }) },
    { name: 'a department signed in March is DATE-04’s finding', report: withFields(base, { signedOn: '2024-03-01' }) },
  ],
  invalid: [
    {
      name: 'published after 31 March',
      report: withFields(gov, { publishedOn: '2024-04-01' }),
      findings: [
        {
          messageId: 'published',
          severity: 'error',
          message: '2023年度报告的发布日期为2024年4月1日，晚于法定期限2024年3月31日（县级以上地方人民政府应在每年3月31日前公布本级政府上一年度报告）',
          location: { field: 'publishedOn' },
          actual: '2024-04-01',
          expected: '2024-03-31',
        },
      ],
    },
    {
      name: 'no publication date, signed after 31 March',
      report: withFields(gov, { signedOn: '2024-04-10' }),
      findings: [
        {
          messageId: 'signed',
          severity: 'error',
          message: '2023年度报告的落款日期为2024年4月10日，晚于法定期限2024年3月31日，发布日期不可能早于落款日期，因此未按期公布（县级以上地方人民政府应在每年3月31日前公布本级政府上一年度报告）',
          location: { field: 'signedOn' },
          actual: '2024-04-10',
          expected: '2024-03-31',
        },
      ],
    },
  ],
});
