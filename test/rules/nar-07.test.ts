import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
const problems = (text: string | null) => withFields(base, { sectionTexts: { problems: text } });

ruleCases('NAR-07', {
  valid: [
    { name: 'the builder report (2021)', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    ...['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'].map((n) => ({
      name: `sample ${n.slice(0, 3)} names problems and measures`,
      report: sample(n),
    })),
    { name: 'a missing section 五 is TPL-03\'s finding', report: problems(null) },
  ],
  invalid: [
    {
      name: 'section 五 is "无"',
      report: problems('无。'),
      findings: [{ messageId: 'empty', severity: 'warning', message: '第五部分“存在的主要问题及改进情况”只写了“无。”，应写明存在的主要问题和改进措施', location: { section: 'problems' }, actual: '无。' }],
    },
    {
      name: 'section 五 is empty',
      report: problems(''),
      findings: [{ messageId: 'empty', severity: 'warning', message: '第五部分“存在的主要问题及改进情况”为空，应写明存在的主要问题和改进措施', location: { section: 'problems' } }],
    },
    {
      name: 'only achievements, "未发现问题" is not a problem',
      report: problems('本年度政务公开工作成效显著，未发现问题。'),
      findings: [{ messageId: 'missing', severity: 'warning', message: '第五部分“存在的主要问题及改进情况”未写出存在的问题和改进措施', location: { section: 'problems' } }],
    },
    {
      name: 'problems without any measure',
      report: problems('政策解读形式单一，信息更新不够及时。'),
      findings: [{ messageId: 'missing', severity: 'warning', message: '第五部分“存在的主要问题及改进情况”未写出改进措施', location: { section: 'problems' } }],
    },
  ],
});
