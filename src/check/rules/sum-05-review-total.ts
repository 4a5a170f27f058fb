import { identities } from '../../schema/identities.ts';
import { placeName } from '../../schema/places.ts';
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
      '空白的处理与 SUM-01 至 SUM-03 一致：前四格中有空白时以提示（info）报告该组无法核对；只有“总计”为空白、前四格齐全时本规则不报告，由 SUM-04 给出推算值（前四格均为 0 时由 CELL-02 报告空白）。',
    messages: {
      mismatch: '{where}总计({actual})不等于结果维持、结果纠正、其他结果、尚未审结之和({expected})',
      blank: '{cells}为空白，无法核对{group}“总计等于结果维持、结果纠正、其他结果、尚未审结之和”',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'review-total')) {
      const location = { table: 'review' as const, row: identity.row };
      checkTotal(ctx, identity, { location, data: { group: placeName(location) } });
    }
  },
});

export default rule;
