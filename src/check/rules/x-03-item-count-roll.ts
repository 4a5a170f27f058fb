import { placePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

/** The rows of 2019 二 that carry 上一年项目数量 and 本年增/减: （五）（六）（八）. */
const ROWS = TEMPLATE_DEFS['2019'].active
  .filter((i) => i.columns.some((c) => c.key === 'lastYear') && i.columns.some((c) => c.key === 'change'))
  .flatMap((i) => i.rows.map((r) => ({ item: i.key, row: r.key })));

const rule = defineRule({
  meta: {
    id: 'X-03',
    name: 'item-count-roll',
    severity: 'warning',
    templates: ['2019'],
    scope: 'series',
    basis: '湖北省报告表头注释：上一年项目数量“指上一年事项数”，本年增/减“指本年增加或减少的事项数”（国办公开办函〔2019〕60号附表二）',
    description: '同一机关 2019→2020（均为 2019 格式）：本年“上一年项目数量” = 上一年度的上一年项目数量 + 本年增/减',
    docs:
      '2019 格式表二（五）（六）（八）各行的“上一年项目数量”是上一年的事项数，“本年增/减”是本年事项数的变化，二者之和是本年事项数（CELL-03 要求它不为负）。' +
      '所以 2020 年报告的上一年项目数量应等于 2019 年报告的上一年项目数量加本年增/减。“处理决定数量”是办件量，与事项数无关，不参与比较。' +
      '只比较两份都是 2019 格式的报告（实际上就是 2019→2020）；2021 格式没有这些列（X-04）。任一格为空白时不报告（空白由 CELL-02 报告）。位置记在本年度的“上一年项目数量”格上。',
    messages: {
      mismatch:
        '{where}({actual})不等于上一年度（{previousYear}年）报告的上一年项目数量({previous})加本年增/减({change})之和({expected})',
    },
  },
  check(ctx) {
    if (ctx.previous.template !== '2019') return;
    for (const r of ROWS) {
      const base = placePath({ table: 'active', item: r.item, row: r.row });
      const previous = ctx.cell('previous', `${base}.lastYear`);
      const change = ctx.cell('previous', `${base}.change`);
      const actual = ctx.cell('current', `${base}.lastYear`);
      if (typeof previous !== 'number' || typeof change !== 'number' || typeof actual !== 'number') continue;
      const expected = previous + change;
      if (actual === expected) continue;
      ctx.report({
        messageId: 'mismatch',
        data: { actual, previous, change, expected, previousYear: ctx.previous.year },
        location: { table: 'active', item: r.item, row: r.row, column: 'lastYear', year: ctx.current.year! },
        actual,
        expected,
      });
    }
  },
});

export default rule;
