import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, withFields, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021') => parse(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' }));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const legacyText = (year: number) =>
  [
    '某某市某某局',
    `${year}年政府信息公开工作年度报告`,
    '一、概述',
    '本局认真贯彻条例。',
    '二、主动公开政府信息的情况',
    '全年主动公开信息120条。',
    '三、依申请公开政府信息和不予公开政府信息的情况',
    '全年未收到申请。',
    '四、政府信息公开的收费及减免情况',
    '未收取任何费用。',
    '五、因政府信息公开申请行政复议、提起行政诉讼的情况',
    '无。',
    '六、政府信息公开工作存在的主要问题及改进情况',
    '问题是宣传不够。',
  ].join('\n');
const legacy2017 = parse(legacyText(2017));
const markers = '（识别到旧格式标题：“政府信息公开的收费及减免情况”、“依申请公开政府信息和不予公开政府信息的情况”）';
const span = (r: typeof legacy2017) => {
  const p = r.provenance['meta.year']!;
  return { start: p.start, end: p.end, line: p.line, text: p.text };
};
const base = baseReport({ template: '2019' });
const legacyData = withFields(base, { template: 'legacy', year: 2016, tables: { active: {}, requests: {}, review: {} } });

ruleCases('TPL-14', {
  valid: [
    { name: 'baseReport() is not legacy', report: baseReport() },
    { name: 'baseReport 2019 is not legacy', report: base },
    { name: 'printed 2019 format', report: printed('2019') },
    { name: 'printed 2021 format', report: printed('2021') },
    ...SAMPLES.map((s) => ({ name: `sample ${s} (000 mentions 收费及减免 but has 2019 tables)`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'a 2017 report in the old structure',
      report: legacy2017,
      findings: [
        {
          messageId: 'legacy',
          severity: 'info',
          message: `报告年度为2017年，采用2019年以前的旧格式${markers}；本目录的规则只适用于2019年版和2021年版格式，表格未读取、未核查`,
          location: { field: 'template' },
          span: { ...span(legacy2017), column: 1 },
          actual: 'legacy',
        },
      ],
    },
    {
      name: 'legacy data without a printed layout',
      report: legacyData,
      findings: [
        {
          messageId: 'legacy',
          severity: 'info',
          message: '报告年度为2016年，采用2019年以前的旧格式；本目录的规则只适用于2019年版和2021年版格式，表格未读取、未核查',
          location: { field: 'template' },
        },
      ],
    },
    {
      name: 'year unknown',
      report: withFields(legacyData, { year: null }),
      findings: [
        {
          messageId: 'legacy',
          severity: 'info',
          message: '报告年度未识别，采用2019年以前的旧格式；本目录的规则只适用于2019年版和2021年版格式，表格未读取、未核查',
          location: { field: 'template' },
        },
      ],
    },
    {
      name: 'a 2022 report in the old structure: warning',
      report: parse(legacyText(2022)),
      findings: [
        {
          messageId: 'late',
          severity: 'warning',
          message: `报告年度为2022年，应采用2021年版格式（国办公开办函〔2021〕30号），但未找到该格式的统计表，本报告按2019年以前的旧格式处理${markers}；表格未读取、未核查`,
          location: { field: 'template' },
          actual: 'legacy',
          expected: '2021',
        },
      ],
    },
  ],
});
