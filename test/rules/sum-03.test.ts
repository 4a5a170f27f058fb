import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';
import { dashedSample } from '../helpers/dashed-sample.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });

const { dashed, dashedWrongTotal } = dashedSample();
ruleCases('SUM-03', {
  valid: [
    { name: 'all zero', report: base },
    { name: 'the V2019 template, all zero', report: base2019 },
    {
      name: '2 natural persons + 1 business = 3',
      report: withCells(base, { 'requests.newReceived.naturalPerson': 2, 'requests.newReceived.business': 1, 'requests.newReceived.total': 3 }),
    },
    { name: 'V2019: blank applicant cells and a blank total: the total is SUM-04\'s', report: withCells(base2019, { 'requests.granted.business': null, 'requests.granted.total': null }) },
    { name: 'blank applicant cells that add up with the blanks read as 0', report: withCells(base, { 'requests.carriedForward.research': null }) },
    { name: 'a table printed with “—” for 0 that adds up', report: dashed },
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
      name: 'a blank applicant cell under a known total: a warning when the blanks read as 0 do not add up',
      report: withCells(base, { 'requests.carriedForward.research': null, 'requests.carriedForward.total': 4 }),
      findings: [
        {
          messageId: 'blankMismatch',
          severity: 'warning',
          message: '表三“四、结转下年度继续办理”行：按空白为0计算，总计应为0，实为4（空白格：表三“四、结转下年度继续办理”行“科研机构”列）',
          location: { table: 'requests', row: 'carriedForward' },
          actual: 4,
          expected: 0,
          cells: ['requests.carriedForward.naturalPerson', 'requests.carriedForward.business', 'requests.carriedForward.research', 'requests.carriedForward.publicInterest', 'requests.carriedForward.legal', 'requests.carriedForward.other', 'requests.carriedForward.total'],
        },
      ],
    },
    {
      name: 'known applicants already exceed the total: an error whatever the blank holds',
      report: withCells(base, { 'requests.carriedForward.naturalPerson': 5, 'requests.carriedForward.research': null, 'requests.carriedForward.total': 4 }),
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '表三“四、结转下年度继续办理”行：自然人至其他六列中已知各格之和(5)已超过总计(4)，空白格（表三“四、结转下年度继续办理”行“科研机构”列）无论填什么都不能相等',
          location: { table: 'requests', row: 'carriedForward' },
          actual: 4,
          expected: 5,
          cells: ['requests.carriedForward.naturalPerson', 'requests.carriedForward.business', 'requests.carriedForward.research', 'requests.carriedForward.publicInterest', 'requests.carriedForward.legal', 'requests.carriedForward.other', 'requests.carriedForward.total'],
        },
      ],
    },
    {
      name: 'a table printed with “—” for 0 and one wrong total: the error is found',
      report: dashedWrongTotal,
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message:
            '表三“（七）总计”行：自然人至其他六列中已知各格之和(2)已超过总计(1)，空白格（表三“（七）总计”行“商业企业”列、表三“（七）总计”行“科研机构”列、表三“（七）总计”行“社会公益组织”列等5格）无论填什么都不能相等',
          location: { table: 'requests', row: 'resultTotal' },
          actual: 1,
          expected: 2,
          cells: ['requests.resultTotal.naturalPerson', 'requests.resultTotal.business', 'requests.resultTotal.research', 'requests.resultTotal.publicInterest', 'requests.resultTotal.legal', 'requests.resultTotal.other', 'requests.resultTotal.total'],
        },
      ],
    },
  ],
});
