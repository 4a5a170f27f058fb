import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();

ruleCases('SUM-01', {
  valid: [
    { name: 'all zero', report: base },
    {
      name: '5 new + 1 carried over = 4 decided + 2 carried forward',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 5, 'requests.newReceived.total': 5,
        'requests.carriedOver.naturalPerson': 1, 'requests.carriedOver.total': 1,
        'requests.resultTotal.naturalPerson': 4, 'requests.resultTotal.total': 4,
        'requests.carriedForward.naturalPerson': 2, 'requests.carriedForward.total': 2,
      }),
    },
    { name: 'the V2019 template', report: baseReport({ template: '2019' }) },
  ],
  invalid: [
    {
      name: 'one column does not balance',
      report: withCells(base, { 'requests.newReceived.naturalPerson': 5, 'requests.resultTotal.naturalPerson': 4 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '第一项加第二项之和(5)不等于第三项加第四项之和(4)，列：自然人',
          location: { table: 'requests', column: 'naturalPerson' },
          actual: 4,
          expected: 5,
        },
      ],
    },
    {
      name: 'a blank operand is reported as a blank, not as a mismatch',
      report: withCells(base, { 'requests.resultTotal.publicInterest': null, 'requests.newReceived.publicInterest': 3 }),
      findings: [
        {
          messageId: 'blank',
          severity: 'info',
          message: '表三“（七）总计”行“社会公益组织”列为空白，无法核对“第一项加第二项之和等于第三项加第四项之和”，列：社会公益组织',
          location: { table: 'requests', row: 'resultTotal', column: 'publicInterest' },
        },
      ],
    },
  ],
});
