import { evaluate, identities } from '../../schema/index.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { blankNames, blankVerdict, columnLabel, derivedReader, quietBlank } from '../identity.ts';

/** For `exceeds`: the side with blanks whose known operands already exceed the side without. */
function sides(rightBlank: boolean, e: { left: number; right: number }) {
  return rightBlank
    ? { partial: '第三项加第四项', known: e.right, whole: '第一项加第二项之和', total: e.left }
    : { partial: '第一项加第二项', known: e.left, whole: '第三项加第四项之和', total: e.right };
}

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
      '每一份申请要么在本年办结、计入某一办理结果，要么结转下年，因此七列（含总计列）都必须满足。' +
      '空白的处理（三种读法）：四项都有数字时按原值核对，不等为错误；有空白时空白只能是不小于 0 的数，若一边没有空白、另一边已知各项之和已超过它，空白格无论填什么都不能相等，报告为错误；' +
      '否则按空白为 0 计算仍不相等时报告为警告；按空白为 0 计算相等时不报告（空白由 CELL-02 按表报告一次）。“（七）总计”为空白而其各项齐全时按推算值核对（推算值由 SUM-04 报告）；' +
      'ogi 未能读取的格只参与“已超过”的判断。',
    messages: {
      mismatch: '第一项加第二项之和({left})不等于第三项加第四项之和({right})，列：{column}',
      exceeds: '{partial}中已知各项之和({known})已超过{whole}({total})，空白格（{cells}）无论填什么都不能相等，列：{column}',
      blankMismatch: '按空白为0计算，第一项加第二项之和({left})不等于第三项加第四项之和({right})（空白格：{cells}），列：{column}',
    },
  },
  check(ctx) {
    const read = derivedReader(ctx);
    const quiet = quietBlank(ctx);
    for (const identity of identities(ctx.doc.template as TableTemplate, 'requests-balance')) {
      const e = evaluate(identity, read);
      const column = columnLabel(identity);
      const at = {
        location: { table: 'requests' as const, column: identity.column }, span: ctx.span(identity.right[0]!) ?? null, actual: e.right, expected: e.left,
        identity: { left: identity.left, right: identity.right, blanks: e.blanks },
      };
      if (e.status === 'fails') {
        ctx.report({ messageId: 'mismatch', data: { left: e.left, right: e.right, column }, ...at });
        continue;
      }
      if (e.status !== 'blank') continue;
      const verdict = blankVerdict(identity, e, quiet);
      if (!verdict) continue;
      ctx.report({
        messageId: verdict === 'exceeds' ? 'exceeds' : 'blankMismatch',
        severity: verdict === 'exceeds' ? 'error' : 'warning',
        data: { left: e.left, right: e.right, column, cells: blankNames(e.blanks, ctx.doc.template), ...sides(identity.right.some((p) => e.blanks.includes(p)), e) },
        ...at,
      });
    }
  },
});

export default rule;
