import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

// 2019: 5 licensing matters the year before, 2 fewer this year, so 3 in 2020's 上一年项目数量.
const previous = withCells(baseReport({ template: '2019', year: 2019 }), { 'active.art20_5.licensing.lastYear': 5, 'active.art20_5.licensing.change': -2 });
const current = (lastYear: number | null) => withCells(baseReport({ template: '2019', year: 2020 }), { 'active.art20_5.licensing.lastYear': lastYear });

ruleCases('X-03', {
  valid: [
    { name: '5 − 2 = 3', previous, report: current(3) },
    { name: '处理决定数量 is not part of it', previous: withCells(previous, { 'active.art20_5.licensing.decisions': 93 }), report: current(3) },
    { name: 'a blank cell is CELL-02’s', previous, report: current(null) },
    { name: 'V2021 has no such columns', previous: baseReport({ year: 2022 }), report: baseReport({ year: 2023 }) },
  ],
  invalid: [
    {
      name: '6 instead of 5 − 2',
      previous,
      report: current(6),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '表二第二十条第（五）项“行政许可”行“上一年项目数量”列(6)不等于上一年度（2019年）报告的上一年项目数量(5)加本年增/减(-2)之和(3)',
          location: { table: 'active', item: 'art20_5', row: 'licensing', column: 'lastYear', year: 2020 },
          actual: 6,
          expected: 3,
        },
      ],
    },
    {
      name: '行政事业性收费: 2 + 1 is 3, not 0',
      previous: withCells(baseReport({ template: '2019', year: 2019 }), { 'active.art20_8.fees.lastYear': 2, 'active.art20_8.fees.change': 1 }),
      report: baseReport({ template: '2019', year: 2020 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '表二第二十条第（八）项“行政事业性收费”行“上一年项目数量”列(0)不等于上一年度（2019年）报告的上一年项目数量(2)加本年增/减(1)之和(3)',
          location: { table: 'active', item: 'art20_8', row: 'fees', column: 'lastYear', year: 2020 },
          actual: 0,
          expected: 3,
        },
      ],
    },
  ],
});
