import { activePath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

/** 10⁶ 万元 = 100 亿元: more than any single organ's 行政事业性收费 in a year. */
export const FEE_LIMIT_WAN = 1_000_000;

const round = (x: number) => Number.parseFloat(x.toPrecision(12));

const rule = defineRule({
  meta: {
    id: 'T2-04',
    name: 'fee-magnitude',
    severity: 'warning',
    templates: ['2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号附表二第二十条第（八）项表头“本年收费金额（单位：万元）”；10⁶ 万元的上限是经验阈值',
    description: '表二本年收费金额超过 10⁶ 万元（100 亿元）：很可能按元填报',
    docs:
      '2021 格式的本年收费金额以万元为单位。按元填写的数字会大一万倍，一个机关一年的行政事业性收费超过 10⁶ 万元（100 亿元）几乎不可能，所以超过这一数额时警告，并给出按元换算后的万元数。' +
      '“远高于上一年度”的情形需要同一机关上一年度的报告，本规则是单份报告规则（meta.scope 为 report），不检查；' +
      '跨年度的大幅变化由 X-05 提示（X-05 也比较本年收费金额，变化达千倍以上时提示可能按元填报）。空白时本规则不报告（空白由 CELL-02 报告）。',
    messages: {
      magnitude: '{where}为{actual}万元，超过 {limit} 万元（100 亿元），很可能是按“元”填报；如按元填报，应为{expected}万元',
    },
  },
  check(ctx) {
    const path = activePath('art20_8', 'fees', 'amount');
    const amount = ctx.cell(path);
    if (typeof amount !== 'number' || amount <= FEE_LIMIT_WAN) return;
    const expected = round(amount / 10000);
    ctx.report({
      messageId: 'magnitude',
      data: { actual: amount, limit: FEE_LIMIT_WAN, expected },
      location: { table: 'active', item: 'art20_8', row: 'fees', column: 'amount' },
      actual: amount,
      expected,
    });
  },
});

export default rule;
