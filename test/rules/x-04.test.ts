import { baseReport } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

ruleCases('X-04', {
  valid: [
    { name: 'V2021 → V2021', previous: baseReport({ year: 2022 }), report: baseReport({ year: 2023 }) },
    { name: 'V2019 → V2019', previous: baseReport({ template: '2019', year: 2019 }), report: baseReport({ template: '2019', year: 2020 }) },
    { name: 'a single report', report: baseReport({ year: 2021 }) },
  ],
  invalid: [
    {
      name: '2020 (V2019) → 2021 (V2021)',
      previous: baseReport({ template: '2019', year: 2020 }),
      report: baseReport({ year: 2021 }),
      findings: [
        {
          messageId: 'switch',
          severity: 'info',
          message: '上一年度（2020年）报告采用 2019 格式，本年度采用 2021 格式，表二统计项目不同，不作跨年度比较；表三、表四照常比较',
          location: { table: 'active', year: 2021 },
        },
      ],
    },
  ],
});
