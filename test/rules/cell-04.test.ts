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

const base = baseReport();
const WHERE = '表二第二十条第（八）项“行政事业性收费”行“本年收费金额（单位：万元）”列';
const LOCATION = { table: 'active' as const, item: 'art20_8', row: 'fees', column: 'amount' };
const fees = (cell: string, header = '本年收费金额（单位：万元）') =>
  printed('2021', (t) => t.replace('本年收费金额（单位：万元）', header).replace('行政事业性收费\t0', `行政事业性收费\t${cell}`));
const inYuan = fees('3000元');
const headerYuan = fees('12345', '本年收费金额（单位：元）');
const tooFine = fees('1.234567');
const spanOf = (r: ReturnType<typeof fees>) => {
  const p = r.provenance['active.art20_8.fees.amount']!;
  return { start: p.start, end: p.end, line: p.line, text: p.text };
};

ruleCases('CELL-04', {
  valid: [
    { name: 'baseReport()', report: base },
    { name: 'baseReport 2019 (the rule is for the 2021 format)', report: baseReport({ template: '2019' }) },
    { name: '37.79 万元', report: withCells(base, { 'active.art20_8.fees.amount': 37.79 }) },
    { name: 'four decimals (to the 元)', report: withCells(base, { 'active.art20_8.fees.amount': 0.1234 }) },
    { name: 'printed 0.1234 under the 万元 header', report: fees('0.1234') },
    { name: 'printed “12.5万元”', report: fees('12.5万元') },
    { name: 'a blank amount is CELL-02’s business', report: withCells(base, { 'active.art20_8.fees.amount': null }) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'a negative amount',
      report: withCells(base, { 'active.art20_8.fees.amount': -1.5 }),
      findings: [{ messageId: 'negative', severity: 'error', message: `${WHERE}为-1.5万元，应为不小于0的金额`, location: LOCATION, actual: -1.5, expected: '≥ 0' }],
    },
    {
      name: 'a cell printed in 元 was converted',
      report: inYuan,
      findings: [
        {
          messageId: 'converted',
          severity: 'warning',
          message: `${WHERE}印为“3000元”，单位是元，已换算为0.3万元；法定单位为万元，请核对`,
          location: LOCATION,
          span: { ...spanOf(inYuan), column: 9 },
          actual: '3000元',
          expected: 0.3,
        },
      ],
    },
    {
      name: 'the header says 元: the cell was converted',
      report: headerYuan,
      findings: [{ messageId: 'converted', severity: 'warning', message: `${WHERE}印为“12345”，单位是元，已换算为1.2345万元；法定单位为万元，请核对`, location: LOCATION, span: { ...spanOf(headerYuan), column: 9 } }],
    },
    {
      name: 'six decimals printed',
      report: tooFine,
      findings: [
        {
          messageId: 'precision',
          severity: 'warning',
          message: `${WHERE}为1.234567万元，有6位小数；以万元为单位最多保留4位小数（精确到元）`,
          location: LOCATION,
          span: { ...spanOf(tooFine), column: 9 },
          actual: 1.234567,
          expected: '≤ 4 位小数',
        },
      ],
    },
    {
      name: 'data: five decimals',
      report: withCells(base, { 'active.art20_8.fees.amount': 0.12345 }),
      findings: [{ messageId: 'precision', severity: 'warning', message: `${WHERE}为0.12345万元，有5位小数；以万元为单位最多保留4位小数（精确到元）`, location: LOCATION }],
    },
  ],
});
