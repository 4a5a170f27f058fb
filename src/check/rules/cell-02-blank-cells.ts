import { parseCellText } from '../../extract/values.ts';
import { REQUEST_COLUMN_KEYS, requestRows } from '../../schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../../schema/review.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { activePath, parsePath, placePath, requestsPath, reviewPath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

/** Every cell path of the template's three tables, in printed order. */
export function templateCellPaths(template: TableTemplate): string[] {
  const paths: string[] = [];
  for (const item of TEMPLATE_DEFS[template].active) {
    for (const row of item.rows) for (const col of item.columns) paths.push(activePath(item.key, row.key, col.key));
  }
  for (const row of requestRows(template)) for (const c of REQUEST_COLUMN_KEYS) paths.push(requestsPath(row.key, c));
  for (const g of REVIEW_GROUP_KEYS) for (const c of REVIEW_COLUMN_KEYS) paths.push(reviewPath(g, c));
  return paths;
}

const rule = defineRule({
  meta: {
    id: 'CELL-02',
    name: 'blank-cells',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表逐格填报数字，没有发生的填 0（实践惯例）；空白与占位符记为空值，不当作 0',
    description: '空白单元格（警告）与“/”“-”“—”“无”等占位符（提示）',
    docs:
      '法定表格的每一格都应填写数字，没有发生的事项填 0。空白格和“/”“-”“—”“无”等占位符读作空值（不当作 0），原文保留在出处中，' +
      '由本规则逐格报告：占位符为提示（info），因为多数情况下表示“无”；完全空白为警告（warning），因为无法判断是漏填还是 0。' +
      '整行未印出的单元格由 TPL-05、TPL-09 报告，这里不重复；印出了但 ogi 无法读取的单元格（如连写数字无法唯一拆分、少印单元格的行）' +
      '由读取说明报告一次，这里不再逐格报告；没有读取说明的无法读取的格报告为提示，请人工核对，不算报告的错误。',
    messages: {
      placeholder: '{where}填写的是占位符“{text}”，应填写数字（没有发生的填 0）',
      blank: '{where}为空白，应填写数字（没有发生的填 0）',
      unreadable: 'ogi 未能读取{where}的数值，请对照原文人工核对',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    const labels = ctx.doc.structure?.labels;
    for (const path of templateCellPaths(template)) {
      // A cell ogi could not read is the extraction note's matter, said once for its row.
      if (ctx.cell(path) !== null || ctx.unread(path)) continue;
      const loc = parsePath(path);
      const span = ctx.span(path);
      if (!span) {
        const rowPath = loc.table === 'active' ? placePath({ table: 'active', item: loc.item, row: loc.row }) : `${loc.table}.${loc.row}`;
        // A row that was not printed at all is TPL-05/TPL-09's finding.
        if (labels && !labels[rowPath] && loc.table !== 'review') continue;
        if (labels && loc.table === 'review' && !ctx.doc.provenance) continue;
        ctx.report({ messageId: labels ? 'unreadable' : 'blank', location: loc, span: null, severity: labels ? 'info' : 'warning' });
        continue;
      }
      const printed = parseCellText(span.text);
      if (printed?.kind === 'placeholder') {
        ctx.report({ messageId: 'placeholder', data: { text: span.text }, location: loc, severity: 'info', actual: span.text });
      } else {
        ctx.report({ messageId: 'blank', location: loc, severity: 'warning' });
      }
    }
  },
});

export default rule;
