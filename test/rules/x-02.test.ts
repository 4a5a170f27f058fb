import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

// 2022: 10 规章 in force. 2023: 3 issued, 1 repealed, so 12 in force (9 if all 3 were revisions).
const previous = withCells(baseReport({ year: 2022 }), { 'active.art20_1.rules.inForce': 10 });
const current = (inForce: number | null) =>
  withCells(baseReport({ year: 2023 }), { 'active.art20_1.rules.issued': 3, 'active.art20_1.rules.repealed': 1, 'active.art20_1.rules.inForce': inForce });

ruleCases('X-02', {
  valid: [
    { name: '10 + 3 − 1 = 12', previous, report: current(12) },
    { name: 'a blank cell is CELL-02’s', previous, report: current(null) },
    {
      name: 'V2019 → V2021 is not compared (X-04)',
      previous: withCells(baseReport({ template: '2019', year: 2020 }), { 'active.art20_1.rules.publishedTotal': 50 }),
      report: withCells(baseReport({ year: 2021 }), { 'active.art20_1.rules.inForce': 2 }),
    },
  ],
  invalid: [
    {
      name: '10 − 1 = 9: every issued document revised one in force — inside the band, shown as info with the gap',
      previous,
      report: current(9),
      findings: [
        {
          messageId: 'inBand',
          severity: 'info',
          message: '表二第二十条第（一）项“规章”行“现行有效件数”列(9)比上一年度（2022年）现行有效件数(10)加本年制发件数(3)减本年废止件数(1)所得的12少3件，在容许区间9～12内（本年制发的文件中有3件是对现行文件的修订时成立），请核对',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'inForce', year: 2023 },
          actual: 9,
          expected: 12,
        },
      ],
    },
    {
      name: 'in between: some revisions (info)',
      previous,
      report: current(10),
      findings: [
        {
          messageId: 'inBand',
          severity: 'info',
          message: '表二第二十条第（一）项“规章”行“现行有效件数”列(10)比上一年度（2022年）现行有效件数(10)加本年制发件数(3)减本年废止件数(1)所得的12少2件，在容许区间9～12内（本年制发的文件中有2件是对现行文件的修订时成立），请核对',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'inForce', year: 2023 },
          actual: 10,
          expected: 12,
        },
      ],
    },
    {
      name: '13 in force is more than 10 + 3 − 1',
      previous,
      report: current(13),
      findings: [
        {
          messageId: 'above',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行“现行有效件数”列(13)多于上一年度（2022年）现行有效件数(10)加本年制发件数(3)减本年废止件数(1)所得的12',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'inForce', year: 2023 },
          actual: 13,
          expected: 12,
        },
      ],
    },
    {
      name: '8 in force is less than 10 − 1',
      previous,
      report: current(8),
      findings: [
        {
          messageId: 'below',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行“现行有效件数”列(8)少于上一年度（2022年）现行有效件数(10)减本年废止件数(1)所得的9；按滚动关系应为12，即使本年制发的都是修订，也应不少于9',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'inForce', year: 2023 },
          actual: 8,
          expected: 12,
        },
      ],
    },
    {
      name: '行政规范性文件: 5 in force in 2022, 0 in 2023 with nothing repealed',
      previous: withCells(baseReport({ year: 2022 }), { 'active.art20_1.normativeDocs.inForce': 5 }),
      report: baseReport({ year: 2023 }),
      findings: [
        {
          messageId: 'below',
          severity: 'warning',
          message: '表二第二十条第（一）项“行政规范性文件”行“现行有效件数”列(0)少于上一年度（2022年）现行有效件数(5)减本年废止件数(0)所得的5；按滚动关系应为5，即使本年制发的都是修订，也应不少于5',
          location: { table: 'active', item: 'art20_1', row: 'normativeDocs', column: 'inForce', year: 2023 },
          actual: 0,
          expected: 5,
        },
      ],
    },
  ],
});
