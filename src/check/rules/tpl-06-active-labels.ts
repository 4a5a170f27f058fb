import { headerPath, placePath } from '../../schema/cells.ts';
import { DIGIT_RUN_NOTES } from '../../schema/notes.ts';
import type { ActiveColumnDef, ActiveItemDef } from '../../schema/active.ts';
import { labelKey } from '../../schema/normalize.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import type { Provenance } from '../../schema/types.ts';
import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';
import { printedCells, readByOcr, unrecognisedRow } from '../reading.ts';

const quoted = (labels: readonly string[]) => labels.map((l) => `“${l}”`).join('');

/**
 * A header cell broken in two by conversion ("本年收费金额（单位：" | "万元）"): the fragment the
 * reader could not place, joined to the recognised header just before it, gives a statutory wording.
 */
function continuesHeader(labels: Record<string, Provenance>, item: ActiveItemDef, at: number | undefined, fragment: string): boolean {
  if (at === undefined || fragment === '') return false;
  let before: { col: ActiveColumnDef; text: string; end: number } | null = null;
  for (const col of item.columns) {
    const p = labels[headerPath(item.key, col.key)];
    if (p && p.end <= at && (!before || p.end > before.end)) before = { col, text: p.text, end: p.end };
  }
  if (!before) return false;
  const joined = labelKey(before.text + fragment);
  return [before.col.label, ...(before.col.aliases ?? [])].some((w) => labelKey(w) === joined);
}

const rule = defineRule({
  meta: {
    id: 'TPL-06',
    name: 'active-labels',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表“二、主动公开政府信息情况”的行与列',
    description: '表二各子表的行与列与法定格式一致：不缺行、不缺列；多出的列给出警告',
    docs:
      '表二每个子表的行（如“规章”“行政规范性文件”）与列（如“本年制发件数”“本年废止件数”“现行有效件数”）由格式规定。' +
      '读取时按各标签的特征片段识别（“规范性文件”与“行政规范性文件”、全角与半角括号视为相同，跨行断开的标签按片段认出），' +
      '认出的标签措辞与法定写法略有出入不报告；本规则只报告真正的表式问题：子表中找不到的行（错误）、表头印出了列名但缺少某一法定列（错误），' +
      '以及表头中法定格式以外、已被忽略的列（警告——也可能是跨行断开的表头残片，故不作错误；与前一列名连起来正是法定写法的残片不报告）。表头齐全而某行印出的数值单元格少于列数，' +
      '多半是转换时丢了空白单元格，给出警告（缺少的按空白处理，由 CELL-02 报告）；多于列数时读取已按位置取值，仅作提示。连写数字无法拆分属读取问题，不在此报告。子表本身缺失由 TPL-05 报告，' +
      '地方增加的行由 TPL-07 报告。报告来自 JSON 数据（没有版面结构）时不作报告。' +
      '找不到的行若在同一子表中印有一个带数值、但未能识别为任何法定行的行名（读取说明 row-unrecognised），这是 ogi 未能读出，而不是报告缺少该行，' +
      '改为提示并列出印出的行名；OCR 读取的文档（图片，或带 OCR 置信度的文字）找不到的行一律作为提示，请对照原图核对。',
    messages: {
      rowMissing: '缺少{where}：{template}的{item}应有{expected}行，本报告未找到该行',
      rowUnrecognised: '未能识别{item}中印有的“{printed}”行，可能是“{label}”行，请人工核对',
      rowOcr: 'OCR 未能识别{item}的“{label}”行，请对照原图人工核对',
      columnMissing: '缺少{where}：{template}的{item}应有{expected}列，本报告的表头中未找到该列',
      extraColumn: '{where}的表头有法定格式以外的列“{text}”，该子表只应有{expected}列；该列的数值未读取',
      shortRow: '{where}只印有{count}个数值单元格，该子表应有{width}列（{expected}）',
      surplus: '{where}印有{count}个数值单元格，多于该子表的{width}列（{expected}）；已按位置读取其中{width}个，其余不计',
    },
  },
  check(ctx) {
    const structure = ctx.doc.structure;
    if (!structure) return;
    const template = ctx.doc.template as TableTemplate;
    const labels = structure.labels;
    for (const item of TEMPLATE_DEFS[template].active) {
      if (!labels[placePath({ table: 'active', item: item.key })]) continue;
      const data = { template: FORMAT_NAMES[template], item: item.label };
      const headerPrinted = item.columns.some((c) => labels[headerPath(item.key, c.key)]);
      if (headerPrinted) {
        for (const col of item.columns) {
          if (labels[headerPath(item.key, col.key)]) continue;
          ctx.report({
            messageId: 'columnMissing',
            data: { ...data, expected: quoted(item.columns.map((c) => c.label)) },
            location: { table: 'active', item: item.key, column: col.key },
            span: null,
            actual: null,
            expected: col.label,
            notes: [{ code: 'column-missing', path: placePath({ table: 'active', item: item.key }) }],
          });
        }
      }
      const columnsComplete = !headerPrinted || item.columns.every((c) => labels[headerPath(item.key, c.key)]);
      const columnData = { expected: quoted(item.columns.map((c) => c.label)), width: item.columns.length };
      for (const row of item.rows) {
        const rowPath = placePath({ table: 'active', item: item.key, row: row.key });
        const rowLabel = labels[rowPath];
        if (rowLabel) {
          if (!columnsComplete) continue;
          const rowNotes = ctx.doc.notes.filter((n) => n.path === rowPath);
          if (rowNotes.some((n) => DIGIT_RUN_NOTES.includes(n.code))) continue;
          const location = { table: 'active' as const, item: item.key, row: row.key };
          const count = printedCells(ctx.doc.notes, rowPath) ?? item.columns.filter((c) => ctx.doc.provenance[`${rowPath}.${c.key}`]).length;
          if (count < item.columns.length) {
            const unread = item.columns.some((c) => ctx.unread(`${rowPath}.${c.key}`));
            ctx.report({ messageId: 'shortRow', severity: unread ? 'info' : 'warning', data: { ...columnData, count }, location, span: rowLabel, actual: count, expected: item.columns.length, notes: [{ code: 'row-short', path: rowPath }] });
          }
          for (const n of rowNotes) {
            if (n.code !== 'row-surplus-cells') continue;
            const printed = typeof n.actual === 'number' ? n.actual : NaN;
            ctx.report({
              messageId: 'surplus',
              severity: 'info',
              data: { ...columnData, count: Number.isNaN(printed) ? `多于${item.columns.length}` : printed },
              location,
              span: rowLabel,
              actual: Number.isNaN(printed) ? null : printed,
              expected: item.columns.length,
              notes: [{ code: 'row-surplus-cells', path: rowPath }],
            });
          }
          continue;
        }
        const missingPath = placePath({ table: 'active', item: item.key, row: row.key });
        const seen = unrecognisedRow(ctx.doc, missingPath);
        if (seen || readByOcr(ctx.doc)) {
          ctx.report({
            messageId: seen ? 'rowUnrecognised' : 'rowOcr',
            severity: 'info',
            data: { ...data, label: row.label, printed: seen?.printed ?? null },
            location: { table: 'active', item: item.key, row: row.key },
            span: seen?.span ?? null,
            actual: seen?.printed ?? null,
            expected: row.label,
            notes: [{ code: 'row-missing', path: missingPath }, ...(seen ? [{ code: 'row-unrecognised' as const, path: missingPath }] : [])],
          });
          continue;
        }
        ctx.report({
          messageId: 'rowMissing',
          data: { ...data, expected: quoted(item.rows.map((r) => r.label)) },
          location: { table: 'active', item: item.key, row: row.key },
          span: null,
          actual: null,
          expected: row.label,
          notes: [{ code: 'row-missing', path: placePath({ table: 'active', item: item.key, row: row.key }) }],
        });
      }
    }
    for (const note of ctx.doc.notes) {
      if (note.code !== 'extra-column' || !note.path?.startsWith('active.')) continue;
      const key = note.path.split('.')[1]!;
      const item = TEMPLATE_DEFS[template].active.find((i) => i.key === key);
      if (!item) continue;
      const text = typeof note.actual === 'string' ? note.actual : '';
      if (continuesHeader(labels, item, note.start, text)) continue;
      ctx.report({
        messageId: 'extraColumn',
        severity: 'warning',
        data: { text, expected: quoted(item.columns.map((c) => c.label)) },
        location: { table: 'active', item: key },
        span: null,
        actual: text,
        expected: null,
        notes: [{ code: 'extra-column', path: note.path, start: note.start }],
      });
    }
  },
});

export default rule;
