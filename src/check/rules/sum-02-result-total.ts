import { identities } from '../../schema/identities.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { checkTotal, columnLabel } from '../identity.ts';

const rule = defineRule({
  meta: {
    id: 'SUM-02',
    name: 'result-total',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '由表格结构推出：表三“（七）总计”是本年度各项办理结果之和（国办公开办函〔2019〕60号、〔2021〕30号附表三）',
    description: '表三每一列：（七）总计 = （一）至（六）各项办理结果之和',
    docs:
      '表三“三、本年度办理结果”中，每一份办结的申请只计入一个办理结果（部分公开的说明即为此意），因此每一列的“（七）总计”都应等于（一）予以公开、（二）部分公开、' +
      '（三）不予公开 1–8、（四）无法提供 1–3、（五）不予处理 1–5 与（六）其他处理之和；（六）在 2019 格式中是一行，在 2021 格式中是 1–3 三行。' +
      '参与求和的行取自法定格式定义中标为办理结果的行（requestRows(template) 的 result 标记），不在规则中另列。' +
      '空白的处理（三种读法）：各运算项都有数字时按原值核对，不等为错误；有空白时空白只能是不小于 0 的数，若已知各项之和已超过“（七）总计”，空白格无论填什么都不能相等，报告为错误；否则按空白为 0 计算仍不相等时报告为警告；按空白为 0 计算相等时不报告（空白由 CELL-02 按表报告一次）。组成各格中的空白总计格若能由其各项推出，按推算值参与核对；ogi 未能读取的格只参与“已超过”的判断。' +
      '“（七）总计”本身为空白时本规则不报告，由 SUM-04 给出推算值（各项均为 0 时由 CELL-02 报告空白）。',
    messages: {
      mismatch: '（七）总计({actual})不等于各项办理结果之和({expected})，列：{column}',
      exceeds: '各项办理结果中已知各项之和({expected})已超过（七）总计({actual})，空白格（{cells}）无论填什么都不能相等，列：{column}',
      blankMismatch: '按空白为0计算，（七）总计应为{expected}，实为{actual}（空白格：{cells}），列：{column}',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'requests-results')) {
      checkTotal(ctx, identity, { location: { table: 'requests', column: identity.column }, data: { column: columnLabel(identity) } });
    }
  },
});

export default rule;
