import { identities } from '../../schema/identities.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { checkTotal } from '../identity.ts';

const rule = defineRule({
  meta: {
    id: 'SUM-05',
    name: 'review-total',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '由表格结构推出：表四每组的“总计”是结果维持、结果纠正、其他结果、尚未审结之和（国办公开办函〔2019〕60号、〔2021〕30号附表四）',
    description: '表四行政复议、未经复议直接起诉、复议后起诉三组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
    docs:
      '表四分行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组，每组五格。每一件复议或诉讼要么已有结果（维持、纠正或其他结果），要么尚未审结，' +
      '因此每组的“总计”等于前四格之和。发现不一致时，位置记为该组（location.row 为组的键），因为单看一组无法判断是哪一格填错。' +
      '空白的处理（三种读法）：各运算项都有数字时按原值核对，不等为错误；有空白时空白只能是不小于 0 的数，若已知各项之和已超过“总计”，空白格无论填什么都不能相等，报告为错误；否则按空白为 0 计算仍不相等时报告为警告；按空白为 0 计算相等时不报告（空白由 CELL-02 按表报告一次）。组成各格中的空白总计格若能由其各项推出，按推算值参与核对；ogi 未能读取的格只参与“已超过”的判断。' +
      '“总计”本身为空白时本规则不报告，由 SUM-04 给出推算值（前四格均为 0 时由 CELL-02 报告空白）。',
    messages: {
      mismatch: '{where}总计({actual})不等于结果维持、结果纠正、其他结果、尚未审结之和({expected})',
      exceeds: '{where}：结果维持、结果纠正、其他结果、尚未审结中已知各格之和({expected})已超过总计({actual})，空白格（{cells}）无论填什么都不能相等',
      blankMismatch: '{where}：按空白为0计算，总计应为{expected}，实为{actual}（空白格：{cells}）',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'review-total')) {
      const location = { table: 'review' as const, row: identity.row };
      checkTotal(ctx, identity, { location });
    }
  },
});

export default rule;
