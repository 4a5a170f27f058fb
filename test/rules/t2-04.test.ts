import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const fee = (amount: number | null) => withCells(base, { 'active.art20_8.fees.amount': amount });

ruleCases('T2-04', {
  valid: [
    { name: 'zero', report: base },
    { name: '37.79 万元', report: fee(37.79) },
    { name: 'exactly 10⁶ 万元 is still accepted', report: fee(1000000) },
    { name: 'a blank amount is CELL-02’s', report: fee(null) },
    { name: 'V2019 has no fee amount', report: baseReport({ template: '2019' }) },
  ],
  invalid: [
    {
      name: '2,500,000 “万元” is 250 万元 entered in 元',
      report: fee(2500000),
      findings: [
        {
          messageId: 'magnitude',
          severity: 'warning',
          message: '表二第二十条第（八）项“行政事业性收费”行“本年收费金额（单位：万元）”列为2500000万元，超过 1000000 万元（100 亿元），很可能是按“元”填报；如按元填报，应为250万元',
          location: { table: 'active', item: 'art20_8', row: 'fees', column: 'amount' },
          actual: 2500000,
          expected: 250,
        },
      ],
    },
  ],
});
