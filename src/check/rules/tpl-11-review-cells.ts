import { placePath, reviewPath } from '../../schema/cells.ts';
import { DIGIT_RUN_NOTES } from '../../schema/notes.ts';
import { REVIEW_COLUMNS, REVIEW_COLUMN_KEYS, REVIEW_GROUPS } from '../../schema/review.ts';
import { defineRule } from '../define-rule.ts';
import { printedCells } from '../reading.ts';

const PER_GROUP = REVIEW_COLUMNS.length;
const ALL = PER_GROUP * REVIEW_GROUPS.length;
const LAYOUT = `${REVIEW_GROUPS.map((g) => g.label).join('、')}各${PER_GROUP}个：${REVIEW_COLUMNS.map((c) => c.label).join('、')}`;

const rule = defineRule({
  meta: {
    id: 'TPL-11',
    name: 'review-cells',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表“四、政府信息公开行政复议、行政诉讼情况”',
    description: '表四有15个数值单元格，分为行政复议、未经复议直接起诉、复议后起诉三组各5个',
    docs:
      '表四在两种格式中相同：行政复议，以及行政诉讼下的未经复议直接起诉、复议后起诉，三组各有结果维持、结果纠正、其他结果、尚未审结、总计5个单元格，共15个。' +
      '读取文档时，整张表四未找到或缺少某一组的表头（“未经复议直接起诉”“复议后起诉”）为错误；印出的数值单元格少于15个给出警告' +
      '（缺少的按空白处理，可能是转换时丢了空白单元格，由 CELL-02 逐格报告）；多于15个时读取已按位置取15个，仅作提示。' +
      '连写数字无法拆分属读取问题，不在此报告。各组内5个子列的列名未逐一读取，其顺序无法从文本核对，本规则不作判断。' +
      '报告来自 JSON 数据时，核对三组是否齐全、每组是否恰为5个数值。',
    messages: {
      tableMissing: '未找到表四（政府信息公开行政复议、行政诉讼情况）：法定格式应有15个数值单元格（{layout}）',
      groupMissing: '缺少{where}这一组的表头：法定格式的表四分为{groups}三组（{layout}）',
      groupMissingData: '数据中缺少{where}这一组：法定格式的表四分为{groups}三组（{layout}）',
      short: '表四只印有{count}个数值单元格，法定格式为15个（{layout}）',
      surplus: '表四印有{count}个数值单元格，多于法定的15个；已按位置读取其中15个，其余不计',
      width: '{where}的数据有{count}个数值，法定格式每组5个（{columns}）',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const structure = doc.structure;
    const groups = REVIEW_GROUPS.map((g) => `“${g.label}”`).join('、');
    if (!structure) {
      if (REVIEW_GROUPS.every((g) => doc.tables.review[g.key] === undefined)) {
        ctx.report({ messageId: 'tableMissing', data: { layout: LAYOUT }, location: { table: 'review' }, span: null });
        return;
      }
      for (const g of REVIEW_GROUPS) {
        const cells = doc.tables.review[g.key];
        if (cells === undefined) {
          ctx.report({ messageId: 'groupMissingData', data: { groups, layout: LAYOUT }, location: { table: 'review', row: g.key }, span: null, actual: null, expected: g.label });
        } else if (cells.length !== PER_GROUP) {
          ctx.report({
            messageId: 'width',
            data: { count: cells.length, columns: REVIEW_COLUMNS.map((c) => c.label).join('、') },
            location: { table: 'review', row: g.key },
            span: null,
            actual: cells.length,
            expected: PER_GROUP,
          });
        }
      }
      return;
    }
    if (doc.notes.some((n) => n.code === 'table-missing' && n.path === 'review')) {
      ctx.report({ messageId: 'tableMissing', data: { layout: LAYOUT }, location: { table: 'review' }, span: null, notes: [{ code: 'table-missing', path: 'review' }] });
      return;
    }
    for (const g of REVIEW_GROUPS) {
      if (structure.labels[placePath({ table: 'review', row: g.key })]) continue;
      ctx.report({ messageId: 'groupMissing', data: { groups, layout: LAYOUT }, location: { table: 'review', row: g.key }, span: null, actual: null, expected: g.label });
    }
    const reviewNotes = doc.notes.filter((n) => n.path === 'review');
    if (reviewNotes.some((n) => DIGIT_RUN_NOTES.includes(n.code))) return;
    const printed = printedCells(doc.notes, 'review') ?? REVIEW_GROUPS.reduce((n, g) => n + REVIEW_COLUMN_KEYS.filter((c) => doc.provenance[reviewPath(g.key, c)]).length, 0);
    const span = structure.labels['review.review'] ?? null;
    if (printed < ALL) {
      const unread = REVIEW_GROUPS.some((g) => REVIEW_COLUMN_KEYS.some((c) => ctx.unread(reviewPath(g.key, c))));
      ctx.report({ messageId: 'short', severity: unread ? 'info' : 'warning', data: { count: printed, layout: LAYOUT }, location: { table: 'review' }, span, actual: printed, expected: ALL, notes: [{ code: 'row-short', path: 'review' }] });
    }
    for (const note of reviewNotes) {
      if (note.code !== 'row-surplus-cells') continue;
      const count = typeof note.actual === 'number' ? note.actual : NaN;
      ctx.report({
        messageId: 'surplus',
        severity: 'info',
        data: { count: Number.isNaN(count) ? '多于15' : count },
        location: { table: 'review' },
        span,
        actual: Number.isNaN(count) ? null : count,
        expected: ALL,
        notes: [{ code: 'row-surplus-cells', path: 'review' }],
      });
    }
  },
});

export default rule;
