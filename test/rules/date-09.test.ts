import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const township = withFields(base, { agency: '某某县城关镇人民政府', issuerType: 'township' });
const local = { deadlines: [{ issuerType: 'township' as const, agencyPattern: '^某某县', month: 2, day: 20, source: '某某县规定' }] };

ruleCases('DATE-09', {
  valid: [
    { name: 'the base report (V2021): no publication date (a signing date gives no day count)', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'a township without configured deadline: no deadline to count from', report: withFields(township, { publishedOn: '2024-02-01' }) },
    { name: 'an invalid publication date', report: withFields(base, { publishedOn: '2024-13-01' }) },
  ],
  invalid: [
    {
      name: 'a department 11 days early',
      report: withFields(base, { publishedOn: '2024-01-20' }),
      findings: [
        {
          messageId: 'early',
          severity: 'info',
          message: '2023年度报告的发布日期为2024年1月20日，比适用期限2024年1月31日（《政府信息公开条例》第四十九条第一款）提前11天',
          location: { field: 'publishedOn' },
          actual: '2024-01-20',
          expected: '2024-01-31',
        },
      ],
    },
    {
      name: 'a department on the deadline day',
      report: withFields(base, { publishedOn: '2024-01-31' }),
      findings: [
        {
          messageId: 'onTime',
          severity: 'info',
          message: '2023年度报告的发布日期为2024年1月31日，恰为适用期限2024年1月31日（《政府信息公开条例》第四十九条第一款）当天',
          location: { field: 'publishedOn' },
        },
      ],
    },
    {
      name: 'a government 2 days late (a leap year: 2024-03-31 → 2024-04-02)',
      report: withFields(base, { agency: '某某市人民政府', issuerType: 'government', publishedOn: '2024-04-02' }),
      findings: [
        {
          messageId: 'late',
          severity: 'info',
          message: '2023年度报告的发布日期为2024年4月2日，比适用期限2024年3月31日（《政府信息公开条例》第四十九条第二款）晚2天',
          location: { field: 'publishedOn' },
        },
      ],
    },
    {
      name: 'a township counted from its configured local deadline',
      report: withFields(township, { publishedOn: '2024-03-01' }),
      config: local,
      findings: [
        {
          messageId: 'late',
          severity: 'info',
          message: '2023年度报告的发布日期为2024年3月1日，比适用期限2024年2月20日（某某县规定）晚10天',
          location: { field: 'publishedOn' },
          actual: '2024-03-01',
          expected: '2024-02-20',
        },
      ],
    },
    {
      name: 'a stricter local deadline for a department replaces 1月31日',
      report: withFields(base, { publishedOn: '2024-01-20' }),
      config: { deadlines: [{ issuerType: 'department', month: 1, day: 28, source: '某某市通知' }] },
      findings: [
        {
          messageId: 'early',
          severity: 'info',
          message: '2023年度报告的发布日期为2024年1月20日，比适用期限2024年1月28日（某某市通知）提前8天',
          location: { field: 'publishedOn' },
        },
      ],
    },
  ],
});
