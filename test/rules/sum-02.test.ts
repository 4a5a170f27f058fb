import { requestRows } from '../../src/schema/requests.ts';
import type { Cell } from '../../src/schema/types.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });

// Every result row of the 2019 「其他」column blank, and its （七）总计 too: 19 + 1 cells.
const blankColumn2019: Record<string, Cell> = Object.fromEntries(
  [...requestRows('2019').filter((r) => r.result), { key: 'resultTotal' }].map((r) => [`requests.${r.key}.other`, null]),
);

ruleCases('SUM-02', {
  valid: [
    { name: 'all zero', report: base },
    { name: 'the V2019 template, all zero', report: base2019 },
    {
      name: '2 granted + 1 partly granted + 1 withheld for a third party = 4',
      report: withCells(base, {
        'requests.granted.naturalPerson': 2,
        'requests.partlyGranted.naturalPerson': 1,
        'requests.denied.thirdParty.naturalPerson': 1,
        'requests.resultTotal.naturalPerson': 4,
      }),
    },
    {
      name: 'V2021 （六） has three rows: 1 + 1 + 1 = 3',
      report: withCells(base, {
        'requests.other.noCorrection.total': 1,
        'requests.other.unpaidFee.total': 1,
        'requests.other.other.total': 1,
        'requests.resultTotal.total': 3,
      }),
    },
    {
      name: 'a blank （七）总计 alone is left to SUM-04 and CELL-02',
      report: withCells(base, { 'requests.granted.business': 2, 'requests.resultTotal.business': null }),
    },
  ],
  invalid: [
    {
      name: 'V2021: 3 granted but （七）总计 says 2',
      report: withCells(base, { 'requests.granted.naturalPerson': 3, 'requests.resultTotal.naturalPerson': 2 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '（七）总计(2)不等于各项办理结果之和(3)，列：自然人',
          location: { table: 'requests', column: 'naturalPerson' },
          actual: 2,
          expected: 3,
        },
      ],
    },
    {
      name: 'V2021: a fee-unpaid case missing from the total column',
      report: withCells(base, { 'requests.other.unpaidFee.total': 1 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '（七）总计(0)不等于各项办理结果之和(1)，列：总计',
          location: { table: 'requests', column: 'total' },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: 'V2019: the single （六）其他处理 row counts',
      report: withCells(base2019, { 'requests.other.business': 2, 'requests.resultTotal.business': 1 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '（七）总计(1)不等于各项办理结果之和(2)，列：商业企业',
          location: { table: 'requests', column: 'business' },
          actual: 1,
          expected: 2,
        },
      ],
    },
    {
      name: 'a blank result cell is reported as a blank, not as a mismatch',
      report: withCells(base, { 'requests.denied.stateSecret.research': null, 'requests.resultTotal.research': 5 }),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表三“1.属于国家秘密”行“科研机构”列为空白，无法核对“（七）总计等于各项办理结果之和”，列：科研机构',
          location: { table: 'requests', row: 'denied.stateSecret', column: 'research' },
        },
      ],
    },
    {
      name: 'a blank result cell and a blank total are named together',
      report: withCells(base, { 'requests.unavailable.notHeld.legal': null, 'requests.resultTotal.legal': null }),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表三“1.本机关不掌握相关政府信息”行“法律服务机构”列、表三“（七）总计”行“法律服务机构”列为空白，无法核对“（七）总计等于各项办理结果之和”，列：法律服务机构',
          location: { table: 'requests', row: 'unavailable.notHeld', column: 'legal' },
        },
      ],
    },
    {
      name: 'V2019: a whole blank column is summarised after three cells',
      report: withCells(base2019, blankColumn2019),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表三“（一）予以公开”行“其他”列、表三“（二）部分公开”行“其他”列、表三“1.属于国家秘密”行“其他”列等20格为空白，无法核对“（七）总计等于各项办理结果之和”，列：其他',
          location: { table: 'requests', row: 'granted', column: 'other' },
        },
      ],
    },
  ],
});
