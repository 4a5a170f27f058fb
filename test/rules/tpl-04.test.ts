import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const textOf = (template: '2019' | '2021') => reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t) => parse(edit(textOf(template)));
const sampleText = (name: string) => readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8');
const sample = (name: string) => parse(sampleText(name));

/** The span of a printed heading: from its first character to the end of its line. */
function headingSpan(text: string, heading: string, lineStart = text.indexOf(heading)) {
  const start = text.indexOf(heading, lineStart);
  const end = text.indexOf('\n', start);
  return { start, end, line: text.slice(0, start).split('\n').length, text: heading };
}

const variant = '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况';
const variantText = textOf('2021').replace('四、政府信息公开行政复议、行政诉讼情况', variant);
const misnumbered = textOf('2019').replace('六、其他需要报告的事项', '五、其他需要报告的事项');
const s002 = sampleText('002_9d093eecd5b1c4d3');

ruleCases('TPL-04', {
  valid: [
    { name: 'baseReport() has no printed headings: nothing to judge', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    { name: 'canonical headings, 2019', report: printed('2019') },
    { name: 'canonical headings, 2021', report: printed('2021') },
    { name: 'Arabic numerals ("4．") fit', report: printed('2021', (t) => t.replace('四、政府信息公开', '4．政府信息公开')) },
    { name: 'sample 001: headings 二 and 四 lost their numerals in conversion', report: sample('001_9dfa40035ded7d00') },
    ...['000_6c4583cee035bde5', '003_587a12f256707b84', '004_bce8275da3ca3d23'].map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'a known variant of heading 四',
      report: parse(variantText),
      findings: [
        {
          messageId: 'variant',
          severity: 'warning',
          message: `第四部分“政府信息公开行政复议、行政诉讼情况”的标题印为“${variant}”，是已知的变体写法；法定标题为“四、政府信息公开行政复议、行政诉讼情况”`,
          location: { section: 'review' },
          span: { ...headingSpan(variantText, variant), column: 1 },
          actual: variant,
          expected: '四、政府信息公开行政复议、行政诉讼情况',
        },
      ],
    },
    {
      name: 'heading 五 printed “存在的主要问题及整改措施”',
      report: printed('2021', (t) => t.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及整改措施')),
      findings: [
        {
          messageId: 'variant',
          severity: 'warning',
          message: '第五部分“存在的主要问题及改进情况”的标题印为“五、存在的主要问题及整改措施”，是已知的变体写法；法定标题为“五、存在的主要问题及改进情况”',
          location: { section: 'problems' },
        },
      ],
    },
    {
      name: 'section 六 numbered 五',
      report: parse(misnumbered),
      findings: [
        {
          messageId: 'numeral',
          severity: 'warning',
          message: '第六部分“其他需要报告的事项”的标题编号印为“五”，应为“六”（标题：“五、其他需要报告的事项”）',
          location: { section: 'other' },
          span: { ...headingSpan(misnumbered, '五、其他需要报告的事项'), column: 1 },
          actual: '五',
          expected: '六',
        },
      ],
    },
    {
      name: 'sample 002: “六、需要报告的其他事项”',
      report: sample('002_9d093eecd5b1c4d3'),
      findings: [
        {
          messageId: 'variant',
          severity: 'warning',
          message: '第六部分“其他需要报告的事项”的标题印为“六、需要报告的其他事项”，是已知的变体写法；法定标题为“六、其他需要报告的事项”',
          location: { section: 'other' },
          span: { ...headingSpan(s002, '六、需要报告的其他事项'), column: 20 },
        },
      ],
    },
  ],
});
