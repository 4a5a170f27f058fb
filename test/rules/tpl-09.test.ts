import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { LAYOUTS, reportText } from '../helpers/layouts.ts';
import { baseReport, withFields, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';
import type { CheckableReport } from '../../src/check/types.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t, layout: (typeof LAYOUTS)[number] = 'tabs') =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const V2019 = '2019年版格式（国办公开办函〔2019〕60号）';
const V2021 = '2021年版格式（国办公开办函〔2021〕30号）';

const withoutRow = structuredClone(baseReport({ template: '2019' }));
delete withoutRow.tables.requests['denied.thirdParty'];
const foreignRow = structuredClone(baseReport());
(foreignRow.tables.requests as Record<string, unknown>)['subtotal'] = [0, 0, 0, 0, 0, 0, 0];
const base = baseReport();
const noTable: CheckableReport = withFields(base, { tables: { ...base.tables, requests: {} } });

ruleCases('TPL-09', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    { name: 'a label broken by conversion is still its row', report: printed('2021', (t) => t.replace('5.要求行政机关确认或重新出具已获取信息', '5.要求行政机关确认或重新出具')) },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'row 2.重复申请 missing (2021)',
      report: printed('2021', (t) => t.replace(/2\.重复申请[^\n]*\n/, '')),
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少表三“2.重复申请”行：${V2021}的表三应有25行，本报告未找到该行（“2.重复申请”）`,
          location: { table: 'requests', row: 'notProcessed.duplicate' },
          actual: null,
          expected: '2.重复申请',
        },
      ],
    },
    {
      name: 'four rows of 不予公开 lost (a stretch of the table dropped in conversion): one finding naming them all',
      report: printed('2021', (t) => t.replace(/5\.属于三类内部事务信息[^\n]*\n6\.属于四类过程性信息[^\n]*\n7\.属于行政执法案卷[^\n]*\n8\.属于行政查询事项[^\n]*\n/, '')),
      findings: [
        {
          messageId: 'missingRows',
          severity: 'error',
          message: `缺少表三的4行：“5.属于三类内部事务信息”、“6.属于四类过程性信息”、“7.属于行政执法案卷”、“8.属于行政查询事项”；${V2021}的表三应有25行`,
          location: { table: 'requests' },
        },
      ],
    },
    {
      name: 'a row printed with values under a label ogi cannot read is info, not missing',
      report: printed('2021', (t) => t.replace('2.重复申请', '2.同一事项已答复')),
      findings: [
        {
          messageId: 'unrecognised',
          severity: 'info',
          message: '未能识别表三中印有的“2.同一事项已答复”行，可能是“2.重复申请”行，请人工核对',
          location: { table: 'requests', row: 'notProcessed.duplicate' },
          actual: '2.同一事项已答复',
          expected: '2.重复申请',
        },
      ],
    },
    {
      name: 'OCR: a row not found is one OCR may have missed',
      report: withFields(printed('2021', (t) => t.replace(/2\.重复申请[^\n]*\n/, '')), { source: { name: 'scan.png', format: 'image' } }),
      findings: [
        {
          messageId: 'ocr',
          severity: 'info',
          message: 'OCR 未能识别表三的“2.重复申请”行，请对照原图人工核对',
          location: { table: 'requests', row: 'notProcessed.duplicate' },
          actual: null,
          expected: '2.重复申请',
        },
      ],
    },
    {
      name: 'row 4.保护第三方合法权益 missing (2019)',
      report: printed('2019', (t) => t.replace(/4\.保护第三方合法权益[^\n]*\n/, '')),
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少表三“4.保护第三方合法权益”行：${V2019}的表三应有23行，本报告未找到该行（“4.保护第三方合法权益”）`,
          location: { table: 'requests', row: 'denied.thirdParty' },
        },
      ],
    },
    {
      name: 'printed report without table 三',
      report: printed('2021', (t) => t.replace(/（本列数据[\s\S]*?\n\n四、/, '本年未收到申请。\n\n四、')),
      findings: [{ messageId: 'tableMissing', severity: 'error', message: `未找到表三（收到和处理政府信息公开申请情况）：${V2021}的表三应有25行`, location: { table: 'requests' } }],
    },
    {
      name: 'data: a row missing',
      report: withoutRow,
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少表三“4.保护第三方合法权益”行：${V2019}的表三应有23行，本报告未找到该行（“4.保护第三方合法权益”）`,
          location: { table: 'requests', row: 'denied.thirdParty' },
        },
      ],
    },
    {
      name: 'data: a row that is not in the format',
      report: foreignRow,
      findings: [{ messageId: 'foreign', severity: 'error', message: `表三数据中有“subtotal”行，不属于${V2021}（该格式的表三有25行）`, location: { table: 'requests', row: 'subtotal' }, actual: 'subtotal' }],
    },
    {
      name: 'data: empty table 三',
      report: noTable,
      findings: [{ messageId: 'tableMissing', severity: 'error', message: `未找到表三（收到和处理政府信息公开申请情况）：${V2021}的表三应有25行`, location: { table: 'requests' } }],
    },
  ],
});
