import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';

const quoted = (labels: readonly string[]) => labels.map((l) => `“${l}”`).join('、');

const rule = defineRule({
  meta: {
    id: 'TPL-02',
    name: 'mixed-markers',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号与〔2021〕30号附表的表式不同，一份报告只能采用其中一种',
    description: '表格不得同时带有2019年版与2021年版两种格式的特征标签',
    docs:
      '两种格式的表格各有只属于自己的标签：2019年版有“本年新制作数量”“上一年项目数量”“第二十条第（九）项”“政府集中采购”，' +
      '2021年版有“本年制发件数”“本年处理决定数量”“本年收费金额”以及（六）其他处理下的“逾期不补正”“缴纳费用”两个子行。' +
      '读取时在统计表的标签单元格（不含叙述文字）中查找这些特征；两种格式的特征同时出现，说明表格拼凑了新旧两种表式，报告为错误。' +
      '报告来自 JSON 数据（没有版面结构）时无从判断，本规则不作报告。',
    messages: {
      mixed: '表格同时带有两种格式的特征：2019年版的{m2019}与2021年版的{m2021}；一份报告应只采用一种格式（本报告按{template}读取）',
    },
  },
  check(ctx) {
    const markers = ctx.doc.structure?.markers;
    if (!markers) return;
    if (markers['2019'].length === 0 || markers['2021'].length === 0) return;
    ctx.report({
      messageId: 'mixed',
      data: { m2019: quoted(markers['2019']), m2021: quoted(markers['2021']), template: FORMAT_NAMES[ctx.doc.template] },
      location: { field: 'template' },
      span: null,
      actual: `2019: ${markers['2019'].join('、')}; 2021: ${markers['2021'].join('、')}`,
      expected: ctx.doc.template,
    });
  },
});

export default rule;
