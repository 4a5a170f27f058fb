import { REQUEST_COLUMNS, REQUEST_GROUP_LABELS, requestRows, type RequestGroup } from '../../schema/requests.ts';
import { REVIEW_COLUMN_KEYS } from '../../schema/review.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import type { Cell, Report } from '../../schema/types.ts';
import { describe, locate } from '../cells.ts';
import { operands, sum } from '../identity.ts';
import type { ReportRule } from '../types.ts';

/** The groups of 三 that have a printed heading and more than one child row in the template: （三）（四）（五）, and （六） in 2021. */
export function subtotalGroups(template: TableTemplate): { group: RequestGroup; label: string; children: string[] }[] {
  const out: { group: RequestGroup; label: string; children: string[] }[] = [];
  for (const [group, label] of Object.entries(REQUEST_GROUP_LABELS) as [RequestGroup, string | null][]) {
    if (!label) continue;
    const children = requestRows(template).filter((r) => r.result && r.group === group).map((r) => r.key as string);
    // In 2019 （六）其他处理 is itself a single result row, not a subtotal.
    if (children.length < 2 || children.includes(group)) continue;
    out.push({ group, label, children });
  }
  return out;
}

/**
 * Derived subtotals of 三 by group and column (null when a child cell is blank), for narrative
 * checks (NAR-02): e.g. `denied` → 7 cells, the sums of （三）不予公开 1–8.
 */
export function requestSubtotals(report: Report): Partial<Record<RequestGroup, Cell[]>> {
  if (report.template === 'legacy') return {};
  const rows = report.tables.requests as Record<string, Cell[] | undefined>;
  const out: Partial<Record<RequestGroup, Cell[]>> = {};
  for (const g of subtotalGroups(report.template)) {
    out[g.group] = REQUEST_COLUMNS.map((_, i) => {
      const cells = g.children.map((k) => rows[k]?.[i]);
      return cells.every((c) => typeof c === 'number') ? sum(cells as number[]) : null;
    });
  }
  return out;
}

/** 诉讼合计 = 未经复议直接起诉 + 复议后起诉, per column (null when an operand is blank), for narrative checks (NAR-03). */
export function litigationTotals(report: Report): Cell[] {
  const direct = report.tables.review.litigationDirect;
  const after = report.tables.review.litigationAfterReview;
  return REVIEW_COLUMN_KEYS.map((_, i) => {
    const a = direct?.[i];
    const b = after?.[i];
    return typeof a === 'number' && typeof b === 'number' ? a + b : null;
  });
}

const rule: ReportRule = {
  meta: {
    id: 'SUM-06',
    name: 'subtotals',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '小计等于其所属各项之和（由表格结构推出；statute-and-rules.md §11.3）',
    description: '报告自加的小计行（如“（三）不予公开 小计”）等于其下各项之和；诉讼合计只作推算值',
    docs:
      '法定格式没有小计行，但有的报告在表三（三）不予公开、（四）无法提供、（五）不予处理以及 2021 格式的（六）其他处理下自加“小计”。' +
      '数据契约（report-data.md）也没有小计行：提取时小计行不读入，契约数据中的表三只有法定各行，所以对契约数据本规则通常不报告任何内容。' +
      '本规则核对的是可以判定的部分：若报告数据中带有以分组键命名的小计行（tables.requests.denied、unavailable、notProcessed，2021 格式还有 other，每行 7 格），' +
      '逐列核对它等于该组各子项之和，不等即为错误，位置为该小计行的该列；小计或子项有空白时以提示报告无法核对（小计行不在 SUM-04、CELL-02 的范围内，所以这里也报告小计本身的空白）。' +
      '2019 格式的（六）其他处理只有一行，本身就是办理结果，不是小计。“诉讼合计”（未经复议直接起诉与复议后起诉之和）在表四中没有印出的格可以核对，' +
      '只是供正文核对（NAR-03）使用的推算值，本规则不对它报告；推算值由本文件导出的 litigationTotals()、requestSubtotals() 提供。',
    messages: {
      mismatch: '{group}小计({actual})不等于其下各项之和({expected})，列：{column}',
      blank: '{cells}为空白，无法核对“{group}小计等于其下各项之和”，列：{column}',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    const rows = ctx.doc.tables.requests as Record<string, Cell[] | undefined>;
    for (const g of subtotalGroups(template)) {
      if (!Array.isArray(rows[g.group])) continue;
      for (const col of REQUEST_COLUMNS) {
        const subtotalPath = `requests.${g.group}.${col.key}`;
        const subtotal = ctx.cell(subtotalPath);
        const parts = operands(ctx, g.children.map((k) => `requests.${k}.${col.key}`));
        if (parts.missing || subtotal === undefined) continue;
        const blanks = subtotal === null ? [subtotalPath, ...parts.blanks] : parts.blanks;
        if (blanks.length) {
          ctx.report({
            messageId: 'blank',
            severity: 'info',
            data: {
              cells: blanks.map((p) => (p === subtotalPath ? `${g.label}小计` : describe(locate(p)))).join('、'),
              group: g.label,
              column: col.label,
            },
            location: locate(blanks[0]!),
          });
          continue;
        }
        const expected = sum(parts.values);
        if (subtotal !== expected) {
          ctx.report({
            messageId: 'mismatch',
            data: { group: g.label, actual: subtotal, expected, column: col.label },
            location: { table: 'requests', row: g.group, column: col.key },
            actual: subtotal,
            expected,
          });
        }
      }
    }
  },
};

export default rule;
