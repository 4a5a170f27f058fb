import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const flow = (received: number, over: number, forward: number) =>
  withCells(base, { 'requests.newReceived.total': received, 'requests.carriedOver.total': over, 'requests.carriedForward.total': forward });

ruleCases('APP-05', {
  valid: [
    { name: 'the builder report', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    { name: 'a quarter exactly is not above it', report: flow(10, 2, 3) },
    { name: 'Shanghai 2019: 72 of 877 (8.2%)', report: flow(859, 18, 72) },
    { name: 'a blank cell is not computed', report: withCells(flow(4, 0, 3), { 'requests.carriedOver.total': null }) },
  ],
  invalid: [
    {
      name: '3 of 4 applications carried forward',
      report: flow(4, 0, 3),
      findings: [
        {
          messageId: 'share',
          severity: 'info',
          message: '结转下年度继续办理3件，占本年新收与上年结转之和4件的75%，超过25%，请核实是否超期未办或统计有误',
          location: { table: 'requests', row: 'carriedForward', column: 'total' },
          actual: 3,
          expected: 1,
        },
      ],
    },
  ],
});
