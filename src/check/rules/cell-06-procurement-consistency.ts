import { activePath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'CELL-06',
    name: 'procurement-consistency',
    severity: 'warning',
    templates: ['2019'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号附表二第二十条第（九）项“采购项目数量”“采购总金额”（逻辑关系）',
    description: '2019年版政府集中采购：采购项目数量为0当且仅当采购总金额为0',
    docs:
      '没有采购项目就不会有采购金额，有采购项目就应有金额。项目数量为0而金额不为0，或项目数量大于0而金额为0，必有一格填错，给出警告，' +
      '位置标在为0的那一格。任一格为空白或占位符时跳过（由 CELL-02 报告）。',
    messages: {
      amountWithoutProjects: '{where}为0，但采购总金额为{amount}万元；有采购金额时采购项目数量应大于0',
      projectsWithoutAmount: '{where}为0，但采购项目数量为{projects}；有采购项目时采购总金额应大于0',
    },
  },
  check(ctx) {
    const projects = ctx.cell(activePath('art20_9', 'procurement', 'projects'));
    const amount = ctx.cell(activePath('art20_9', 'procurement', 'amount'));
    if (projects === null || projects === undefined || amount === null || amount === undefined) return;
    const at = (column: string) => ({ table: 'active' as const, item: 'art20_9', row: 'procurement', column });
    if (projects === 0 && amount !== 0) {
      ctx.report({ messageId: 'amountWithoutProjects', data: { amount }, location: at('projects'), actual: 0, expected: '> 0' });
    } else if (projects > 0 && amount === 0) {
      ctx.report({ messageId: 'projectsWithoutAmount', data: { projects }, location: at('amount'), actual: 0, expected: '> 0' });
    }
  },
});

export default rule;
