import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const y2022 = baseReport({ year: 2022 });
const y2023 = baseReport({ year: 2023 });
const overview = (year: number) =>
  `${year}年，某某市交通运输局深入贯彻落实《中华人民共和国政府信息公开条例》，围绕交通运输中心工作，认真做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。` +
  `全年主动公开政府信息${year === 2022 ? 312 : 298}条，及时发布行政许可、行政处罚等执法信息，严格落实公开属性源头认定和保密审查制度，持续加强门户网站政府信息公开专栏建设，定期开展业务培训，政务公开水平进一步提升。`;
const other = '2023年，本局以优化营商环境为主线，聚焦交通建设项目、道路运输服务、公路养护管理等重点领域，推进决策、执行、管理、服务、结果公开，编制重点领域公开事项清单，公开目录动态调整两次；依申请公开办理流程实现全程网上留痕，答复文书全部经法制审核，群众满意度明显提高。';
/** Tables with several busy rows: licensing and penalty decisions, applications granted and not held. */
const busy = (r: typeof y2022) =>
  withCells(r, {
    'active.art20_5.licensing.decisions': 120, 'active.art20_6.penalty.decisions': 45,
    'requests.newReceived.naturalPerson': 5, 'requests.newReceived.total': 5,
    'requests.granted.naturalPerson': 3, 'requests.granted.total': 3,
    'requests.unavailable.notHeld.naturalPerson': 2, 'requests.unavailable.notHeld.total': 2,
    'requests.resultTotal.naturalPerson': 5, 'requests.resultTotal.total': 5,
  });
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });

ruleCases('NAR-09', {
  valid: [
    { name: 'the builder reports of two years: short texts, all-zero tables', previous: y2022, report: y2023 },
    {
      name: 'section 一 rewritten',
      previous: withFields(y2022, { sectionTexts: { overview: overview(2022) } }),
      report: withFields(y2023, { sectionTexts: { overview: other } }),
    },
    {
      name: 'identical tables with only a few figures are common (one application, one decision)',
      previous: withCells(y2022, { 'requests.newReceived.total': 1, 'requests.granted.total': 1, 'requests.resultTotal.total': 1, 'active.art20_6.penalty.decisions': 3 }),
      report: withCells(y2023, { 'requests.newReceived.total': 1, 'requests.granted.total': 1, 'requests.resultTotal.total': 1, 'active.art20_6.penalty.decisions': 3 }),
    },
    { name: 'busy tables that differ in one cell', previous: busy(y2022), report: withCells(busy(y2023), { 'active.art20_6.penalty.decisions': 46 }) },
    { name: 'across the 2020 → 2021 switch table 二 is not comparable', previous: busy(baseReport({ template: '2019', year: 2020 })), report: busy(baseReport({ year: 2021 })) },
    { name: 'two different agencies (samples 000 and 002, both 2020) are not a series', previous: sample('000_6c4583cee035bde5'), report: sample('002_9d093eecd5b1c4d3') },
  ],
  invalid: [
    {
      name: 'section 一 copied with the year and one figure changed',
      previous: withFields(y2022, { sectionTexts: { overview: overview(2022) } }),
      report: withFields(y2023, { sectionTexts: { overview: overview(2023) } }),
      findings: [
        {
          messageId: 'text',
          severity: 'warning',
          message: '第一部分“总体情况”与2022年度报告的相似度为100%（177字），疑似照搬上年内容（内容雷同）',
          location: { section: 'overview', year: 2023 },
          actual: 1,
        },
      ],
    },
    {
      name: 'tables identical, cell by cell, with five busy rows',
      previous: busy(y2022),
      report: busy(y2023),
      findings: [
        {
          messageId: 'tables',
          severity: 'warning',
          message: '表二、表三、表四与2022年度报告逐格相同（5行填有非零数字），疑似照搬上年数据（内容雷同）',
          location: { table: 'requests', year: 2023 },
        },
      ],
    },
  ],
});
