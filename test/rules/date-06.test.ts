import { fileURLToPath } from 'node:url';
import { loadCheckConfig } from '../../src/check/config.ts';
import type { CheckConfig } from '../../src/check/types.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
// The shipped example: 怀化市直部门 by 1月28日, townships of 怀化's counties by 2月20日.
const huaihua = await loadCheckConfig(fileURLToPath(new URL('../../docs/check-config.example.json', import.meta.url)));
const township = withFields(base, { agency: '鹤城区城北街道办事处', issuerType: 'township', signedOn: '2024-02-10' });
const zone = withFields(base, { agency: '某某经济开发区管委会', issuerType: 'other', signedOn: '2024-02-10' });
const both: CheckConfig = { deadlines: [{ issuerType: ['township', 'other'], month: 2, day: 15 }] };

ruleCases('DATE-06', {
  valid: [
    { name: 'the base report (V2021): a department, no configuration', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'several issuer types in one entry: on time', report: zone, config: both },
    { name: 'the base report with the 怀化 configuration (not a 怀化 agency)', report: base, config: huaihua },
    { name: 'a township on time for its local deadline', report: township, config: huaihua },
    { name: 'a township signed on the local deadline day', report: withFields(township, { signedOn: '2024-02-20' }), config: huaihua },
    { name: 'a township without configured deadline, signed before 3月31日', report: withFields(township, { signedOn: '2024-03-31' }) },
    { name: 'a township without any date', report: withFields(township, { signedOn: null }), config: huaihua },
    { name: 'a township of another city is not matched by the 怀化 entry', report: withFields(township, { agency: '某某县城关镇人民政府', signedOn: '2024-03-01' }), config: huaihua },
    { name: 'a 怀化 city department on time (1月28日)', report: withFields(base, { agency: '怀化市教育局', publishedOn: '2024-01-28' }), config: huaihua },
    { name: 'a county department of 怀化 keeps the statutory 1月31日', report: withFields(base, { agency: '怀化市鹤城区教育局', publishedOn: '2024-01-30' }), config: huaihua },
    { name: 'a 怀化 city department past 1月31日 is DATE-04’s error, not repeated here', report: withFields(base, { agency: '怀化市教育局', publishedOn: '2024-02-05' }), config: huaihua },
    {
      name: 'a local deadline later than art. 49 (岳阳 “2月底”) is not used for departments',
      report: withFields(base, { publishedOn: '2024-01-25' }),
      config: { deadlines: [{ issuerType: 'department', month: 2, day: 29, source: '岳阳市规定：部门2月底前公布' }] },
    },
  ],
  invalid: [
    {
      name: 'a township of 怀化 published after 2月20日',
      report: withFields(township, { publishedOn: '2024-02-21' }),
      config: huaihua,
      findings: [
        {
          messageId: 'published',
          severity: 'warning',
          message: '2023年度报告的发布日期为2024年2月21日，晚于地方规定的发布期限2024年2月20日（怀化市2021年通知：各县市区2月20日前公布所属乡镇（街道）年度报告）',
          location: { field: 'publishedOn' },
          actual: '2024-02-21',
          expected: '2024-02-20',
        },
      ],
    },
    {
      name: 'a township signed after its local deadline: the signing date proves lateness',
      report: withFields(township, { signedOn: '2024-02-25' }),
      config: huaihua,
      findings: [
        {
          messageId: 'signed',
          severity: 'warning',
          message: '2023年度报告的落款日期为2024年2月25日，晚于地方规定的发布期限2024年2月20日（怀化市2021年通知：各县市区2月20日前公布所属乡镇（街道）年度报告），发布日期不可能早于落款日期',
          location: { field: 'signedOn' },
          actual: '2024-02-25',
          expected: '2024-02-20',
        },
      ],
    },
    {
      name: 'a 怀化 city department between the local 1月28日 and the statutory 1月31日',
      report: withFields(base, { agency: '怀化市教育局', publishedOn: '2024-01-30' }),
      config: huaihua,
      findings: [
        {
          messageId: 'published',
          severity: 'warning',
          message: '2023年度报告的发布日期为2024年1月30日，晚于地方规定的发布期限2024年1月28日（怀化市2021年通知：市直部门1月28日前公布）',
          location: { field: 'publishedOn' },
        },
      ],
    },
    {
      name: 'several issuer types in one entry, no source given',
      report: withFields(zone, { signedOn: '2024-02-16' }),
      config: both,
      findings: [
        {
          messageId: 'signed',
          severity: 'warning',
          message: '2023年度报告的落款日期为2024年2月16日，晚于地方规定的发布期限2024年2月15日（核查配置中的地方期限），发布日期不可能早于落款日期',
          location: { field: 'signedOn' },
        },
      ],
    },
    {
      name: 'no configured deadline: info when signed after 3月31日',
      report: withFields(zone, { signedOn: '2024-04-02' }),
      findings: [
        {
          messageId: 'unconfiguredSigned',
          severity: 'info',
          message:
            '2023年度报告的落款日期为2024年4月2日，晚于2024年3月31日，发布日期不可能早于落款日期：条例对派出机构、法律法规授权组织等其他发布机关未规定发布期限，2024年3月31日是条例规定的最晚期限；未配置地方发布期限，请按当地规定核对',
          location: { field: 'signedOn' },
          actual: '2024-04-02',
          expected: '2024-03-31',
        },
      ],
    },
    {
      name: 'no configured deadline: info when published after 3月31日',
      report: withFields(township, { publishedOn: '2024-04-15' }),
      findings: [
        {
          messageId: 'unconfiguredPublished',
          severity: 'info',
          message:
            '2023年度报告的发布日期为2024年4月15日，晚于2024年3月31日：条例对乡镇人民政府、街道办事处未规定发布期限，2024年3月31日是条例规定的最晚期限；未配置地方发布期限，请按当地规定核对',
          location: { field: 'publishedOn' },
        },
      ],
    },
  ],
});
