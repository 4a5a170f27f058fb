import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t) =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const data = structuredClone(baseReport());
data.tables.active.extra = [{ item: 'art20_6', label: '行政检查', cells: [12] }];

ruleCases('TPL-07', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    { name: 'printed 2019 format', report: printed('2019') },
    { name: 'printed 2021 format', report: printed('2021') },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'Hubei’s 其他主动公开文件 in （一） (2019)',
      report: printed('2019', (t) => t.replace('规范性文件\t0\t0\t0\n', '规范性文件\t0\t0\t0\n其他主动公开文件\t5\t\t20\n')),
      findings: [
        {
          messageId: 'extra',
          severity: 'info',
          message: '表二第二十条第（一）项有法定格式以外的行“其他主动公开文件”（数值：5、空白、20）：法定格式该子表只有“规章”“规范性文件”行；已单独保存，不参与核对',
          location: { table: 'active', item: 'art20_1' },
          actual: '其他主动公开文件',
        },
      ],
    },
    {
      name: 'data with an extra row (2021)',
      report: data,
      findings: [
        {
          messageId: 'extra',
          severity: 'info',
          message: '表二第二十条第（六）项有法定格式以外的行“行政检查”（数值：12）：法定格式该子表只有“行政处罚”“行政强制”行；已单独保存，不参与核对',
          location: { table: 'active', item: 'art20_6' },
        },
      ],
    },
  ],
});
