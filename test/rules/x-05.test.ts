import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const y2022 = baseReport({ year: 2022 });
const y2023 = baseReport({ year: 2023 });
const received = (report: typeof y2022, n: number | null) => withCells(report, { 'requests.newReceived.total': n });

ruleCases('X-05', {
  valid: [
    { name: 'no change', previous: y2022, report: y2023 },
    { name: '4 → 20 is exactly 5 times, not more', previous: received(y2022, 4), report: received(y2023, 20) },
    { name: '0 → 9 changes by less than 10', previous: received(y2022, 0), report: received(y2023, 9) },
    { name: 'a blank cell is not compared', previous: received(y2022, 4), report: received(y2023, null) },
    {
      name: 'table 二 is not compared across the template switch (X-04)',
      previous: withCells(baseReport({ template: '2019', year: 2020 }), { 'active.art20_5.licensing.decisions': 0 }),
      report: withCells(baseReport({ year: 2021 }), { 'active.art20_5.licensing.decisions': 100 }),
    },
  ],
  invalid: [
    {
      name: '4 → 30 new applications',
      previous: received(y2022, 4),
      report: received(y2023, 30),
      findings: [
        {
          messageId: 'swing',
          severity: 'info',
          message: '表三“一、本年新收政府信息公开申请数量”行“总计”列由上一年度（2022年）的4变为30，相差超过 5 倍',
          location: { table: 'requests', row: 'newReceived', column: 'total', year: 2023 },
          actual: 30,
          expected: 4,
        },
      ],
    },
    {
      name: 'a fall counts too: 12 → 2 reviews; and 0 → 10 decisions (0 is taken as 1)',
      previous: withCells(y2022, { 'review.review.total': 12 }),
      report: withCells(y2023, { 'review.review.total': 2, 'active.art20_6.penalty.decisions': 10 }),
      findings: [
        {
          messageId: 'swing',
          severity: 'info',
          message: '表四“行政复议”“总计”由上一年度（2022年）的12变为2，相差超过 5 倍',
          location: { table: 'review', row: 'review', column: 'total', year: 2023 },
        },
        {
          messageId: 'swing',
          severity: 'info',
          message: '表二第二十条第（六）项“行政处罚”行“本年处理决定数量”列由上一年度（2022年）的0变为10，相差超过 5 倍',
          location: { table: 'active', item: 'art20_6', row: 'penalty', column: 'decisions', year: 2023 },
        },
      ],
    },
    {
      name: 'a fee amount 10000 times last year’s was probably entered in 元',
      previous: withCells(y2022, { 'active.art20_8.fees.amount': 2.5 }),
      report: withCells(y2023, { 'active.art20_8.fees.amount': 25000 }),
      findings: [
        {
          messageId: 'unit',
          severity: 'info',
          message: '表二第二十条第（八）项“行政事业性收费”行“本年收费金额（单位：万元）”列由上一年度（2022年）的2.5万元变为25000万元，为上年的10000倍，可能是按“元”而不是“万元”填报（按元换算为2.5万元）',
          location: { table: 'active', item: 'art20_8', row: 'fees', column: 'amount', year: 2023 },
          actual: 25000,
          expected: 2.5,
        },
      ],
    },
  ],
});
