import { placePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

const ITEM = TEMPLATE_DEFS['2021'].active.find((i) => i.key === 'art20_1')!;

const rule = defineRule({
  meta: {
    id: 'T2-01',
    name: 'in-force-stock',
    severity: 'warning',
    templates: ['2021'],
    scope: 'report',
    basis: '由表格结构推出（国办公开办函〔2021〕30号附表二第二十条第（一）项）：年末现行有效件数 = 年初现行有效件数 + 本年制发 − 本年废止，年初件数不能为负',
    description: '表二第二十条第（一）项每一行：现行有效件数 ≥ 本年制发件数 − 本年废止件数',
    docs:
      '2021 格式表二第二十条第（一）项按规章、行政规范性文件分行填写本年制发件数、本年废止件数和现行有效件数。年末现行有效件数等于年初现行有效件数加本年制发、减本年废止（及其他失效），' +
      '年初件数不可能为负，所以现行有效件数不应小于本年制发件数减本年废止件数。反过来的差额可由年初存量、有效期届满失效等解释，不作判断。' +
      '这是合理性检查而不是法定勾稽关系，报告为警告。三格中有空白时本规则不报告（空白由 CELL-02 报告）。',
    messages: {
      stock: '{where}({actual})小于本年制发件数({issued})减本年废止件数({repealed})之差，应不小于{expected}，否则推算的年初现行有效件数为负',
    },
  },
  check(ctx) {
    for (const row of ITEM.rows) {
      const base = placePath({ table: 'active', item: ITEM.key, row: row.key });
      const issued = ctx.cell(`${base}.issued`);
      const repealed = ctx.cell(`${base}.repealed`);
      const inForce = ctx.cell(`${base}.inForce`);
      if (typeof issued !== 'number' || typeof repealed !== 'number' || typeof inForce !== 'number') continue;
      const expected = issued - repealed;
      if (inForce < expected) {
        ctx.report({
          messageId: 'stock',
          data: { actual: inForce, issued, repealed, expected },
          location: { table: 'active', item: ITEM.key, row: row.key, column: 'inForce' },
          actual: inForce,
          expected,
        });
      }
    }
  },
});

export default rule;
