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
      '空白的处理：任一办理结果单元格为空白时不判为不一致，而是以提示（info）报告该列无法核对并列出空白格；只有“（七）总计”本身为空白、各项办理结果齐全时本规则不报告，' +
      '由 SUM-04 给出推算值（各项均为 0 时由 CELL-02 报告空白）。',
    messages: {
      mismatch: '（七）总计({actual})不等于各项办理结果之和({expected})，列：{column}',
      blank: '{cells}为空白，无法核对“（七）总计等于各项办理结果之和”，列：{column}',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'requests-results')) {
      checkTotal(ctx, identity, { location: { table: 'requests', column: identity.column }, data: { column: columnLabel(identity) } });
    }
  },
});

export default rule;
