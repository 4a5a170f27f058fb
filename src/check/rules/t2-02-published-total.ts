import { placePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

const ITEM = TEMPLATE_DEFS['2019'].active.find((i) => i.key === 'art20_1')!;

const rule = defineRule({
  meta: {
    id: 'T2-02',
    name: 'published-total',
    severity: 'warning',
    templates: ['2019'],
    scope: 'report',
    basis: '由表格结构推出（国办公开办函〔2019〕60号附表二第二十条第（一）项）：对外公开总数量包括本年新公开的文件',
    description: '表二第二十条第（一）项每一行：本年新公开数量 ≤ 对外公开总数量',
    docs:
      '2019 格式表二第二十条第（一）项按规章、规范性文件分行填写本年新制作数量、本年新公开数量和对外公开总数量。对外公开总数量是累计数，包括本年新公开的文件，' +
      '所以不应小于本年新公开数量。本年新制作数量与本年新公开数量之间没有必然大小关系（上年制作、本年公开的文件也计入本年新公开），不作判断。' +
      '合理性检查，报告为警告；两格中有空白时本规则不报告（空白由 CELL-02 报告）。',
    messages: {
      total: '{where}({actual})小于本年新公开数量({expected})；对外公开总数量包括本年新公开的文件，应不小于{expected}',
    },
  },
  check(ctx) {
    for (const row of ITEM.rows) {
      const base = placePath({ table: 'active', item: ITEM.key, row: row.key });
      const published = ctx.cell(`${base}.publishedThisYear`);
      const total = ctx.cell(`${base}.publishedTotal`);
      if (typeof published !== 'number' || typeof total !== 'number') continue;
      if (published > total) {
        ctx.report({
          messageId: 'total',
          data: { actual: total, expected: published },
          location: { table: 'active', item: ITEM.key, row: row.key, column: 'publishedTotal' },
          actual: total,
          expected: published,
        });
      }
    }
  },
});

export default rule;
