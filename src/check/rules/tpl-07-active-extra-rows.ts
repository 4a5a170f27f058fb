import { placePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'TPL-07',
    name: 'active-extra-rows',
    severity: 'info',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '实践惯例：容许地方在表二增加行（如湖北省报告的“其他主动公开文件”），法定格式没有这些行',
    description: '表二中法定格式以外的地方增加行：保留，不参与核对',
    docs:
      '一些省份在表二中增加了本地的行，例如湖北2020年度报告的“其他主动公开文件”。这些行不是法定格式的一部分，但属于容许的地方扩展：' +
      '读取时单独保存在 tables.active.extra，不参与任何勾稽核对。本规则逐行提示其存在、所在子表和印出的数值，供人工查看。',
    messages: {
      extra: '{where}有法定格式以外的行“{label}”（数值：{values}）：法定格式该子表只有{expected}行；已单独保存，不参与核对',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    for (const x of ctx.doc.tables.active.extra ?? []) {
      const item = TEMPLATE_DEFS[template].active.find((i) => i.key === x.item);
      ctx.report({
        messageId: 'extra',
        data: {
          label: x.label,
          values: x.cells.map((v) => (v === null ? '空白' : String(v))).join('、') || '无',
          expected: item ? item.rows.map((r) => `“${r.label}”`).join('') : '法定',
        },
        location: { table: 'active', item: x.item },
        span: null,
        actual: x.label,
        notes: [{ code: 'extra-row', path: placePath({ table: 'active', item: x.item }) }],
      });
    }
  },
});

export default rule;
