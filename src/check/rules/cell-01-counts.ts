import { cellList, parsePath } from '../../schema/cells.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

/** Every count cell of a template: 二 columns of kind `count` (not the signed 本年增/减, not money), all of 三 and 四. */
const countPaths = (template: TableTemplate) => cellList(template).filter((c) => c.kind === 'count').map((c) => c.path);
const COUNT_PATHS: Record<TableTemplate, readonly string[]> = { '2019': countPaths('2019'), '2021': countPaths('2021') };

const rule = defineRule({
  meta: {
    id: 'CELL-01',
    name: 'counts',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '表二的件数、项目数与决定数，表三的申请件数，表四的案件数，按其性质均为不小于0的整数（国办公开办函〔2019〕60号、〔2021〕30号附表）',
    description: '每个计数单元格（表二件数、表三、表四全部）为不小于0的整数',
    docs:
      '表二中除2019年版“本年增/减”（有正负，见 CELL-03）和金额列（见 CELL-04、CELL-05）以外的各列，表三全部单元格，表四全部单元格，都是件数、项目数或案件数，' +
      '只能是不小于0的整数。负数或小数为错误。空白和占位符读作空值，由 CELL-02 报告，本规则跳过。',
    messages: {
      negative: '{where}为{value}，应为不小于0的整数（件数不能为负数）',
      fraction: '{where}为{value}，应为不小于0的整数（件数不能有小数）',
    },
  },
  check(ctx) {
    for (const path of COUNT_PATHS[ctx.doc.template as TableTemplate]) {
      const v = ctx.cell(path);
      if (v === null || v === undefined) continue;
      if (Number.isInteger(v) && v >= 0) continue;
      ctx.report({
        messageId: Number.isInteger(v) ? 'negative' : 'fraction',
        data: { value: v },
        location: parsePath(path),
        actual: v,
        expected: '≥ 0 的整数',
      });
    }
  },
});

export default rule;
