import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { LAYOUTS, reportText } from '../helpers/layouts.ts';
import { baseReport, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t, layout: (typeof LAYOUTS)[number] = 'tabs') =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));

const COLUMNS = '自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计';

// Every row of 三 without its 总计 cell.
const narrow = printed('2021', (t) => t.replace(/^(.*(?:申请数量|（一）予以公开|部分公开.*|[1-8]\..*|（七）总计|继续办理))((?:\t0){6})\t0$/gm, '$1$2'));
const shortRow = printed('2019', (t) => t.replace('2.重复申请\t0\t0\t0\t0\t0\t0\t0', '2.重复申请\t0\t0\t0\t0\t0\t0'));
const s003 = sample('003_587a12f256707b84');
// The same with 3.其他 printed in its 7 columns.
const s003Three = parse(
  readFileSync(new URL('../../samples/003_587a12f256707b84.txt', import.meta.url), 'utf8').replace('\t3. 其他\t0\t0\t0\t0\t0\t0\t0\t0\n', '\t3. 其他\t0\t0\t0\t0\t0\t0\t0\n'),
);
const wide = structuredClone(baseReport());
wide.tables.requests.granted = [0, 0, 0, 0, 0, 0];

ruleCases('TPL-08', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    ...['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '004_bce8275da3ca3d23'].map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'table 三 printed without the 总计 column',
      report: narrow,
      findings: [
        {
          messageId: 'narrow',
          severity: 'error',
          message: `表三每行只有6列数值，法定格式为7列（${COLUMNS}）`,
          location: { table: 'requests' },
          span: { ...narrow.structure.labels['requests.note']!, column: 1 },
          actual: 6,
          expected: 7,
        },
      ],
    },
    {
      name: 'one row lost a cell',
      report: shortRow,
      findings: [
        {
          messageId: 'shortRow',
          severity: 'warning',
          message: `表三“2.重复申请”行只印有6个数值单元格，法定格式为7列（${COLUMNS}）`,
          location: { table: 'requests', row: 'notProcessed.duplicate' },
          span: { ...shortRow.structure.labels['requests.notProcessed.duplicate']!, column: 1 },
          actual: 6,
          expected: 7,
        },
      ],
    },
    {
      name: 'sample 003: four rows with surplus cells of the tab layout are read and noted once for the table, not a structure error',
      report: s003,
      findings: [
        {
          messageId: 'surplusRows',
          severity: 'info',
          message: '表三有4行印有多于法定7列的数值单元格（“2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”行、“3.其他”行、“（七）总计”行等）；已按位置读取各行的7个，其余不计',
          location: { table: 'requests' },
          span: { ...s003.structure.labels['requests.other.unpaidFee']!, column: 2 },
          expected: 7,
        },
      ],
    },
    {
      name: 'three rows with surplus cells: each noted on its row',
      report: s003Three,
      findings: ([
        ['other.unpaidFee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 2],
        ['resultTotal', '（七）总计', 2],
        ['carriedForward', '四、结转下年度继续办理', 1],
      ] as [string, string, number][]).map(([row, label, column]) => ({
        messageId: 'surplus',
        severity: 'info' as const,
        message: `表三“${label}”行印有8个数值单元格，多于法定的7列；已按位置读取其中7个，其余不计`,
        location: { table: 'requests' as const, row: row! },
        span: { ...s003Three.structure.labels[`requests.${row}`]!, column },
        actual: 8,
        expected: 7,
      })),
    },
    {
      name: 'data: a row of six cells',
      report: wide,
      findings: [{ messageId: 'width', severity: 'error', message: `表三“（一）予以公开”行的数据有6个数值，法定格式为7列（${COLUMNS}）`, location: { table: 'requests', row: 'granted' }, actual: 6, expected: 7 }],
    },
  ],
});
