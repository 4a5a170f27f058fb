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

const V2019 = '2019年版格式（国办公开办函〔2019〕60号）';
const V2021 = '2021年版格式（国办公开办函〔2021〕30号）';
const SHAPE_2021 = '分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三个子行';
const NO_CORRECTION = '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请';
const UNPAID_FEE = '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请';
const SPLIT_6 = `（六）其他处理\t${NO_CORRECTION}\t0\t0\t0\t0\t0\t0\t0\n${UNPAID_FEE}\t0\t0\t0\t0\t0\t0\t0\n3.其他\t0\t0\t0\t0\t0\t0\t0\n`;

const single2021 = printed('2021', (t) => t.replace(/（六）其他处理\t1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他[^\n]*\n/, '（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n'));
const split2019 = printed('2019', (t) => t.replace(/（六）其他处理[^\n]*\n/, SPLIT_6));
const data2019 = structuredClone(baseReport({ template: '2019' }));
delete data2019.tables.requests.other;
const data2021 = structuredClone(baseReport());
data2021.tables.requests.other = [0, 0, 0, 0, 0, 0, 0];

ruleCases('TPL-10', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: '2021 report with the single （六） row of 2019',
      report: single2021,
      findings: [
        ['other.noCorrection', NO_CORRECTION],
        ['other.unpaidFee', UNPAID_FEE],
        ['other.other', '3.其他'],
      ].map(([row, label]) => ({
        messageId: 'missing',
        severity: 'error' as const,
        message: `缺少表三“${label}”行：${V2021}的“（六）其他处理”应${SHAPE_2021}，本报告未找到该行`,
        location: { table: 'requests' as const, row: row! },
        actual: null,
        expected: label!,
      })),
    },
    {
      name: '2021 report without 2.（unpaid fee）',
      report: printed('2021', (t) => t.replace(/2\.申请人逾期未按收费通知[^\n]*\n/, '')),
      findings: [{ messageId: 'missing', severity: 'error', message: `缺少表三“${UNPAID_FEE}”行：${V2021}的“（六）其他处理”应${SHAPE_2021}，本报告未找到该行`, location: { table: 'requests', row: 'other.unpaidFee' } }],
    },
    {
      name: '2019 report with the three sub-rows of 2021',
      report: split2019,
      findings: [
        {
          messageId: 'splitIn2019',
          severity: 'error',
          message: `表三“（六）其他处理”在${V2019}中只有一行，本报告却印有2021年版的子行（“逾期不补正”、“缴纳费用”）`,
          location: { table: 'requests', row: 'other' },
          span: { ...split2019.structure.labels['requests.other']!, column: 1 },
          actual: '逾期不补正、缴纳费用',
          expected: '（六）其他处理',
        },
      ],
    },
    {
      name: 'data: 2019 tables without the （六） row',
      report: data2019,
      findings: [{ messageId: 'missing', severity: 'error', message: `缺少表三“（六）其他处理”行：${V2019}的“（六）其他处理”应只有一行“（六）其他处理”，本报告未找到该行`, location: { table: 'requests', row: 'other' } }],
    },
    {
      name: 'data: 2021 tables with a single （六） row as well',
      report: data2021,
      findings: [{ messageId: 'foreign', severity: 'error', message: `表三数据中有“other”行：${V2021}的“（六）其他处理”应${SHAPE_2021}`, location: { table: 'requests', row: 'other' }, actual: 'other' }],
    },
  ],
});
