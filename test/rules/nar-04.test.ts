import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
const sample003 = sample('003_587a12f256707b84');

ruleCases('NAR-04', {
  valid: [
    { name: 'the builder report (2021)', report: base },
    { name: 'the builder report (2019)', report: base2019 },
    ...['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '004_bce8275da3ca3d23'].map((n) => ({ name: `sample ${n.slice(0, 3)}`, report: sample(n) })),
    {
      name: 'Shanghai 2019: 主动公开规章13件，行政规范性文件60件 = 本年新公开数量',
      report: withFields(withCells(base2019, { 'active.art20_1.rules.publishedThisYear': 13, 'active.art20_1.normativeDocs.publishedThisYear': 60 }), {
        sectionTexts: { overview: '2019年，通过“中国上海”门户网站、《上海市人民政府公报》等平台主动公开规章13件，行政规范性文件60件，市政府其他文件162件，人事任免文件141件。' },
      }),
    },
    {
      name: '2021: 制发, 废止 and 现行有效 agree; "公开" has no column in 2021 and is not compared',
      report: withFields(withCells(base, { 'active.art20_1.normativeDocs.issued': 5, 'active.art20_1.normativeDocs.repealed': 1, 'active.art20_1.normativeDocs.inForce': 30 }), {
        sectionTexts: { active: '本年制发规范性文件5件，废止1件；废止规范性文件1件，现行有效规范性文件30件，公开规范性文件9件。' },
      }),
    },
    { name: '规章制度, 清理, 全市 and approximations are not this table', report: withFields(base, { sectionTexts: { active: '制定完善规章制度3项，清理规范性文件20件，全市共出台规范性文件88件，制发规范性文件10余件。' } }) },
    { name: 'parts may add up to more than the total (channels overlap)', report: withFields(base, { sectionTexts: { overview: '主动公开政府信息100条，其中通过门户网站发布80条，通过公众号发布60条。' } }) },
    {
      name: '2021: "清理并集中发布现行有效行政规范性文件393件" states the stock in force, and it agrees',
      report: withFields(withCells(base, { 'active.art20_1.normativeDocs.inForce': 393 }), { sectionTexts: { active: '清理并集中发布现行有效行政规范性文件393件。' } }),
    },
    { name: 'listed parts that add up to no more than the total', report: withFields(base, { sectionTexts: { overview: '主动公开政府信息151条，其中网站13条、微信55条、政务服务83条。' } }) },
    { name: 'region-wide totals and their parts (全区…) are not the organ\'s', report: withFields(base, { sectionTexts: { overview: '全区主动公开政府信息151条，其中网站13条、微信55条、政务服务141条。' } }) },
    { name: 'an approximate total is not compared with its parts', report: withFields(base, { sectionTexts: { overview: '主动公开政府信息100余条，其中通过公众号发布120条。' } }) },
  ],
  invalid: [
    {
      name: 'sample 003: 主动公开政府信息 217 条，其中…通过微信公众号发布信息 228 条',
      report: sample003,
      findings: [
        {
          messageId: 'part',
          severity: 'warning',
          message: '第一部分“总体情况”称主动公开政府信息217条，其中一项却为228条，分项大于总数',
          location: { section: 'overview' },
          // A read document: the span is in the document (line 13 of the sample).
          span: { start: 409, end: 432, line: 13, column: 99, text: '通过微信公众号“投资博山”发布信息 228 条' },
          actual: 228,
          expected: 217,
        },
      ],
    },
    {
      name: '2021: "清理并集中发布现行有效…393件" is compared with 现行有效件数',
      report: withFields(withCells(base, { 'active.art20_1.normativeDocs.inForce': 390 }), { sectionTexts: { active: '清理并集中发布现行有效行政规范性文件393件。' } }),
      findings: [
        {
          messageId: 'docs',
          severity: 'warning',
          message: '第二部分“主动公开政府信息情况”称现行有效行政规范性文件393件，表二第二十条第（一）项“行政规范性文件”行“现行有效件数”列为390件，二者不一致',
          location: { section: 'active' },
          span: { start: 7, end: 22, line: 1, text: '现行有效行政规范性文件393件' },
          actual: 393,
          expected: 390,
        },
      ],
    },
    {
      name: 'listed channels exceed the stated total: 13+55+141=209 > 151',
      report: withFields(base, { sectionTexts: { overview: '主动公开政府信息151条，其中网站13条、微信55条、政务服务141条。' } }),
      findings: [
        {
          messageId: 'sum',
          severity: 'warning',
          message: '第一部分“总体情况”称主动公开政府信息151条，其中所列各项之和为13+55+141=209条，大于总数151条',
          location: { section: 'overview' },
          span: { start: 13, end: 35, line: 1, text: '其中网站13条、微信55条、政务服务141条' },
          actual: 209,
          expected: 151,
        },
      ],
    },
    {
      name: '2021: 制发 and 废止 counts differ from 二（一）',
      report: withFields(withCells(base, { 'active.art20_1.normativeDocs.issued': 4 }), { sectionTexts: { active: '本年制发规章2件、规范性文件5件，废止规范性文件1件，公开规范性文件9件。' } }),
      findings: [
        {
          messageId: 'docs',
          severity: 'warning',
          message: '第二部分“主动公开政府信息情况”称制发规章2件，表二第二十条第（一）项“规章”行“本年制发件数”列为0件，二者不一致',
          location: { section: 'active' },
          span: { start: 2, end: 8, line: 1, text: '制发规章2件' },
          actual: 2,
          expected: 0,
        },
        {
          messageId: 'docs',
          severity: 'warning',
          message: '第二部分“主动公开政府信息情况”称制发行政规范性文件5件，表二第二十条第（一）项“行政规范性文件”行“本年制发件数”列为4件，二者不一致',
          location: { section: 'active' },
        },
        {
          messageId: 'docs',
          severity: 'warning',
          message: '第二部分“主动公开政府信息情况”称废止行政规范性文件1件，表二第二十条第（一）项“行政规范性文件”行“本年废止件数”列为0件，二者不一致',
          location: { section: 'active' },
        },
      ],
    },
    {
      name: '2019: 印发 matches 本年新制作数量, 公开 is compared with 本年新公开数量',
      report: withFields(withCells(base2019, { 'active.art20_1.normativeDocs.madeThisYear': 5, 'active.art20_1.normativeDocs.publishedThisYear': 136 }), {
        sectionTexts: { overview: '本年印发规范性文件5件，公开规范性文件163件。' },
      }),
      findings: [
        {
          messageId: 'docs',
          severity: 'warning',
          message: '第一部分“总体情况”称公开规范性文件163件，表二第二十条第（一）项“规范性文件”行“本年新公开数量”列为136件，二者不一致',
          location: { section: 'overview' },
          actual: 163,
          expected: 136,
        },
      ],
    },
  ],
});
