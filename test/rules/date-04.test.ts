import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8'), { name, format: 'txt' });
const SECTIONS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const lateText = ['某某市交通运输局', '2020年政府信息公开工作年度报告', ...SECTIONS.flatMap((h) => [h, '无。']), '某某市交通运输局', '2021年2月3日', ''].join('\n');
const late = extractReport(lateText, { name: 'x.txt', format: 'txt' });
// A city's report compiled by the city government's office: the government's 3月31日 applies.
const cityText = ['淄博市人民政府办公室关于淄博市2020年政府信息公开工作年度报告', ...SECTIONS.flatMap((h) => [h, '无。']), '淄博市人民政府办公室', '2021年3月20日', ''].join('\n');
const city = extractReport(cityText, { name: 'city.txt', format: 'txt' });
const yueyang = { deadlines: [{ issuerType: 'department' as const, month: 2, day: 29, source: '岳阳市规定：部门2月底前公布' }] };

ruleCases('DATE-04', {
  valid: [
    { name: 'the base report (V2021): department signed 1月20日', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'published on the deadline day (“1月31日前” includes 31 January)', report: withFields(base, { publishedOn: '2024-01-31' }) },
    { name: 'signed on the deadline day', report: withFields(base, { signedOn: '2024-01-31' }) },
    { name: 'no date at all: lateness cannot be shown', report: withFields(base, { signedOn: null }) },
    { name: 'a government has until 3月31日 (DATE-05)', report: withFields(base, { issuerType: 'government', signedOn: '2024-02-10' }) },
    { name: 'a city report compiled by 市人民政府办公室, signed 2021-03-20: the government’s deadline', report: city },
    { name: 'a township has no statutory date (DATE-06)', report: withFields(base, { issuerType: 'township', signedOn: '2024-02-10' }) },
    { name: 'the known publication date decides, not a later signing date (DATE-07)', report: withFields(base, { publishedOn: '2024-01-30', signedOn: '2024-02-05' }) },
    { name: 'sample 001 (signed 2020-01-28)', report: sample('001_9dfa40035ded7d00.txt') },
    { name: 'sample 004 (signed 2021-01-25)', report: sample('004_bce8275da3ca3d23.txt') },
  ],
  invalid: [
    {
      name: 'published after 31 January',
      report: withFields(base, { publishedOn: '2024-02-01' }),
      findings: [
        {
          messageId: 'published',
          severity: 'error',
          message: '2023年度报告的发布日期为2024年2月1日，晚于法定期限2024年1月31日（县级以上人民政府部门应在每年1月31日前公布上一年度报告）',
          location: { field: 'publishedOn' },
          actual: '2024-02-01',
          expected: '2024-01-31',
        },
      ],
    },
    {
      name: 'no publication date, but signed after the deadline: the signing date proves lateness',
      report: late,
      findings: [
        {
          messageId: 'signed',
          severity: 'error',
          message: '2020年度报告的落款日期为2021年2月3日，晚于法定期限2021年1月31日，发布日期不可能早于落款日期，因此未按期公布（县级以上人民政府部门应在每年1月31日前公布上一年度报告）',
          location: { field: 'signedOn' },
          span: { start: lateText.indexOf('2021年2月3日'), end: lateText.indexOf('2021年2月3日') + 9, line: 16, column: 1, text: '2021年2月3日' },
          actual: '2021-02-03',
          expected: '2021-01-31',
        },
      ],
    },
    {
      name: 'a later local deadline (岳阳 “2月底”) does not relax art. 49',
      report: withFields(base, { publishedOn: '2024-02-20' }),
      config: yueyang,
      findings: [
        {
          messageId: 'published',
          severity: 'error',
          message: '2023年度报告的发布日期为2024年2月20日，晚于法定期限2024年1月31日（县级以上人民政府部门应在每年1月31日前公布上一年度报告）',
          location: { field: 'publishedOn' },
        },
      ],
    },
  ],
});
