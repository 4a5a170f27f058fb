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

const LAYOUT = '行政复议、未经复议直接起诉、复议后起诉各5个：结果维持、结果纠正、其他结果、尚未审结、总计';
const GROUPS = '“行政复议”、“未经复议直接起诉”、“复议后起诉”';
const VALUES = `\n${Array(15).fill('0').join('\t')}\n`;

const short = printed('2021', (t) => t.replace(VALUES, `\n${Array(14).fill('0').join('\t')}\n`));
const dataMissing = structuredClone(baseReport());
delete dataMissing.tables.review.litigationAfterReview;
const dataWidth = structuredClone(baseReport({ template: '2019' }));
dataWidth.tables.review.review = [0, 0, 0, 0];
const dataEmpty = structuredClone(baseReport());
dataEmpty.tables.review = {};

ruleCases('TPL-11', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    {
      name: 'one row per group',
      report: printed('2021', (t) =>
        t.replace(/行政复议\t行政诉讼[\s\S]*?\n\n五、/, '行政复议\t0\t0\t0\t0\t0\n未经复议直接起诉\t0\t0\t0\t0\t0\n复议后起诉\t0\t0\t0\t0\t0\n\n五、')),
    },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'the header 复议后起诉 is missing',
      report: printed('2021', (t) => t.replace('\t复议后起诉', '')),
      findings: [
        {
          messageId: 'groupMissing',
          severity: 'error',
          message: `缺少表四“复议后起诉”这一组的表头：法定格式的表四分为${GROUPS}三组（${LAYOUT}）`,
          location: { table: 'review', row: 'litigationAfterReview' },
          actual: null,
          expected: '复议后起诉',
        },
      ],
    },
    {
      name: 'fourteen values',
      report: short,
      findings: [
        {
          messageId: 'short',
          severity: 'warning',
          message: `表四只印有14个数值单元格，法定格式为15个（${LAYOUT}）`,
          location: { table: 'review' },
          span: { ...short.structure.labels['review.review']!, column: 1 },
          actual: 14,
          expected: 15,
        },
      ],
    },
    {
      name: 'sixteen values (2019)',
      report: printed('2019', (t) => t.replace(VALUES, `\n${Array(16).fill('0').join('\t')}\n`)),
      findings: [{ messageId: 'surplus', severity: 'info', message: '表四印有16个数值单元格，多于法定的15个；已按位置读取其中15个，其余不计', location: { table: 'review' }, actual: 16, expected: 15 }],
    },
    {
      name: 'printed report without table 四',
      report: printed('2021', (t) => t.replace(/行政复议\t行政诉讼[\s\S]*?\n\n五、/, '本年没有复议诉讼。\n\n五、')),
      findings: [{ messageId: 'tableMissing', severity: 'error', message: `未找到表四（政府信息公开行政复议、行政诉讼情况）：法定格式应有15个数值单元格（${LAYOUT}）`, location: { table: 'review' } }],
    },
    {
      name: 'data: a group missing',
      report: dataMissing,
      findings: [{ messageId: 'groupMissingData', severity: 'error', message: `数据中缺少表四“复议后起诉”这一组：法定格式的表四分为${GROUPS}三组（${LAYOUT}）`, location: { table: 'review', row: 'litigationAfterReview' } }],
    },
    {
      name: 'data: a group of four',
      report: dataWidth,
      findings: [
        {
          messageId: 'width',
          severity: 'error',
          message: '表四“行政复议”的数据有4个数值，法定格式每组5个（结果维持、结果纠正、其他结果、尚未审结、总计）',
          location: { table: 'review', row: 'review' },
          actual: 4,
          expected: 5,
        },
      ],
    },
    {
      name: 'data: empty table 四',
      report: dataEmpty,
      findings: [{ messageId: 'tableMissing', severity: 'error', message: `未找到表四（政府信息公开行政复议、行政诉讼情况）：法定格式应有15个数值单元格（${LAYOUT}）`, location: { table: 'review' } }],
    },
  ],
});
