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
const at = (column: string) => ({ table: 'active' as const, item: 'art20_9', row: 'procurement', column });
const noProjects = printed('2019', (t) => t.replace('政府集中采购\t0\t0', '政府集中采购\t0\t5万元'));
const p = noProjects.provenance['active.art20_9.procurement.projects']!;

ruleCases('CELL-06', {
  valid: [
    { name: 'baseReport 2019: 0 and 0', report: base },
    { name: 'baseReport() (the rule is for the 2019 format)', report: baseReport() },
    { name: '18 projects, 37.79 万元 (sample 000)', report: withCells(base, { 'active.art20_9.procurement.projects': 18, 'active.art20_9.procurement.amount': 37.79 }) },
    { name: 'a blank cell is skipped', report: withCells(base, { 'active.art20_9.procurement.projects': null, 'active.art20_9.procurement.amount': 5 }) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'no project but an amount (printed; span of the 0)',
      report: noProjects,
      findings: [
        {
          messageId: 'amountWithoutProjects',
          severity: 'warning',
          message: '表二第二十条第（九）项“政府集中采购”行“采购项目数量”列为0，但采购总金额为5万元；有采购金额时采购项目数量应大于0',
          location: at('projects'),
          span: { start: p.start, end: p.end, line: p.line, column: 8, text: '0' },
          actual: 0,
          expected: '> 0',
        },
      ],
    },
    {
      name: 'projects but no amount',
      report: withCells(base, { 'active.art20_9.procurement.projects': 3, 'active.art20_9.procurement.amount': 0 }),
      findings: [
        {
          messageId: 'projectsWithoutAmount',
          severity: 'warning',
          message: '表二第二十条第（九）项“政府集中采购”行“采购总金额”列为0，但采购项目数量为3；有采购项目时采购总金额应大于0',
          location: at('amount'),
          actual: 0,
          expected: '> 0',
        },
      ],
    },
  ],
});
