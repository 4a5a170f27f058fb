import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, withCells, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t) =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));

const base = baseReport({ template: '2019' });
const WHERE = '表二第二十条第（九）项“政府集中采购”行“采购总金额”列';
const LOCATION = { table: 'active' as const, item: 'art20_9', row: 'procurement', column: 'amount' };
const procurement = (cell: string, header = '采购总金额') =>
  printed('2019', (t) => t.replace('\t采购总金额', `\t${header}`).replace('政府集中采购\t0\t0', `政府集中采购\t3\t${cell}`));
const noUnit = procurement('12.5');
const p = noUnit.provenance['active.art20_9.procurement.amount']!;

ruleCases('CELL-05', {
  valid: [
    { name: 'baseReport 2019', report: base },
    { name: 'baseReport() (the rule is for the 2019 format)', report: baseReport() },
    { name: 'data: amounts are in 万元 by contract, no provenance to question', report: withCells(base, { 'active.art20_9.procurement.projects': 3, 'active.art20_9.procurement.amount': 12.5 }) },
    { name: 'printed “251000元” (Shanghai 2019)', report: procurement('251000元') },
    { name: 'printed “37.79万元”', report: procurement('37.79万元') },
    { name: 'the unit in the header: “采购总金额（万元）”', report: procurement('12.5', '采购总金额（万元）') },
    { name: 'a 0 without unit is 0 in any unit', report: procurement('0') },
    { name: 'sample 001: 0 without unit', report: sample('001_9dfa40035ded7d00') },
    { name: 'sample 004: 0 without unit', report: sample('004_bce8275da3ca3d23') },
    ...['000_6c4583cee035bde5', '002_9d093eecd5b1c4d3', '003_587a12f256707b84'].map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'printed “12.5” with no unit anywhere',
      report: noUnit,
      findings: [
        {
          messageId: 'noUnit',
          severity: 'warning',
          message: `${WHERE}印为“12.5”，单元格和表头都未标明单位（元或万元）；已按万元读取为12.5万元，若原意为元则应为0.00125万元`,
          location: LOCATION,
          span: { start: p.start, end: p.end, line: p.line, column: 10, text: '12.5' },
          actual: '12.5',
          expected: '元或万元',
        },
      ],
    },
    {
      name: 'a negative amount',
      report: withCells(base, { 'active.art20_9.procurement.amount': -3 }),
      findings: [{ messageId: 'negative', severity: 'error', message: `${WHERE}为-3万元，应为不小于0的金额`, location: LOCATION, actual: -3, expected: '≥ 0' }],
    },
  ],
});
