import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const sample = (name: string) => extractReport(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
const counts = withCells(base, {
  'requests.newReceived.total': 12,
  'requests.carriedOver.total': 2,
  'requests.resultTotal.total': 13,
  'requests.carriedForward.total': 1,
});
const text = (requests: string) => withFields(counts, { sectionTexts: { requests } });

ruleCases('NAR-01', {
  valid: [
    { name: 'the builder report (2021)', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    { name: 'all four counts agree, in Chinese numerals', report: text('本年新收政府信息公开申请十二件，上年结转两件，办结十三件，结转下年度一件。') },
    { name: 'approximations are never compared', report: text('共收到政府信息公开申请30余件，办结近百件，约20件结转下年度。') },
    { name: '受理 may include the carried-over applications', report: text('全年共受理政府信息公开申请14件（含上年结转2件）。') },
    { name: '办结 may count only this year\'s applications (13 concluded, 2 carried over)', report: text('共收到政府信息公开申请12件，已办结11件。') },
    { name: 'counts of other subjects are not applications', report: withFields(base, { sectionTexts: { overview: '我局收到市人大代表建议4件，收到市政协委员提案2件，局长信箱共收到网络留言6次，政民互动办件28件。' } }) },
    { name: 'a blank table cell is not compared (CELL-02 reports it)', report: withCells(text('共收到政府信息公开申请12件。'), { 'requests.newReceived.total': null }) },
    { name: 'sample 002: 共收到政府信息公开申请4件, table 4', report: sample('002_9d093eecd5b1c4d3') },
    { name: 'sample 000: "收到和办理邮寄方式、网上…各1件" is two applications, not a total of one', report: sample('000_6c4583cee035bde5') },
    {
      name: '新收 includes the carried-over application when the text says so: 75 = 74 + 1 (含上年结转1件)',
      report: withFields(withCells(base, { 'requests.newReceived.total': 74, 'requests.carriedOver.total': 1 }), { sectionTexts: { requests: '本年新收政府信息公开申请75件（含上年结转1件）。' } }),
    },
    { name: 'region-wide counts (全区…) are not the organ\'s', report: text('全区共收到政府信息公开申请120件，办结118件。') },
    { name: 'counts of every department (各部门…) are not the organ\'s', report: text('各部门共收到政府信息公开申请120件，均已办结。') },
    { name: '"同意公开答复9件" is a category (予以公开), not 办结 9', report: text('共收到政府信息公开申请12件，同意公开答复9件。') },
  ],
  invalid: [
    {
      name: 'section 一 states 12 new applications, the table 10',
      report: withFields(withCells(base, { 'requests.newReceived.total': 10 }), { sectionTexts: { overview: '2023年，本局共收到政府信息公开申请12件，均已按时答复。' } }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第一部分“总体情况”称本年新收政府信息公开申请12件，表三“一、本年新收政府信息公开申请数量”行“总计”列为10件，二者不一致',
          location: { section: 'overview' },
          span: { start: 9, end: 22, line: 1, text: '收到政府信息公开申请12件' },
          actual: 12,
          expected: 10,
        },
      ],
    },
    {
      name: 'all four counts differ from zero tables',
      report: withFields(base, { sectionTexts: { requests: '本年新收政府信息公开申请十二件，上年结转两件，办结一十四件，结转下年度1件。' } }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称本年新收政府信息公开申请12件，表三“一、本年新收政府信息公开申请数量”行“总计”列为0件，二者不一致',
          location: { section: 'requests' },
          span: { start: 2, end: 15, line: 1, text: '新收政府信息公开申请十二件' },
        },
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称上年结转政府信息公开申请2件，表三“二、上年结转政府信息公开申请数量”行“总计”列为0件，二者不一致',
          location: { section: 'requests' },
        },
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称办结（答复）政府信息公开申请14件，表三“（七）总计”行“总计”列为0件，二者不一致',
          location: { section: 'requests' },
        },
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称结转下年度继续办理的申请1件，表三“四、结转下年度继续办理”行“总计”列为0件，二者不一致',
          location: { section: 'requests' },
          actual: 1,
          expected: 0,
        },
      ],
    },
    {
      name: '"新收75件" is compared with 一 only: 74 new and 1 carried over are not 75 new',
      report: withFields(withCells(base, { 'requests.newReceived.total': 74, 'requests.carriedOver.total': 1 }), { sectionTexts: { requests: '本年新收政府信息公开申请75件。' } }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称本年新收政府信息公开申请75件，表三“一、本年新收政府信息公开申请数量”行“总计”列为74件，二者不一致',
          location: { section: 'requests' },
          span: { start: 2, end: 15, line: 1, text: '新收政府信息公开申请75件' },
          actual: 75,
          expected: 74,
        },
      ],
    },
    {
      name: 'the organ\'s own count after a region-wide one is compared (本局…)',
      report: text('全区共收到政府信息公开申请120件，本局收到政府信息公开申请15件。'),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称本年新收政府信息公开申请15件，表三“一、本年新收政府信息公开申请数量”行“总计”列为12件，二者不一致',
          location: { section: 'requests' },
          actual: 15,
          expected: 12,
        },
      ],
    },
    {
      name: 'only the exact count is compared when one is approximate',
      report: text('共收到政府信息公开申请10余件，办结10件。'),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称办结（答复）政府信息公开申请10件，表三“（七）总计”行“总计”列为13件，二者不一致',
          location: { section: 'requests' },
        },
      ],
    },
  ],
});
