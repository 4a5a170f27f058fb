import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { reportText } from '../helpers/layouts.ts';
import { baseReport, withFields, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t) =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout: 'tabs' })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const RULE = '法定格式要求一至六六个部分依次齐全';

// A crawler's text of a real page layout (one line, no cell separators), with a heading edited.
const crawled = (from: string, to: string) =>
  parse(readFileSync(new URL('../fixtures/converted/v2021.ogi.crawl-glued.txt', import.meta.url), 'utf8').replace(from, to));

ruleCases('TPL-03', {
  valid: [
    { name: 'baseReport()', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    {
      name: 'sections with a heading but no text (only a table) are present',
      report: withFields(baseReport(), { sectionTexts: { overview: '', active: '', requests: '', review: '', problems: '', other: '' } }),
    },
    { name: 'printed 2019 format', report: printed('2019') },
    { name: 'printed 2021 format', report: printed('2021') },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
    { name: 'a crawled page on one line', report: crawled('', '') },
    { name: 'a crawled page with “六、其它需要报告的事项” (a known variant, TPL-04\'s)', report: crawled('六、其他需要报告的事项', '六、其它需要报告的事项') },
  ],
  invalid: [
    {
      name: 'a crawled page on one line whose first heading reads “一、总体概况”: ogi did not recognise it, an info',
      report: crawled('一、总体情况', '一、总体概况'),
      findings: [
        {
          messageId: 'unrecognised',
          severity: 'info',
          message: '未能识别第一部分“总体情况”的标题：本报告印有“一、总体概况”，与法定标题相近，请人工核对',
          location: { section: 'overview' },
          actual: '一、总体概况',
          expected: '一、总体情况',
        },
      ],
    },
    {
      name: 'section 五 missing from the data',
      report: withFields(baseReport(), { sectionTexts: { problems: null } }),
      findings: [
        {
          messageId: 'missing',
          severity: 'error',
          message: `缺少第五部分“存在的主要问题及改进情况”：${RULE}，本报告只找到第一、二、三、四、六部分`,
          location: { section: 'problems' },
          actual: null,
          expected: '五、存在的主要问题及改进情况',
        },
      ],
    },
    {
      name: 'printed 2019 report without the heading of 五',
      report: printed('2019', (t) => t.replace('五、存在的主要问题及改进情况\n', '')),
      findings: [{ messageId: 'missing', severity: 'error', message: `缺少第五部分“存在的主要问题及改进情况”：${RULE}，本报告只找到第一、二、三、四、六部分`, location: { section: 'problems' } }],
    },
    {
      name: 'a numbered heading close to the statutory one that ogi did not recognise is info, not missing',
      report: printed('2021', (t) => t.replace('五、存在的主要问题及改进情况', '五、工作中存在的主要问题和下一步改进情况')),
      findings: [
        {
          messageId: 'unrecognised',
          severity: 'info',
          message: '未能识别第五部分“存在的主要问题及改进情况”的标题：本报告印有“五、工作中存在的主要问题和下一步改进情况”，与法定标题相近，请人工核对',
          location: { section: 'problems' },
          actual: '五、工作中存在的主要问题和下一步改进情况',
          expected: '五、存在的主要问题及改进情况',
        },
      ],
    },
    {
      name: 'an unknown heading leaves its section missing',
      report: printed('2021', (t) => t.replace('六、其他需要报告的事项', '六、年度工作亮点')),
      findings: [{ messageId: 'missing', severity: 'error', message: `缺少第六部分“其他需要报告的事项”：${RULE}，本报告只找到第一、二、三、四、五部分`, location: { section: 'other' } }],
    },
    {
      name: 'no section at all',
      report: withFields(baseReport({ template: '2019' }), {
        sections: { overview: null, active: null, requests: null, review: null, problems: null, other: null },
      }),
      findings: (['overview', 'active', 'requests', 'review', 'problems', 'other'] as const).map((section, i) => ({
        messageId: 'noneFound',
        severity: 'error' as const,
        message: `缺少第${'一二三四五六'[i]}部分“${['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'][i]}”：${RULE}，本报告未找到任何一个部分的标题`,
        location: { section },
      })),
    },
  ],
});
