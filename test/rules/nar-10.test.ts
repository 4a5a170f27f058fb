import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
const preamble = (text: string | null) => withFields(base, { preamble: text });

ruleCases('NAR-10', {
  valid: [
    {
      name: 'Shanghai 2019: parts listed, period, 电子版可从…下载',
      report: preamble(
        '本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议和提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况及其他需要报告的事项。本年度报告中所列数据统计期限从2019年1月1日到12月31日止。本年度报告电子版可从“中国上海”门户网站（www.shanghai.gov.cn）下载。',
      ),
    },
    { name: '分为六部分, a period written as dates, 可在…查阅', report: preamble('本报告分为六部分。所列数据自２０２３年１月１日至２０２３年１２月３１日。本报告可在某某市人民政府门户网站查阅。') },
  ],
  invalid: [
    {
      name: 'the builder report: period only',
      report: base,
      findings: [{ messageId: 'missing', severity: 'info', message: '前言未说明报告的组成部分、报告的获取（下载）途径', location: { section: 'preamble' } }],
    },
    {
      name: 'sample 000: parts and period, but not where to download it',
      report: sample('000_6c4583cee035bde5'),
      findings: [{ messageId: 'missing', severity: 'info', message: '前言未说明报告的获取（下载）途径', location: { section: 'preamble' } }],
    },
    {
      name: 'sample 002: period and download, but not the parts',
      report: sample('002_9d093eecd5b1c4d3'),
      findings: [{ messageId: 'missing', severity: 'info', message: '前言未说明报告的组成部分', location: { section: 'preamble' } }],
    },
    {
      name: 'sample 001: no preamble',
      report: sample('001_9dfa40035ded7d00'),
      findings: [{ messageId: 'none', severity: 'info', message: '报告没有前言，未说明报告的组成部分、数据统计期限和获取途径', location: { section: 'preamble' } }],
    },
    {
      name: 'an empty preamble is no preamble',
      report: preamble(''),
      findings: [{ messageId: 'none', severity: 'info', message: '报告没有前言，未说明报告的组成部分、数据统计期限和获取途径', location: { section: 'preamble' } }],
    },
  ],
});
