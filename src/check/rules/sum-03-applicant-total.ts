import { identities } from '../../schema/identities.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { checkTotal } from '../identity.ts';

const rule = defineRule({
  meta: {
    id: 'SUM-03',
    name: 'applicant-total',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '由表格结构推出：表三“总计”列是“申请人情况”各列之和，即自然人加法人或其他组织的五类（国办公开办函〔2019〕60号、〔2021〕30号附表三）',
    description: '表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他',
    docs:
      '表三的“申请人情况”把每一份申请计入且只计入一类申请人：自然人，或法人或其他组织下的商业企业、科研机构、社会公益组织、法律服务机构、其他，“总计”列是这六列之和。' +
      '本规则对所用格式的每一行（2019 格式 23 行，2021 格式 25 行，行表取自法定格式定义）核对这一关系。' +
      '空白的处理（三种读法）：各运算项都有数字时按原值核对，不等为错误；有空白时空白只能是不小于 0 的数，若已知各项之和已超过“总计”，空白格无论填什么都不能相等，报告为错误；否则按空白为 0 计算仍不相等时报告为警告；按空白为 0 计算相等时不报告（空白由 CELL-02 按表报告一次）。组成各格中的空白总计格若能由其各项推出，按推算值参与核对；ogi 未能读取的格只参与“已超过”的判断。' +
      '“总计”本身为空白时本规则不报告，由 SUM-04 给出推算值（六列均为 0 时由 CELL-02 报告空白）。',
    messages: {
      mismatch: '{where}总计({actual})不等于自然人至其他六列之和({expected})',
      exceeds: '{where}：自然人至其他六列中已知各格之和({expected})已超过总计({actual})，空白格（{cells}）无论填什么都不能相等',
      blankMismatch: '{where}：按空白为0计算，总计应为{expected}，实为{actual}（空白格：{cells}）',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'requests-row-total')) {
      const location = { table: 'requests' as const, row: identity.row };
      checkTotal(ctx, identity, { location });
    }
  },
});

export default rule;
