import { placePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

/** V2019 items that print 上一年项目数量 and 本年增/减. */
const ITEMS = TEMPLATE_DEFS['2019'].active.filter((i) => i.columns.some((c) => c.key === 'lastYear') && i.columns.some((c) => c.key === 'change'));

const rule = defineRule({
  meta: {
    id: 'CELL-03',
    name: 'project-change',
    severity: 'error',
    templates: ['2019'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号附表二“上一年项目数量”“本年增/减”；湖北省报告表头注释“减用负值表示”',
    description: '2019年版表二：本年增/减为整数，且上一年项目数量 + 本年增/减 ≥ 0',
    docs:
      '2019年版表二第（五）（六）（八）项的“上一年项目数量”是事项的种数，“本年增/减”是本年增加或减少的事项数（减少用负数，可印“+n”“-n”）。' +
      '两者相加得本年项目数量，这一数量没有印出，但不能为负：减少的事项不能多于上一年已有的事项。本年增/减不是整数也是错误。' +
      '“处理决定数量”是办件量，与项目数量不是同一概念（武汉市生态环境局2020年：行政许可8、+5、93），因此本规则不拿它与项目数量比较。' +
      '任一运算项为空白或占位符时跳过（由 CELL-02 报告）；上一年项目数量本身的正负由 CELL-01 检查。',
    messages: {
      negative: '{where}为{change}，上一年项目数量为{last}，二者之和（本年项目数量）为{sum}，应不小于0；本年减少的事项数不能多于上一年的{last}项',
      fraction: '{where}为{change}，应为整数（增加用正数，减少用负数）',
    },
  },
  check(ctx) {
    for (const item of ITEMS) {
      for (const row of item.rows) {
        const base = placePath({ table: 'active', item: item.key, row: row.key });
        const last = ctx.cell(`${base}.lastYear`);
        const change = ctx.cell(`${base}.change`);
        if (change === null || change === undefined) continue;
        const location = { table: 'active' as const, item: item.key, row: row.key, column: 'change' };
        if (!Number.isInteger(change)) {
          ctx.report({ messageId: 'fraction', data: { change }, location, actual: change, expected: '整数' });
          continue;
        }
        if (last === null || last === undefined) continue;
        if (last + change >= 0) continue;
        ctx.report({
          messageId: 'negative',
          data: { change, last, sum: last + change },
          location,
          actual: change,
          expected: `≥ ${0 - last}`,
        });
      }
    }
  },
});

export default rule;
