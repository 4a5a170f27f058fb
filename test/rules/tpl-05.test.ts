import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { LAYOUTS, reportText } from '../helpers/layouts.ts';
import { baseReport, withFields, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t, layout: (typeof LAYOUTS)[number] = 'tabs') =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const V2019 = '2019年版格式（国办公开办函〔2019〕60号）';
const V2021 = '2021年版格式（国办公开办函〔2021〕30号）';
const ITEMS_2019 = '第二十条第（一）、（五）、（六）、（八）、（九）项';
const ITEMS_2021 = '第二十条第（一）、（五）、（六）、（八）项';

const base2019 = baseReport({ template: '2019' });
const without9 = structuredClone(base2019);
delete without9.tables.active.art20_9;
const with9 = structuredClone(baseReport());
with9.tables.active.art20_9 = { procurement: { projects: 0, amount: 0 } };

ruleCases('TPL-05', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: base2019 },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'printed 2021 report without （八）',
      report: printed('2021', (t) => t.replace(/第二十条第（八）项\n[^\n]*\n[^\n]*\n/, '')),
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少表二第二十条第（八）项：${V2021}的表二应包括${ITEMS_2021}，本报告只找到第二十条第（一）、（五）、（六）项`,
          location: { table: 'active', item: 'art20_8' },
          actual: null,
          expected: '第二十条第（八）项',
        },
      ],
    },
    {
      name: 'OCR: an item not found is one OCR may have missed',
      report: withFields(printed('2021', (t) => t.replace(/第二十条第（八）项\n[^\n]*\n[^\n]*\n/, '')), { source: { name: 'scan.png', format: 'image' } }),
      findings: [
        {
          messageId: 'ocr',
          severity: 'info',
          message: `OCR 未能识别表二第二十条第（八）项，请对照原图人工核对（${V2021}的表二应包括${ITEMS_2021}）`,
          location: { table: 'active', item: 'art20_8' },
          actual: null,
          expected: '第二十条第（八）项',
        },
      ],
    },
    {
      name: 'printed 2021 report with the old （九）',
      report: printed('2021', (t) => t.replace('\n\n三、', '\n\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t0\t0\n\n三、')),
      findings: [
        {
          messageId: 'extra',
          severity: 'error',
          message: `表二第二十条第（九）项不属于${V2021}：该格式的表二只包括${ITEMS_2021}`,
          location: { table: 'active', item: 'art20_9' },
          actual: '第二十条第（九）项',
        },
      ],
    },
    {
      name: 'printed 2019 report without （九）',
      report: printed('2019', (t) => t.replace(/第二十条第（九）项\n[^\n]*\n[^\n]*\n/, '')),
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少表二第二十条第（九）项：${V2019}的表二应包括${ITEMS_2019}，本报告只找到第二十条第（一）、（五）、（六）、（八）项`,
          location: { table: 'active', item: 'art20_9' },
        },
      ],
    },
    {
      name: 'printed report without table 二',
      report: printed('2021', (t) => t.replace(/第二十条第（一）项[\s\S]*?\n\n三、/, '本年主动公开信息50条。\n\n三、')),
      findings: [{ messageId: 'tableMissing', severity: 'error', message: `未找到表二（主动公开政府信息情况）：${V2021}的表二应包括${ITEMS_2021}共4个子表`, location: { table: 'active' } }],
    },
    {
      name: 'data: 2019 tables without art20_9',
      report: without9,
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少表二第二十条第（九）项：${V2019}的表二应包括${ITEMS_2019}，本报告只找到第二十条第（一）、（五）、（六）、（八）项`,
          location: { table: 'active', item: 'art20_9' },
        },
      ],
    },
    {
      name: 'data: 2021 tables with art20_9',
      report: with9,
      findings: [{ messageId: 'extra', severity: 'error', message: `表二第二十条第（九）项不属于${V2021}：该格式的表二只包括${ITEMS_2021}`, location: { table: 'active', item: 'art20_9' } }],
    },
    {
      name: 'data: empty table 二',
      report: withFields(base2019, { tables: { ...base2019.tables, active: {} } }),
      findings: [{ messageId: 'tableMissing', severity: 'error', message: `未找到表二（主动公开政府信息情况）：${V2019}的表二应包括${ITEMS_2019}共5个子表`, location: { table: 'active' } }],
    },
  ],
});
