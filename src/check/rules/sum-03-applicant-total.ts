import { identities } from '../../schema/identities.ts';
import { placeName } from '../../schema/places.ts';
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
      '空白的处理与 SUM-01、SUM-02 一致：六列中有空白时不判为不一致，而是以提示（info）报告该行无法核对；只有“总计”为空白、六列齐全时本规则不报告，' +
      '由 SUM-04 给出推算值（六列均为 0 时由 CELL-02 报告空白）。',
    messages: {
      mismatch: '{where}总计({actual})不等于自然人至其他六列之和({expected})',
      blank: '{cells}为空白，无法核对{line}“总计等于六类申请人之和”',
    },
  },
  check(ctx) {
    for (const identity of identities(ctx.doc.template as TableTemplate, 'requests-row-total')) {
      const location = { table: 'requests' as const, row: identity.row };
      checkTotal(ctx, identity, { location, data: { line: placeName(location) } });
    }
  },
});

export default rule;
