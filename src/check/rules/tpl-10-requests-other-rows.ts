import { placePath } from '../../schema/cells.ts';
import { REQUEST_ROWS, requestRows } from '../../schema/requests.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';

const OTHER_ROWS = REQUEST_ROWS.filter((r) => r.group === 'other');
/** The 2021 markers that only the split （六） prints. */
const SPLIT_MARKERS = TEMPLATE_DEFS['2021'].markers.filter((m) => m.key === 'noCorrection' || m.key === 'unpaidFee').map((m) => m.label);

const SHAPE: Record<TableTemplate, string> = {
  '2019': '只有一行“（六）其他处理”',
  '2021': '分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三个子行',
};

const rule = defineRule({
  meta: {
    id: 'TPL-10',
    name: 'requests-other-rows',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号附表（（六）其他处理为一行）；国办公开办函〔2021〕30号附表（（六）其他处理分三个子行）；条例第三十条；国办函〔2020〕109号《政府信息公开信息处理费管理办法》',
    description: '表三（六）其他处理：2019年版为一行，2021年版为三个法定子行',
    docs:
      '2019年版格式的（六）其他处理只有一行。2021年版把它分为三个子行：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请（条例第三十条）；' +
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请（2021年1月1日起施行的信息处理费制度）；3.其他。' +
      '本规则报告缺少的行或子行；2019年版报告中印出了2021年版的子行（“逾期不补正”“缴纳费用”），也报告为错误。' +
      '报告来自 JSON 数据时按数据中的行键核对：缺少的行，以及另一种格式的（六）行。',
    messages: {
      missing: '缺少{where}：{template}的“（六）其他处理”应{shape}，本报告未找到该行',
      splitIn2019: '表三“（六）其他处理”在{template}中只有一行，本报告却印有2021年版的子行（{labels}）',
      foreign: '表三数据中有“{key}”行：{template}的“（六）其他处理”应{shape}',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const template = doc.template as TableTemplate;
    const rows = requestRows(template).filter((r) => r.group === 'other');
    const data = { template: FORMAT_NAMES[template], shape: SHAPE[template] };
    const structure = doc.structure;
    if (structure) {
      if (doc.notes.some((n) => n.code === 'table-missing' && n.path === 'requests')) return;
    } else if (Object.keys(doc.tables.requests).length === 0) {
      return;
    }
    for (const row of rows) {
      const found = structure ? structure.labels[placePath({ table: 'requests', row: row.key })] !== undefined : doc.tables.requests[row.key] !== undefined;
      if (found) continue;
      ctx.report({ messageId: 'missing', data, location: { table: 'requests', row: row.key }, span: null, actual: null, expected: row.label });
    }
    if (structure) {
      const split = structure.markers['2021'].filter((m) => SPLIT_MARKERS.includes(m));
      if (template === '2019' && split.length) {
        ctx.report({
          messageId: 'splitIn2019',
          data: { ...data, labels: split.map((m) => `“${m}”`).join('、') },
          location: { table: 'requests', row: 'other' },
          span: structure.labels['requests.other'] ?? null,
          actual: split.join('、'),
          expected: '（六）其他处理',
        });
      }
      return;
    }
    for (const r of OTHER_ROWS) {
      if (rows.includes(r) || doc.tables.requests[r.key] === undefined) continue;
      ctx.report({ messageId: 'foreign', data: { ...data, key: r.key }, location: { table: 'requests', row: r.key }, span: null, actual: r.key, expected: null });
    }
  },
});

export default rule;
