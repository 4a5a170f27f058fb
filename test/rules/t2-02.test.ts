import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport({ template: '2019' });

ruleCases('T2-02', {
  valid: [
    { name: 'all zero', report: base },
    {
      name: '13 made, 13 published, 60 published in total',
      report: withCells(base, { 'active.art20_1.rules.madeThisYear': 13, 'active.art20_1.rules.publishedThisYear': 13, 'active.art20_1.rules.publishedTotal': 60 }),
    },
    {
      name: 'everything published this year: 3 of 3',
      report: withCells(base, { 'active.art20_1.normativeDocs.publishedThisYear': 3, 'active.art20_1.normativeDocs.publishedTotal': 3 }),
    },
    { name: 'a blank total is CELL-02’s', report: withCells(base, { 'active.art20_1.rules.publishedThisYear': 2, 'active.art20_1.rules.publishedTotal': null }) },
    { name: 'V2021 has no such columns', report: baseReport() },
  ],
  invalid: [
    {
      name: '5 published this year, 4 in total',
      report: withCells(base, { 'active.art20_1.normativeDocs.publishedThisYear': 5, 'active.art20_1.normativeDocs.publishedTotal': 4 }),
      findings: [
        {
          messageId: 'total',
          severity: 'warning',
          message: '表二第二十条第（一）项“规范性文件”行“对外公开总数量”列(4)小于本年新公开数量(5)；对外公开总数量包括本年新公开的文件，应不小于5',
          location: { table: 'active', item: 'art20_1', row: 'normativeDocs', column: 'publishedTotal' },
          actual: 4,
          expected: 5,
        },
      ],
    },
  ],
});
