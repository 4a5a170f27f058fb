import { activePath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements } from '../../extract/narrative/index.ts';

/** Half a unit of the last printed decimal of a 万元 amount (0.04 → 0.005); 0.005 when unknown. */
function printedTolerance(text: string | undefined): number {
  const m = text ? /\d+(?:\.(\d+))?/.exec(text) : null;
  const decimals = m ? (m[1]?.length ?? 0) : 2;
  return 0.5 * 10 ** -decimals;
}

const rule = defineRule({
  meta: {
    id: 'APP-02',
    name: 'fee-in-charges-table',
    severity: 'warning',
    templates: ['2021'],
    scope: 'report',
    basis: '四川省财政厅、发改委2021年通知和河南省政府办公厅2021年通知：“信息处理费属于行政事业性收费”；国办公开办函〔2021〕30号附表二第二十条第（八）项',
    description: '第六部分所称实际收取的信息处理费计入表二“行政事业性收费”本年收费金额（万元）',
    docs:
      '信息处理费属于行政事业性收费，实际收取的金额应包含在表二第二十条第（八）项“本年收费金额（单位：万元）”中，因此后者不应小于第六部分所称实际收取的金额（元换算为万元）。' +
      '方向不可颠倒：表二的收费金额是机关全部行政事业性收费，远大于信息处理费是正常的，第六部分写“无”也不与表二的收费金额矛盾（反方向核对会误报）。' +
      '表二金额按其印出的小数位数四舍五入，比较时容许半个末位（印“0.04”时容许0.005万元即50元）；约数、发出收费通知的金额（未必收到）不比较。',
    messages: {
      less: '{place}称实际收取信息处理费{fee}元（{feeWan}万元），表二第二十条第（八）项“本年收费金额”仅为{table}万元，信息处理费属于行政事业性收费，应计入其中',
    },
  },
  check(ctx) {
    const table = ctx.cell(activePath('art20_8', 'fees', 'amount'));
    if (table === undefined || table === null) return;
    const tolerance = printedTolerance(ctx.span(activePath('art20_8', 'fees', 'amount'))?.text);
    for (const st of statements(ctx.doc, 'feeCollected')) {
      if (st.section !== 'other' || !st.exact || st.value <= 0) continue;
      const wan = st.value / 10000;
      if (table + tolerance + 1e-9 >= wan) continue;
      ctx.report({
        messageId: 'less',
        data: { place: placeName(st.section), fee: st.value, feeWan: Math.round(wan * 1e6) / 1e6, table },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: table,
        expected: Math.round(wan * 1e6) / 1e6,
      });
    }
  },
});

export default rule;
