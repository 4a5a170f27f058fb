import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { randomTables } from '../helpers/random-report.ts';
import { baseReport, withCells, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t) =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const base = baseReport();
const base2019 = baseReport({ template: '2019' });
const negativePrinted = printed('2021', (t) => t.replace('规章\t0\t0\t0', '规章\t0\t-3\t0'));
const p = negativePrinted.provenance['active.art20_1.rules.repealed']!;

ruleCases('CELL-01', {
  valid: [
    { name: 'baseReport()', report: base },
    { name: 'baseReport 2019', report: base2019 },
    { name: 'random consistent tables, 2019', report: baseReport({ template: '2019', tables: randomTables('2019', 11) }) },
    { name: 'random consistent tables, 2021', report: baseReport({ tables: randomTables('2021', 12) }) },
    { name: 'the signed 本年增/减 may be negative', report: withCells(base2019, { 'active.art20_5.licensing.lastYear': 5, 'active.art20_5.licensing.change': -3 }) },
    { name: 'money is not a count', report: withCells(base, { 'active.art20_8.fees.amount': 37.79 }) },
    { name: 'a blank cell is CELL-02’s business', report: withCells(base, { 'requests.granted.total': null, 'review.review.total': null }) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'a negative count in 三',
      report: withCells(base, { 'requests.newReceived.naturalPerson': -1 }),
      findings: [
        {
          messageId: 'negative',
          severity: 'error',
          message: '表三“一、本年新收政府信息公开申请数量”行“自然人”列为-1，应为不小于0的整数（件数不能为负数）',
          location: { table: 'requests', row: 'newReceived', column: 'naturalPerson' },
          actual: -1,
          expected: '≥ 0 的整数',
        },
      ],
    },
    {
      name: 'a fraction in 四',
      report: withCells(base2019, { 'review.litigationDirect.upheld': 1.5 }),
      findings: [
        {
          messageId: 'fraction',
          severity: 'error',
          message: '表四“未经复议直接起诉”“结果维持”为1.5，应为不小于0的整数（件数不能有小数）',
          location: { table: 'review', row: 'litigationDirect', column: 'upheld' },
          actual: 1.5,
        },
      ],
    },
    {
      name: 'a negative 处理决定数量 in 二 (2019)',
      report: withCells(base2019, { 'active.art20_6.penalty.decisions': -2 }),
      findings: [
        {
          messageId: 'negative',
          severity: 'error',
          message: '表二第二十条第（六）项“行政处罚”行“处理决定数量”列为-2，应为不小于0的整数（件数不能为负数）',
          location: { table: 'active', item: 'art20_6', row: 'penalty', column: 'decisions' },
        },
      ],
    },
    {
      name: 'printed “-3” 本年废止件数 (span of the cell)',
      report: negativePrinted,
      findings: [
        {
          messageId: 'negative',
          severity: 'error',
          message: '表二第二十条第（一）项“规章”行“本年废止件数”列为-3，应为不小于0的整数（件数不能为负数）',
          location: { table: 'active', item: 'art20_1', row: 'rules', column: 'repealed' },
          span: { start: p.start, end: p.end, line: p.line, column: 6, text: '-3' },
          actual: -3,
        },
      ],
    },
  ],
});
