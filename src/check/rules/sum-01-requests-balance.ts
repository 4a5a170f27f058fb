import { evaluate, identities, parsePath, placeName } from '../../schema/index.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { columnLabel } from '../identity.ts';

const rule = defineRule({
  meta: {
    id: 'SUM-01',
    name: 'requests-balance',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '表三说明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”（国办公开办函〔2019〕60号、〔2021〕30号附表）',
    description: '表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理',
    docs:
      '表三的表头注明了本列的勾稽关系：第一项（本年新收）加第二项（上年结转）之和，等于第三项（本年度办理结果的总计）加第四项（结转下年度继续办理）之和。' +
      '每一份申请要么在本年办结、计入某一办理结果，要么结转下年，因此七列（含总计列）都必须满足。任一运算项为空白时不判为不一致，而是报告该空白使本列无法核对。',
    messages: {
      mismatch: '第一项加第二项之和({left})不等于第三项加第四项之和({right})，列：{column}',
      blank: '{cells}为空白，无法核对“第一项加第二项之和等于第三项加第四项之和”，列：{column}',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'requests-balance')) {
      const e = evaluate(identity, ctx.cell);
      const column = columnLabel(identity);
      if (e.status === 'blank') {
        if (e.blanks.every((p) => ctx.unread(p))) continue;
        ctx.report({
          messageId: 'blank',
          severity: 'info',
          data: { cells: e.blanks.map((p) => placeName(parsePath(p))).join('、'), column },
          location: parsePath(e.blanks[0]!),
          span: ctx.span(e.blanks[0]!) ?? null,
        });
      } else if (e.status === 'fails') {
        ctx.report({
          messageId: 'mismatch',
          data: { left: e.left, right: e.right, column },
          location: { table: 'requests', column: identity.column },
          span: ctx.span(identity.right[0]!) ?? null,
          actual: e.right,
          expected: e.left,
        });
      }
    }
  },
});

export default rule;
