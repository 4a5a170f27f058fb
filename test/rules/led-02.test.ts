import { ledgerTables } from '../../src/check/ledger/tables.ts';
import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';

// 2023: two applications of natural persons, one granted, one still pending on 31 December.
const ledger = ledgerOf({ applications: [application('1'), application('2', { receivedOn: '2023-12-20', result: null, decidedOn: null })] });
const published = baseReport({ year: 2023, tables: ledgerTables(ledger, 2023, '2021').tables });

ledgerRuleCases('LED-02', {
  valid: [
    { name: 'the published tables are the ledger’s', year: 2023, ledger, published },
    { name: 'nothing published: nothing to compare', year: 2023, ledger },
    { name: 'a 2019-format report is not compared with a 2023 ledger', year: 2023, ledger, published: baseReport({ template: '2019' }) },
    {
      name: 'a table 二 cell the ledger has no figure for is not compared',
      year: 2023,
      ledger,
      published: withCells(published, { 'active.art20_5.licensing.decisions': 12 }),
    },
  ],
  invalid: [
    {
      name: 'the carried-forward application left out of the report, and a blank review total',
      year: 2023,
      ledger,
      published: withCells(published, { 'requests.carriedForward.naturalPerson': 0, 'requests.carriedForward.total': 0, 'review.review.total': null }),
      findings: [
        {
          messageId: 'mismatch', severity: 'error', message: '表三“四、结转下年度继续办理”行“自然人”列：发布的报告为 0，台账计算为 1',
          location: { table: 'requests', row: 'carriedForward', column: 'naturalPerson' }, actual: 0, expected: 1,
        },
        {
          messageId: 'mismatch', severity: 'error', message: '表三“四、结转下年度继续办理”行“总计”列：发布的报告为 0，台账计算为 1',
          location: { table: 'requests', row: 'carriedForward', column: 'total' }, actual: 0, expected: 1,
        },
        {
          messageId: 'mismatch', severity: 'error', message: '表四“行政复议”“总计”：发布的报告为 空白，台账计算为 0',
          location: { table: 'review', row: 'review', column: 'total' }, actual: null, expected: 0,
        },
      ],
    },
  ],
});
