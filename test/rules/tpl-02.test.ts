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

const ITEM_9 = '\n\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t0\t0\n\n三、';
const SPLIT_6 =
  '（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n' +
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n3.其他\t0\t0\t0\t0\t0\t0\t0\n';

ruleCases('TPL-02', {
  valid: [
    { name: 'baseReport() has no printed layout: nothing to judge', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: '2021 tables with the old （九）政府集中采购 sub-table',
      report: printed('2021', (t) => t.replace('\n\n三、', ITEM_9)),
      findings: [
        {
          messageId: 'mixed',
          severity: 'error',
          message:
            '表格同时带有两种格式的特征：2019年版的“第二十条第（九）项”、“政府集中采购”与2021年版的“本年制发件数”、“本年处理决定数量”、“本年收费金额”、“逾期不补正”、“缴纳费用”；' +
            '一份报告应只采用一种格式（本报告按2021年版格式（国办公开办函〔2021〕30号）读取）',
          location: { field: 'template' },
          expected: '2021',
        },
      ],
    },
    {
      name: '2019 tables with the split （六） of 2021',
      report: printed('2019', (t) => t.replace(/（六）其他处理[^\n]*\n/, SPLIT_6)),
      findings: [
        {
          messageId: 'mixed',
          severity: 'error',
          message:
            '表格同时带有两种格式的特征：2019年版的“本年新制作数量”、“上一年项目数量”、“第二十条第（九）项”、“政府集中采购”与2021年版的“逾期不补正”、“缴纳费用”；' +
            '一份报告应只采用一种格式（本报告按2019年版格式（国办公开办函〔2019〕60号）读取）',
          location: { field: 'template' },
        },
      ],
    },
  ],
});
