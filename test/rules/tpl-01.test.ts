import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, withFields, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const V2019 = '2019年版格式（国办公开办函〔2019〕60号）';
const V2021 = '2021年版格式（国办公开办函〔2021〕30号）';
// A 2023 report that still prints the 2019 tables.
const stale = parse(reportText({ year: 2023, template: '2019', tables: zeroTables('2019'), layout: 'tabs' }));
const yearSpan = stale.provenance['meta.year']!;

ruleCases('TPL-01', {
  valid: [
    { name: 'baseReport(): 2023 in the 2021 format', report: baseReport() },
    { name: 'baseReport 2019: 2020 in the 2019 format', report: baseReport({ template: '2019' }) },
    { name: '2019 in the 2019 format', report: baseReport({ template: '2019', year: 2019 }) },
    { name: '2021, the first year of the 2021 format', report: baseReport({ year: 2021 }) },
    { name: 'year unknown: no judgement', report: withFields(baseReport(), { year: null }) },
    { name: 'printed 2021 format, 2024', report: parse(reportText({ year: 2024, template: '2021', tables: zeroTables('2021'), layout: 'pipe' })) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'a 2020 report in the 2021 format',
      report: withFields(baseReport(), { year: 2020 }),
      findings: [{ messageId: 'mismatch', severity: 'error', message: `报告年度为2020年，应采用${V2019}；表格实际采用的是${V2021}`, location: { field: 'template' }, actual: '2021', expected: '2019' }],
    },
    {
      name: 'a 2022 report in the 2019 format',
      report: withFields(baseReport({ template: '2019' }), { year: 2022 }),
      findings: [{ messageId: 'mismatch', severity: 'error', message: `报告年度为2022年，应采用${V2021}；表格实际采用的是${V2019}`, location: { field: 'template' }, actual: '2019', expected: '2021' }],
    },
    {
      name: 'a 2018 report with 2019-format tables',
      report: withFields(baseReport({ template: '2019' }), { year: 2018 }),
      findings: [{ messageId: 'mismatch', severity: 'error', message: `报告年度为2018年，应采用2019年以前的旧格式；表格实际采用的是${V2019}`, location: { field: 'template' }, actual: '2019', expected: 'legacy' }],
    },
    {
      name: 'printed: the title says 2023, the tables are the 2019 format (span on the year)',
      report: stale,
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: `报告年度为2023年，应采用${V2021}；表格实际采用的是${V2019}`,
          location: { field: 'template' },
          span: { start: yearSpan.start, end: yearSpan.end, line: yearSpan.line, column: 1, text: yearSpan.text },
        },
      ],
    },
  ],
});
