import { headerPath } from '../../schema/cells.ts';
import { fold } from '../../schema/normalize.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

const FEES_COLUMN = TEMPLATE_DEFS['2021'].active.find((i) => i.key === 'art20_8')!.columns.find((c) => c.key === 'amount')!;

const rule = defineRule({
  meta: {
    id: 'TPL-13',
    name: 'fees-unit',
    severity: 'error',
    templates: ['2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号附表二第二十条第（八）项“本年收费金额（单位：万元）”',
    description: '2021年版表二第二十条第（八）项的表头标明单位“（单位：万元）”',
    docs:
      '2021年版格式表二第二十条第（八）项只有一列“本年收费金额（单位：万元）”，单位印在表头。表头缺少单位，读者无从判断金额是元还是万元；' +
      '表头印成“元”或“亿元”，则与法定单位不符（读取时已按印出的单位换算为万元，见 CELL-04）。本规则读取该列的表头：含“万元”即相符；' +
      '表头被换行截断时，紧随其后、未被识别为列的表头残片一并计入。该子表或其表头未找到时由 TPL-05、TPL-06 报告，这里不作判断；' +
      '报告来自 JSON 数据（没有版面结构）时也不作报告。',
    messages: {
      missingUnit: '{where}的表头印为“{printed}”，未标明单位；法定表头为“{expected}”',
      wrongUnit: '{where}的表头印为“{printed}”，单位为“{unit}”；法定单位为万元，表头应为“{expected}”',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const structure = doc.structure;
    if (!structure || !structure.labels['active.art20_8']) return;
    const header = structure.labels[headerPath('art20_8', 'amount')];
    if (!header) return;
    // A header broken across lines: the fragments the reader could not place follow it.
    const fragments = doc.notes
      .filter((n) => n.code === 'extra-column' && n.path === 'active.art20_8')
      .map((n) => (typeof n.actual === 'string' ? n.actual : ''));
    const text = fold([header.text, ...fragments].join('')).replace(/\s+/g, '');
    if (text.includes('万元')) return;
    const unit = text.includes('亿元') ? '亿元' : /元/.test(text) ? '元' : null;
    const location = { table: 'active' as const, item: 'art20_8', column: 'amount' };
    ctx.report({
      messageId: unit ? 'wrongUnit' : 'missingUnit',
      data: { printed: header.text, unit, expected: FEES_COLUMN.label },
      location,
      span: header,
      actual: header.text,
      expected: FEES_COLUMN.label,
    });
  },
});

export default rule;
