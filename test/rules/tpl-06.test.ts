import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { LAYOUTS, reportText } from '../helpers/layouts.ts';
import { baseReport, withFields, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const textOf = (template: '2019' | '2021', layout: (typeof LAYOUTS)[number] = 'tabs') =>
  reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t, layout: (typeof LAYOUTS)[number] = 'tabs') =>
  parse(edit(textOf(template, layout)));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const V2019 = '2019年版格式（国办公开办函〔2019〕60号）';
const V2021 = '2021年版格式（国办公开办函〔2021〕30号）';
const ITEM1_2021_COLUMNS = '“本年制发件数”“本年废止件数”“现行有效件数”';

const shortText = textOf('2021').replace('行政许可\t0', '行政许可');
const shortReport = parse(shortText);

ruleCases('TPL-06', {
  valid: [
    { name: 'baseReport() has no printed labels: nothing to judge', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    { name: '2021 report printing the 2019 row label “规范性文件”', report: printed('2021', (t) => t.replace('行政规范性文件\t', '规范性文件\t')) },
    { name: 'a header label broken in two cells: “本年收费金额（单位：” | “万元）”', report: printed('2021', (t) => t.replace('本年收费金额（单位：万元）', '本年收费金额（单位：\t万元）')) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'row 行政强制 missing',
      report: printed('2021', (t) => t.replace('行政强制\t0\n', '')),
      findings: [
        {
          messageId: 'rowMissing',
          severity: 'error',
          message: `缺少表二第二十条第（六）项“行政强制”行：${V2021}的第二十条第（六）项应有“行政处罚”“行政强制”行，本报告未找到该行`,
          location: { table: 'active', item: 'art20_6', row: 'coercion' },
          actual: null,
          expected: '行政强制',
        },
      ],
    },
    {
      name: 'a row printed with values under a label ogi cannot read is info, not missing',
      report: printed('2021', (t) => t.replace('行政强制\t0\n', '查封扣押\t0\n')),
      findings: [
        {
          messageId: 'rowUnrecognised',
          severity: 'info',
          message: '未能识别第二十条第（六）项中印有的“查封扣押”行，可能是“行政强制”行，请人工核对',
          location: { table: 'active', item: 'art20_6', row: 'coercion' },
          actual: '查封扣押',
          expected: '行政强制',
        },
      ],
    },
    {
      name: 'OCR: a row not found is one OCR may have missed',
      report: withFields(printed('2021', (t) => t.replace('行政强制\t0\n', '')), { source: { name: 'scan.png', format: 'image' } }),
      findings: [
        {
          messageId: 'rowOcr',
          severity: 'info',
          message: 'OCR 未能识别第二十条第（六）项的“行政强制”行，请对照原图人工核对',
          location: { table: 'active', item: 'art20_6', row: 'coercion' },
        },
      ],
    },
    {
      name: 'row 其他对外管理服务事项 missing (2019)',
      report: printed('2019', (t) => t.replace(/其他对外管理服务事项[^\n]*\n/, '')),
      findings: [
        {
          messageId: 'rowMissing',
          severity: 'error',
          message: `缺少表二第二十条第（五）项“其他对外管理服务事项”行：${V2019}的第二十条第（五）项应有“行政许可”“其他对外管理服务事项”行，本报告未找到该行`,
          location: { table: 'active', item: 'art20_5', row: 'otherServices' },
        },
      ],
    },
    {
      name: 'column 本年废止件数 missing from the header',
      report: printed('2021', (t) => t.replace('\t本年废止件数', '').replace(/(规章|行政规范性文件)\t0\t0\t0/g, '$1\t0\t0')),
      findings: [
        {
          messageId: 'columnMissing',
          severity: 'error',
          message: `缺少表二第二十条第（一）项“本年废止件数”列：${V2021}的第二十条第（一）项应有${ITEM1_2021_COLUMNS}列，本报告的表头中未找到该列`,
          location: { table: 'active', item: 'art20_1', column: 'repealed' },
          expected: '本年废止件数',
        },
      ],
    },
    {
      name: 'an extra column 备注 in the header of （八）',
      report: printed('2019', (t) => t.replace('信息内容\t上一年项目数量\t本年增/减\n', '信息内容\t上一年项目数量\t本年增/减\t备注\n')),
      findings: [
        {
          messageId: 'extraColumn',
          severity: 'warning',
          message: '表二第二十条第（八）项的表头有法定格式以外的列“备注”，该子表只应有“上一年项目数量”“本年增/减”列；该列的数值未读取',
          location: { table: 'active', item: 'art20_8' },
          actual: '备注',
        },
      ],
    },
    {
      name: 'a row printed without its value',
      report: shortReport,
      findings: [
        {
          messageId: 'shortRow',
          severity: 'warning',
          message: '表二第二十条第（五）项“行政许可”行只印有0个数值单元格，该子表应有1列（“本年处理决定数量”）',
          location: { table: 'active', item: 'art20_5', row: 'licensing' },
          span: { ...shortReport.structure.labels['active.art20_5.licensing']!, column: 1 },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: 'a row with more cells than columns',
      report: printed('2021', (t) => t.replace('规章\t0\t0\t0', '规章\t0\t0\t0\t0')),
      findings: [
        {
          messageId: 'surplus',
          severity: 'info',
          message: '表二第二十条第（一）项“规章”行印有4个数值单元格，多于该子表的3列（“本年制发件数”“本年废止件数”“现行有效件数”）；已按位置读取其中3个，其余不计',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
        },
      ],
    },
  ],
});
