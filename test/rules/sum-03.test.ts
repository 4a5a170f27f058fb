import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });

ruleCases('SUM-03', {
  valid: [
    { name: 'all zero', report: base },
    { name: 'the V2019 template, all zero', report: base2019 },
    {
      name: '2 natural persons + 1 business = 3',
      report: withCells(base, { 'requests.newReceived.naturalPerson': 2, 'requests.newReceived.business': 1, 'requests.newReceived.total': 3 }),
    },
    {
      name: 'a blank 总计 alone is left to SUM-04 and CELL-02',
      report: withCells(base, { 'requests.granted.naturalPerson': 2, 'requests.granted.total': null }),
    },
  ],
  invalid: [
    {
      name: 'V2021: 总计 3 but the applicants add up to 2',
      report: withCells(base, { 'requests.newReceived.naturalPerson': 2, 'requests.newReceived.total': 3 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '表三“一、本年新收政府信息公开申请数量”行总计(3)不等于自然人至其他六列之和(2)',
          location: { table: 'requests', row: 'newReceived' },
          actual: 3,
          expected: 2,
        },
      ],
    },
    {
      name: 'V2021: a row of （六）',
      report: withCells(base, { 'requests.other.other.publicInterest': 1, 'requests.other.other.legal': 1, 'requests.other.other.total': 1 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '表三“3.其他”行总计(1)不等于自然人至其他六列之和(2)',
          location: { table: 'requests', row: 'other.other' },
          actual: 1,
          expected: 2,
        },
      ],
    },
    {
      name: 'V2019: the single （六）其他处理 row',
      report: withCells(base2019, { 'requests.other.legal': 1 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '表三“（六）其他处理”行总计(0)不等于自然人至其他六列之和(1)',
          location: { table: 'requests', row: 'other' },
          actual: 0,
          expected: 1,
        },
      ],
    },
    {
      name: 'a blank applicant cell is reported as a blank, not as a mismatch',
      report: withCells(base, { 'requests.carriedForward.research': null, 'requests.carriedForward.total': 4 }),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表三“四、结转下年度继续办理”行“科研机构”列为空白，无法核对表三“四、结转下年度继续办理”行“总计等于六类申请人之和”',
          location: { table: 'requests', row: 'carriedForward', column: 'research' },
        },
      ],
    },
    {
      name: 'V2019: blank applicant cells and a blank total are named together',
      report: withCells(base2019, { 'requests.granted.business': null, 'requests.granted.total': null }),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表三“（一）予以公开”行“商业企业”列、表三“（一）予以公开”行“总计”列为空白，无法核对表三“（一）予以公开”行“总计等于六类申请人之和”',
          location: { table: 'requests', row: 'granted', column: 'business' },
        },
      ],
    },
  ],
});
