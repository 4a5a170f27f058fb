import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, withCells, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t) =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const base = baseReport({ template: '2019' });
const tooMany = printed('2019', (t) => t.replace('行政处罚\t0\t0\t0', '行政处罚\t2\t-3\t5'));
const p = tooMany.provenance['active.art20_6.penalty.change']!;

ruleCases('CELL-03', {
  valid: [
    { name: 'baseReport 2019', report: base },
    { name: 'baseReport() (the rule is for the 2019 format)', report: baseReport() },
    { name: 'every item dropped: 5 − 5 = 0', report: withCells(base, { 'active.art20_5.licensing.lastYear': 5, 'active.art20_5.licensing.change': -5 }) },
    {
      name: '上一年项目数量 + 本年增/减 is not compared with 处理决定数量 (Wuhan 2020: 8 | +5 | 93)',
      report: withCells(base, { 'active.art20_5.licensing.lastYear': 8, 'active.art20_5.licensing.change': 5, 'active.art20_5.licensing.decisions': 93 }),
    },
    { name: 'a blank 上一年项目数量 is skipped', report: withCells(base, { 'active.art20_8.fees.lastYear': null, 'active.art20_8.fees.change': -4 }) },
    { name: 'printed “+5”', report: printed('2019', (t) => t.replace('行政许可\t0\t0\t0', '行政许可\t8\t+5\t93')) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'more items dropped than existed',
      report: withCells(base, { 'active.art20_5.otherServices.lastYear': 2, 'active.art20_5.otherServices.change': -3 }),
      findings: [
        {
          messageId: 'negative',
          severity: 'error',
          message: '表二第二十条第（五）项“其他对外管理服务事项”行“本年增/减”列为-3，上一年项目数量为2，二者之和（本年项目数量）为-1，应不小于0；本年减少的事项数不能多于上一年的2项',
          location: { table: 'active', item: 'art20_5', row: 'otherServices', column: 'change' },
          actual: -3,
          expected: '≥ -2',
        },
      ],
    },
    {
      name: 'printed 行政处罚 2 | -3 | 5 (span of 本年增/减)',
      report: tooMany,
      findings: [
        {
          messageId: 'negative',
          severity: 'error',
          message: '表二第二十条第（六）项“行政处罚”行“本年增/减”列为-3，上一年项目数量为2，二者之和（本年项目数量）为-1，应不小于0；本年减少的事项数不能多于上一年的2项',
          location: { table: 'active', item: 'art20_6', row: 'penalty', column: 'change' },
          span: { start: p.start, end: p.end, line: p.line, column: 8, text: '-3' },
        },
      ],
    },
    {
      name: 'a fractional 本年增/减',
      report: withCells(base, { 'active.art20_8.fees.change': 0.5 }),
      findings: [
        {
          messageId: 'fraction',
          severity: 'error',
          message: '表二第二十条第（八）项“行政事业性收费”行“本年增/减”列为0.5，应为整数（增加用正数，减少用负数）',
          location: { table: 'active', item: 'art20_8', row: 'fees', column: 'change' },
          actual: 0.5,
          expected: '整数',
        },
      ],
    },
  ],
});
