import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'X-04',
    name: 'template-switch',
    severity: 'info',
    templates: ['2021'],
    scope: 'series',
    basis: '国办公开办函〔2021〕30号改变了表二的统计项目：2019 格式的制作/公开数量、项目数量与处理决定数量，改为制发/废止/现行有效件数与本年处理决定数量、本年收费金额',
    description: '相邻两年跨越 2019→2021 格式切换：表二不可跨年度比较，只比较表三、表四',
    docs:
      '2019 格式与 2021 格式的表二是不同的概念（本年新制作/新公开/对外公开总数量，对应本年制发/废止/现行有效件数；上一年项目数量与本年增/减在 2021 格式中取消；（九）政府集中采购取消），' +
      '所以上一年度是 2019 格式、本年度是 2021 格式时，表二的跨年度规则（X-02、X-03 以及 X-05 中的表二部分）不适用，本规则以提示说明这一点；' +
      '表三、表四两种格式相同，X-01 和 X-05 的表三、表四部分照常比较。按两份报告表格实际采用的格式判断，不按年度推断（年度与格式不符由 TPL-01 报告）。',
    messages: {
      switch:
        '上一年度（{previousYear}年）报告采用 2019 格式，本年度采用 2021 格式，表二统计项目不同，不作跨年度比较；表三、表四照常比较',
    },
  },
  check(ctx) {
    if (ctx.previous.template !== '2019' || ctx.current.template !== '2021') return;
    ctx.report({ messageId: 'switch', data: { previousYear: ctx.previous.year }, location: { table: 'active', year: ctx.current.year! } });
  },
});

export default rule;
