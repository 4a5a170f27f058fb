import type { CheckableReport } from '../../src/check/types.ts';
import type { Cell } from '../../src/schema/types.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });

/** A copy with a printed subtotal row kept under its group key (not in the contract; see the rule's docs). */
function withSubtotal(report: CheckableReport, group: string, cells: Cell[]): CheckableReport {
  const copy = structuredClone(report);
  (copy.tables.requests as Record<string, Cell[]>)[group] = cells;
  return copy;
}

// 1 state secret and 2 third-party withholdings from natural persons: （三） subtotal 3.
const withheld = withCells(base, {
  'requests.denied.stateSecret.naturalPerson': 1,
  'requests.denied.stateSecret.total': 1,
  'requests.denied.thirdParty.naturalPerson': 2,
  'requests.denied.thirdParty.total': 2,
});

ruleCases('SUM-06', {
  valid: [
    { name: 'contract data has no subtotal rows: nothing to check', report: withheld },
    { name: 'V2019, no subtotal rows', report: base2019 },
    { name: 'a correct （三）不予公开 subtotal: 1 + 2 = 3', report: withSubtotal(withheld, 'denied', [3, 0, 0, 0, 0, 0, 3]) },
    { name: 'V2019 （六）其他处理 is a result row, not a subtotal', report: withCells(base2019, { 'requests.other.naturalPerson': 4 }) },
    {
      name: 'V2019 （五）不予处理 subtotal with a blank child that adds up read as 0',
      report: withSubtotal(withCells(base2019, { 'requests.notProcessed.duplicate.research': null }), 'notProcessed', [0, 0, 0, 0, 0, 0, 0]),
    },
  ],
  invalid: [
    {
      name: 'a （三）不予公开 subtotal of 4 over 1 + 2',
      report: withSubtotal(withheld, 'denied', [4, 0, 0, 0, 0, 0, 4]),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '（三）不予公开小计(4)不等于其下各项之和(3)，列：自然人',
          location: { table: 'requests', row: 'denied', column: 'naturalPerson' },
          actual: 4,
          expected: 3,
        },
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '（三）不予公开小计(4)不等于其下各项之和(3)，列：总计',
          location: { table: 'requests', row: 'denied', column: 'total' },
          actual: 4,
          expected: 3,
        },
      ],
    },
    {
      name: 'V2021 （六）其他处理 subtotal left blank over a case: a warning with the blank read as 0',
      report: withSubtotal(withCells(base, { 'requests.other.unpaidFee.business': 1 }), 'other', [0, null, 0, 0, 0, 0, 0]),
      findings: [
        {
          messageId: 'blankMismatch',
          severity: 'warning',
          message: '按空白为0计算，（六）其他处理小计应为1，实为空白（空白格：（六）其他处理小计），列：商业企业',
          location: { table: 'requests', row: 'other', column: 'business' },
          actual: null,
          expected: 1,
          cells: ['requests.other.noCorrection.business', 'requests.other.unpaidFee.business', 'requests.other.other.business', 'requests.other.business'],
        },
      ],
    },
    {
      name: 'known children already exceed the subtotal: an error whatever the blank child holds',
      report: withSubtotal(withCells(withheld, { 'requests.denied.prohibitedByLaw.naturalPerson': null }), 'denied', [2, 0, 0, 0, 0, 0, 3]),
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '（三）不予公开其下已知各项之和(3)已超过小计(2)，空白格（表三“2.其他法律行政法规禁止公开”行“自然人”列）无论填什么都不能相等，列：自然人',
          location: { table: 'requests', row: 'denied', column: 'naturalPerson' },
          actual: 2,
          expected: 3,
          cells: ['requests.denied.stateSecret.naturalPerson', 'requests.denied.prohibitedByLaw.naturalPerson', 'requests.denied.securityStability.naturalPerson', 'requests.denied.thirdParty.naturalPerson', 'requests.denied.internalAffairs.naturalPerson', 'requests.denied.processInfo.naturalPerson', 'requests.denied.enforcementFile.naturalPerson', 'requests.denied.adminQuery.naturalPerson', 'requests.denied.naturalPerson'],
        },
      ],
    },
  ],
});
