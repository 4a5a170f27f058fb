import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const SECTIONS = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
/** A small text report: head lines, section 一, the other five headings, a signature. */
const textReport = (head: string[], overview: string) => {
  const text = [...head, '一、总体情况', overview, ...SECTIONS.flatMap((h) => [h, '无。']), '某某市交通运输局', '2021年1月20日', ''].join('\n');
  return { text, report: extractReport(text, { name: 'x.txt', format: 'txt' }) };
};
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8'), { name, format: 'txt' });

const lastYear = textReport(['某某市交通运输局', '2020年政府信息公开工作年度报告', '本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。'], '2020年，某某市交通运输局认真贯彻落实《条例》。');
const guessed = textReport(['某某镇人民政府政府信息公开工作年度报告', '本报告统计期限为2020年1月1日至2020年6月30日。'], '2020年，本镇认真贯彻落实《条例》。2020年全年公开信息20条。');

ruleCases('DATE-01', {
  valid: [
    { name: 'the base report (V2021), period stated in the preamble', report: base },
    { name: 'the base report (V2019)', report: baseReport({ template: '2019' }) },
    { name: 'the end year may be left out', report: withFields(base, { preamble: '本报告统计期限为2023年1月1日至12月31日。' }) },
    { name: 'Chinese numerals', report: withFields(base, { preamble: '本报告所列数据统计时间为二〇二三年一月一日至二〇二三年十二月三十一日。' }) },
    { name: 'no period stated: not this rule’s finding (NAR-10)', report: withFields(base, { preamble: null }) },
    {
      name: '“据统计” and other date ranges in the narrative are not the statistics period',
      report: withFields(base, { sectionTexts: { overview: '据统计，2023年1月1日至6月30日共公开信息12条。2023年1月1日至12月31日，本局未收到申请。' } }),
    },
    ...['000_6c4583cee035bde5.txt', '001_9dfa40035ded7d00.txt', '002_9d093eecd5b1c4d3.txt', '003_587a12f256707b84.txt', '004_bce8275da3ca3d23.txt'].map((n) => ({ name: `sample ${n}`, report: sample(n) })),
  ],
  invalid: [
    {
      name: 'last year’s period kept in a 2020 report (span from the reader)',
      report: lastYear.report,
      findings: [
        {
          messageId: 'period',
          severity: 'error',
          message: '统计期限应为2020年1月1日至2020年12月31日（2020年度报告，年度取自标题），报告写的是2019年1月1日至2019年12月31日（“2019年1月1日起至2019年12月31日”）',
          location: { section: 'preamble' },
          span: { start: lastYear.text.indexOf('2019年1月1日'), end: lastYear.text.indexOf('2019年12月31日') + '2019年12月31日'.length, line: 3, column: 15, text: '2019年1月1日起至2019年12月31日' },
          actual: '2019-01-01/2019-12-31',
          expected: '2020-01-01/2020-12-31',
        },
      ],
    },
    {
      name: 'a period that stops before the year ends',
      report: withFields(base, { preamble: '本年度报告中所列数据的统计期限自2023年1月1日起至2023年11月30日止。' }),
      findings: [
        {
          messageId: 'period',
          severity: 'error',
          message: '统计期限应为2023年1月1日至2023年12月31日（2023年度报告，年度取自报告年度字段（year）），报告写的是2023年1月1日至2023年11月30日（“2023年1月1日起至2023年11月30日”）',
          location: { section: 'preamble' },
          span: undefined,
        },
      ],
    },
    {
      name: 'a period stated in section 六',
      report: withFields(base, { sectionTexts: { other: '本报告数据统计期间为2022年1月1日至2022年12月31日。' } }),
      findings: [
        {
          messageId: 'period',
          severity: 'error',
          message: '统计期限应为2023年1月1日至2023年12月31日（2023年度报告，年度取自报告年度字段（year）），报告写的是2022年1月1日至2022年12月31日（“2022年1月1日至2022年12月31日”）',
          location: { section: 'other' },
        },
      ],
    },
    {
      name: 'year only guessed from the narrative: the period must still be a whole calendar year',
      report: guessed.report,
      findings: [
        {
          messageId: 'partialYear',
          severity: 'error',
          message: '统计期限应为一个完整的自然年度（2020年1月1日至2020年12月31日），报告写的是2020年1月1日至2020年6月30日（“2020年1月1日至2020年6月30日”）',
          location: { section: 'preamble' },
          span: undefined,
        },
      ],
    },
  ],
});
