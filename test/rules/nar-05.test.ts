import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
const overview = (text: string, template: '2019' | '2021' = '2021') => withFields(baseReport({ template }), { sectionTexts: { overview: text } });

ruleCases('NAR-05', {
  valid: [
    { name: 'the builder report (2021)', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    ...['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84'].map((n) => ({ name: `sample ${n.slice(0, 3)} covers the five topics`, report: sample(n) })),
    { name: 'topics named in other words (公开属性审查, 门户网站, 培训)', report: overview('全年主动公开信息120条；依申请公开工作规范有序；严格公开属性审查；加强门户网站建设；组织业务培训2次。') },
    { name: 'a missing section 一 is TPL-03\'s finding', report: withFields(base, { sectionTexts: { overview: null } }) },
  ],
  invalid: [
    {
      name: 'sample 004 (2019 format): no 依申请公开 and no 政府信息管理 — info',
      report: sample('004_bce8275da3ca3d23'),
      findings: [
        {
          messageId: 'missing',
          severity: 'info',
          message: '第一部分“总体情况”未涉及：依申请公开、政府信息管理（应综述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）',
          location: { section: 'overview' },
        },
      ],
    },
    {
      name: '2021 format: a section 一 about proactive disclosure only — warning',
      report: overview('2023年，本局主动公开政府信息120条，及时发布工作动态。'),
      findings: [
        {
          messageId: 'missing',
          severity: 'warning',
          message: '第一部分“总体情况”未涉及：依申请公开、政府信息管理、政府信息公开平台建设、监督保障（应综述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）',
          location: { section: 'overview' },
        },
      ],
    },
    {
      name: 'an empty section 一 covers nothing',
      report: overview(''),
      findings: [
        {
          messageId: 'missing',
          severity: 'warning',
          message: '第一部分“总体情况”未涉及：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障（应综述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）',
          location: { section: 'overview' },
        },
      ],
    },
  ],
});
