import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { LAYOUTS, reportText } from '../helpers/layouts.ts';
import { baseReport, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t, layout: (typeof LAYOUTS)[number] = 'tabs') =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const HEADER = '本年收费金额（单位：万元）';
const WHERE = `表二第二十条第（八）项“${HEADER}”列`;

const noUnit = printed('2021', (t) => t.replace(HEADER, '本年收费金额'));
const yuan = printed('2021', (t) => t.replace(HEADER, '本年收费金额（单位：元）'));

ruleCases('TPL-13', {
  valid: [
    { name: 'baseReport() has no printed header: nothing to judge', report: baseReport() },
    { name: 'baseReport 2019 (the rule is for the 2021 format)', report: baseReport({ template: '2019' }) },
    { name: 'printed 2019 format', report: printed('2019') },
    ...LAYOUTS.map((layout) => ({ name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) })),
    { name: '“本年收费金额（万元）”', report: printed('2021', (t) => t.replace(HEADER, '本年收费金额（万元）')) },
    { name: 'a header broken in two cells: “本年收费金额（单位：” | “万元）”', report: printed('2021', (t) => t.replace(HEADER, '本年收费金额（单位：\t万元）')) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'the header has no unit',
      report: noUnit,
      findings: [
        {
          messageId: 'missingUnit',
          severity: 'error',
          message: `${WHERE}的表头印为“本年收费金额”，未标明单位；法定表头为“${HEADER}”`,
          location: { table: 'active', item: 'art20_8', column: 'amount' },
          span: { ...noUnit.structure.labels['active.art20_8.header.amount']!, column: 6 },
          actual: '本年收费金额',
          expected: HEADER,
        },
      ],
    },
    {
      name: 'the header says 元',
      report: yuan,
      findings: [
        {
          messageId: 'wrongUnit',
          severity: 'error',
          message: `${WHERE}的表头印为“本年收费金额（单位：元）”，单位为“元”；法定单位为万元，表头应为“${HEADER}”`,
          location: { table: 'active', item: 'art20_8', column: 'amount' },
          span: { ...yuan.structure.labels['active.art20_8.header.amount']!, column: 6 },
        },
      ],
    },
  ],
});
