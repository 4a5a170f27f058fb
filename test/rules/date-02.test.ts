import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const SECTIONS = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const textReport = (head: string[], overview: string) =>
  extractReport([...head, '一、总体情况', overview, ...SECTIONS.flatMap((h) => [h, '无。']), '某某市交通运输局', '2021年1月20日', ''].join('\n'), { name: 'x.txt', format: 'txt' });
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8'), { name, format: 'txt' });

ruleCases('DATE-02', {
  valid: [
    { name: 'the base report (V2021): “2023年，某某市交通运输局…”', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    {
      name: 'other years in the narrative: the 2019 revision, a cited plan, next year’s plan',
      report: withFields(base, {
        sectionTexts: {
          overview:
            '2023年，本局深入贯彻2019年5月15日修订实施后的《条例》，按照《关于印发2022年政务公开工作要点的通知》要求开展工作。\n2022年以来，本局持续推进公开。\n2024年，本局将继续加强培训。',
        },
      }),
    },
    {
      name: 'a look back first, then the report year: one statement of the report year is enough',
      report: withFields(base, { sectionTexts: { overview: '2019年，本局被确定为政务公开试点单位。\n（一）主动公开。2023年，本局主动公开信息35条。' } }),
    },
    {
      name: 'a notice title in 《》 in the preamble names another year',
      report: withFields(base, { preamble: '根据《关于做好2022年政府信息公开工作年度报告编制发布工作的通知》要求，编制本报告。' }),
    },
    { name: 'no year statement at all', report: withFields(base, { preamble: null, sectionTexts: { overview: '本局认真贯彻落实《条例》。' } }) },
    {
      name: 'the year only guessed from the narrative: nothing to compare with',
      report: textReport(['某某镇人民政府政府信息公开工作年度报告'], '2019年，本镇认真贯彻落实《条例》。'),
    },
    ...['000_6c4583cee035bde5.txt', '001_9dfa40035ded7d00.txt', '002_9d093eecd5b1c4d3.txt', '003_587a12f256707b84.txt', '004_bce8275da3ca3d23.txt'].map((n) => ({ name: `sample ${n}`, report: sample(n) })),
  ],
  invalid: [
    {
      name: 'section 一 still opens with last year',
      report: withFields(base, { sectionTexts: { overview: '2022年，某某市交通运输局认真贯彻落实《条例》。\n1、主动公开。2022年度，本局主动公开信息35条。' } }),
      findings: [
        {
          messageId: 'narrative',
          severity: 'error',
          message: '第一部分“总体情况”开头写的是2022年（“2022年，”），与报告年度字段（year）的2023年不一致',
          location: { section: 'overview' },
          actual: 2022,
          expected: 2023,
        },
      ],
    },
    {
      name: 'title 2020, preamble and section 一 say 2019',
      report: textReport(
        ['某某市交通运输局', '2020年政府信息公开工作年度报告', '本报告是由某某市交通运输局编制的2019年政府信息公开工作年度报告。'],
        '（一）主动公开情况：2019 年，本局主动公开信息35条。',
      ),
      findings: [
        {
          messageId: 'preamble',
          severity: 'error',
          message: '前言称本报告为2019年度报告（“2019年政府信息公开工作年度报告”），与标题的2020年不一致',
          location: { section: 'preamble' },
          span: undefined,
        },
        {
          messageId: 'narrative',
          severity: 'error',
          message: '第一部分“总体情况”开头写的是2019年（“（一）主动公开情况：2019 年，”），与标题的2020年不一致',
          location: { section: 'overview' },
          span: undefined,
        },
      ],
    },
    {
      name: 'no year in the title: the statistics period gives the year',
      report: textReport(['某某区投资促进中心政府信息公开工作年度报告', '本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。'], '2020年，本中心认真贯彻落实《条例》。'),
      findings: [
        {
          messageId: 'narrative',
          severity: 'error',
          message: '第一部分“总体情况”开头写的是2020年（“2020年，”），与统计期限的2021年不一致',
          location: { section: 'overview' },
        },
      ],
    },
  ],
});
