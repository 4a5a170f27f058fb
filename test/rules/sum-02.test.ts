import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { requestRows } from '../../src/schema/requests.ts';
import type { Cell } from '../../src/schema/types.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';
import { dashedSample } from '../helpers/dashed-sample.ts';

const base = baseReport();
const { dashed, dashedWrongTotal } = dashedSample();
const base2019 = baseReport({ template: '2019' });

// The 2021 format fixture with four rows of 不予公开 not printed (TPL-09 reports them); and the same with a printed row above its total.
const V2021_TEXT = readFileSync(new URL('../fixtures/formats/v2021.txt', import.meta.url), 'utf8');
const cut = (text: string) => extractReport(text.replace(/5\.属于三类内部事务信息[^\n]*\n6\.属于四类过程性信息[^\n]*\n7\.属于行政执法案卷[^\n]*\n8\.属于行政查询事项[^\n]*\n/, ''), { name: 'v2021.txt', format: 'txt' });
const rowsCut = cut(V2021_TEXT);
const rowsCutExceeding = cut(V2021_TEXT.replace('1.属于国家秘密\t0\t0\t4\t0\t0\t4\t8', '1.属于国家秘密\t0\t0\t4\t0\t0\t800\t804'));

// The cells of the identity （七）总计 = Σ results, in one column: every result row, then the total.
const resultColumn = (template: '2019' | '2021', column: string) =>
  [...requestRows(template).filter((r) => r.result), { key: 'resultTotal' }].map((r) => `requests.${r.key}.${column}`);

// Every result row of the 2019 「其他」column blank, and its （七）总计 too: 19 + 1 cells.
const blankColumn2019: Record<string, Cell> = Object.fromEntries(
  [...requestRows('2019').filter((r) => r.result), { key: 'resultTotal' }].map((r) => [`requests.${r.key}.other`, null]),
);

ruleCases('SUM-02', {
  valid: [
    { name: 'all zero', report: base },
    { name: 'rows not printed at all: their absence is TPL-09’s finding, the totals they leave short are not reported again per column', report: rowsCut },
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
      name: 'blank results that add up with the blanks read as 0 give nothing (CELL-02 reports them once)',
      report: withCells(base, { 'requests.denied.stateSecret.research': null, 'requests.unavailable.notHeld.research': null }),
    },
    { name: 'a table printed with “—” for 0 that adds up', report: dashed },
    {
      name: 'a blank result cell and a blank total: the total is SUM-04\'s',
      report: withCells(base, { 'requests.unavailable.notHeld.legal': null, 'requests.resultTotal.legal': null }),
    },
    { name: 'V2019: a whole blank column, its total too', report: withCells(base2019, blankColumn2019) },
    {
      name: 'a blank （七）总计 alone is left to SUM-04 and CELL-02',
      report: withCells(base, { 'requests.granted.business': 2, 'requests.resultTotal.business': null }),
    },
  ],
  invalid: [
    {
      name: 'rows not printed do not hide known parts that already exceed the total',
      report: rowsCutExceeding,
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '各项办理结果中已知各项之和(878)已超过（七）总计(112)，空白格（表三“5.属于三类内部事务信息”行“其他”列、表三“6.属于四类过程性信息”行“其他”列、表三“7.属于行政执法案卷”行“其他”列等4格）无论填什么都不能相等，列：其他',
          location: { table: 'requests', column: 'other' },
        },
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '各项办理结果中已知各项之和(1276)已超过（七）总计(630)，空白格（表三“5.属于三类内部事务信息”行“总计”列、表三“6.属于四类过程性信息”行“总计”列、表三“7.属于行政执法案卷”行“总计”列等4格）无论填什么都不能相等，列：总计',
          location: { table: 'requests', column: 'total' },
        },
      ],
    },
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
      name: 'blank result cells with the total known: a warning when they do not add up with the blanks read as 0',
      report: withCells(base, { 'requests.denied.stateSecret.research': null, 'requests.resultTotal.research': 5 }),
      findings: [
        {
          messageId: 'blankMismatch',
          severity: 'warning',
          message: '按空白为0计算，（七）总计应为0，实为5（空白格：表三“1.属于国家秘密”行“科研机构”列），列：科研机构',
          location: { table: 'requests', column: 'research' },
          actual: 5,
          expected: 0,
          cells: resultColumn('2021', 'research'),
        },
      ],
    },
    {
      name: 'known results already exceed （七）总计: an error whatever the blank holds',
      report: withCells(base, { 'requests.granted.research': 6, 'requests.denied.stateSecret.research': null, 'requests.resultTotal.research': 5 }),
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '各项办理结果中已知各项之和(6)已超过（七）总计(5)，空白格（表三“1.属于国家秘密”行“科研机构”列）无论填什么都不能相等，列：科研机构',
          location: { table: 'requests', column: 'research' },
          actual: 5,
          expected: 6,
          cells: resultColumn('2021', 'research'),
        },
      ],
    },
    {
      name: 'a table printed with “—” for 0 and one wrong total: the error is found',
      report: dashedWrongTotal,
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message:
            '各项办理结果中已知各项之和(2)已超过（七）总计(1)，空白格（表三“（二）部分公开”行“总计”列、表三“1.属于国家秘密”行“总计”列、表三“2.其他法律行政法规禁止公开”行“总计”列等18格）无论填什么都不能相等，列：总计',
          location: { table: 'requests', column: 'total' },
          actual: 1,
          expected: 2,
        },
      ],
    },
  ],
});
