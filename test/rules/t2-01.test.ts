import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();

ruleCases('T2-01', {
  valid: [
    { name: 'all zero', report: base },
    {
      name: '3 issued, 1 repealed, 2 in force: a start-of-year stock of 0',
      report: withCells(base, { 'active.art20_1.rules.issued': 3, 'active.art20_1.rules.repealed': 1, 'active.art20_1.rules.inForce': 2 }),
    },
    {
      name: 'more repealed than issued',
      report: withCells(base, { 'active.art20_1.normativeDocs.issued': 1, 'active.art20_1.normativeDocs.repealed': 4, 'active.art20_1.normativeDocs.inForce': 0 }),
    },
    { name: 'a blank 现行有效件数 is CELL-02’s', report: withCells(base, { 'active.art20_1.rules.issued': 3, 'active.art20_1.rules.inForce': null }) },
    { name: 'V2019 has no such columns', report: baseReport({ template: '2019' }) },
  ],
  invalid: [
    {
      name: '5 issued, 1 repealed, only 3 in force',
      report: withCells(base, { 'active.art20_1.rules.issued': 5, 'active.art20_1.rules.repealed': 1, 'active.art20_1.rules.inForce': 3 }),
      findings: [
        {
          messageId: 'stock',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行“现行有效件数”列(3)小于本年制发件数(5)减本年废止件数(1)之差，应不小于4，否则推算的年初现行有效件数为负',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'inForce' },
          actual: 3,
          expected: 4,
        },
      ],
    },
    {
      name: '行政规范性文件: 2 issued, none in force',
      report: withCells(base, { 'active.art20_1.normativeDocs.issued': 2 }),
      findings: [
        {
          messageId: 'stock',
          severity: 'warning',
          message: '表二第二十条第（一）项“行政规范性文件”行“现行有效件数”列(0)小于本年制发件数(2)减本年废止件数(0)之差，应不小于2，否则推算的年初现行有效件数为负',
          location: { table: 'active', item: 'art20_1', row: 'normativeDocs', column: 'inForce' },
          actual: 0,
          expected: 2,
        },
      ],
    },
  ],
});
