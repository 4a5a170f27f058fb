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
    {
      name: 'blanks that balance when read as 0 give nothing (CELL-02 reports them once)',
      report: withCells(base, { 'requests.carriedOver.naturalPerson': null, 'requests.carriedForward.naturalPerson': null }),
    },
    {
      name: 'a blank （七）总计 with its results known reads as their sum',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 3,
        'requests.carriedOver.naturalPerson': null,
        'requests.granted.naturalPerson': 3,
        'requests.resultTotal.naturalPerson': null,
      }),
    },
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
      name: 'a blank （七）总计 reads as its derived value, so the column is checked exactly',
      report: withCells(base, { 'requests.resultTotal.publicInterest': null, 'requests.newReceived.publicInterest': 3 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'error',
          message: '第一项加第二项之和(3)不等于第三项加第四项之和(0)，列：社会公益组织',
          location: { table: 'requests', column: 'publicInterest' },
          actual: 0,
          expected: 3,
        },
      ],
    },
    {
      name: 'known parts already exceed the side without blanks: an error whatever the blank holds',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 5,
        'requests.carriedOver.naturalPerson': null,
        'requests.granted.naturalPerson': 4,
        'requests.resultTotal.naturalPerson': 4,
      }),
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '第一项加第二项中已知各项之和(5)已超过第三项加第四项之和(4)，空白格（表三“二、上年结转政府信息公开申请数量”行“自然人”列）无论填什么都不能相等，列：自然人',
          location: { table: 'requests', column: 'naturalPerson' },
          actual: 4,
          expected: 5,
          cells: ['requests.newReceived.naturalPerson', 'requests.carriedOver.naturalPerson', 'requests.resultTotal.naturalPerson', 'requests.carriedForward.naturalPerson'],
        },
      ],
    },
    {
      name: 'the blank on the right side: the known right side already exceeds the left',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 3,
        'requests.granted.naturalPerson': 4,
        'requests.resultTotal.naturalPerson': 4,
        'requests.carriedForward.naturalPerson': null,
      }),
      findings: [
        {
          messageId: 'exceeds',
          severity: 'error',
          message: '第三项加第四项中已知各项之和(4)已超过第一项加第二项之和(3)，空白格（表三“四、结转下年度继续办理”行“自然人”列）无论填什么都不能相等，列：自然人',
          location: { table: 'requests', column: 'naturalPerson' },
          actual: 4,
          expected: 3,
          cells: ['requests.newReceived.naturalPerson', 'requests.carriedOver.naturalPerson', 'requests.resultTotal.naturalPerson', 'requests.carriedForward.naturalPerson'],
        },
      ],
    },
    {
      name: 'blanks read as 0 do not balance: a warning',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 3,
        'requests.carriedOver.naturalPerson': null,
        'requests.granted.naturalPerson': 4,
        'requests.resultTotal.naturalPerson': 4,
      }),
      findings: [
        {
          messageId: 'blankMismatch',
          severity: 'warning',
          message: '按空白为0计算，第一项加第二项之和(3)不等于第三项加第四项之和(4)（空白格：表三“二、上年结转政府信息公开申请数量”行“自然人”列），列：自然人',
          location: { table: 'requests', column: 'naturalPerson' },
          actual: 4,
          expected: 3,
          cells: ['requests.newReceived.naturalPerson', 'requests.carriedOver.naturalPerson', 'requests.resultTotal.naturalPerson', 'requests.carriedForward.naturalPerson'],
        },
      ],
    },
  ],
});
