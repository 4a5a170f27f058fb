import { placePath } from '../../schema/cells.ts';
import { REQUEST_ROWS, requestRows } from '../../schema/requests.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';
import { readByOcr, unrecognisedRow } from '../reading.ts';
import { ONE_BY_ONE } from '../grouping.ts';

const rule = defineRule({
  meta: {
    id: 'TPL-09',
    name: 'requests-rows',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表“三、收到和处理政府信息公开申请情况”的行',
    description: '表三具备法定的全部行：2019年版23行，2021年版25行',
    docs:
      '表三的行由格式规定：一、本年新收；二、上年结转；三、本年度办理结果（（一）予以公开至（七）总计，其中不予公开8项、无法提供3项、不予处理5项）；' +
      '四、结转下年度继续办理。2019年版共23行，2021年版因（六）其他处理分为三个子行而有25行。读取时按各行标签的特征片段识别，' +
      '跨行断开或措辞略有出入的标签只要认得出就不报告；本规则报告找不到的行，以及整张表三缺失。（六）其他处理的行数与子行由 TPL-10 检查，这里不重复。' +
      '标签的编号（“（三）”“1.”等）在文本转换中常与相邻单元格粘连或丢失，不作核对。报告来自 JSON 数据时按数据中的行键核对，缺少的行与不属于该格式的行都报告。' +
      '找不到的行若在其法定位置印有一个带数值、但未能识别为任何法定行的行名（读取说明 row-unrecognised），这是 ogi 未能读出，而不是报告缺少该行，' +
      '改为提示并列出印出的行名；OCR 读取的文档（图片，或带 OCR 置信度的文字）找不到的行一律作为提示，请对照原图核对。' +
      '缺少的行超过3行时（如转换时丢了表三的一段）合为一条，列出全部行名。缺少的行中的各格不再使 SUM 规则按“空白为0”报告总计不等：那是同一个问题。',
    messages: {
      tableMissing: '未找到表三（收到和处理政府信息公开申请情况）：{template}的表三应有{count}行',
      missing: '缺少{where}：{template}的表三应有{count}行，本报告未找到该行（“{label}”）',
      missingRows: '缺少表三的{missing}行：{labels}；{template}的表三应有{count}行',
      unrecognised: '未能识别表三中印有的“{printed}”行，可能是“{label}”行，请人工核对',
      ocr: 'OCR 未能识别表三的“{label}”行，请对照原图人工核对',
      foreign: '表三数据中有“{key}”行，不属于{template}（该格式的表三有{count}行）',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const template = doc.template as TableTemplate;
    const all = requestRows(template);
    const base = { template: FORMAT_NAMES[template], count: all.length };
    const rows = all.filter((r) => r.group !== 'other');
    const structure = doc.structure;
    const tableMissing = structure
      ? doc.notes.some((n) => n.code === 'table-missing' && n.path === 'requests')
      : Object.keys(doc.tables.requests).length === 0;
    if (tableMissing) {
      ctx.report({ messageId: 'tableMissing', data: base, location: { table: 'requests' }, span: null, notes: [{ code: 'table-missing', path: 'requests' }] });
      return;
    }
    const ocr = readByOcr(doc);
    const missing: typeof rows = [];
    for (const row of rows) {
      const path = placePath({ table: 'requests', row: row.key });
      const found = structure ? structure.labels[path] !== undefined : doc.tables.requests[row.key] !== undefined;
      if (found) continue;
      const seen = unrecognisedRow(doc, path);
      if (seen) {
        const notes = [{ code: 'row-missing' as const, path }, { code: 'row-unrecognised' as const, path }];
        ctx.report({ messageId: 'unrecognised', severity: 'info', data: { ...base, label: row.label, printed: seen.printed }, location: { table: 'requests', row: row.key }, span: seen.span, actual: seen.printed, expected: row.label, notes });
        continue;
      }
      if (ocr) {
        ctx.report({ messageId: 'ocr', severity: 'info', data: { ...base, label: row.label }, location: { table: 'requests', row: row.key }, span: null, actual: null, expected: row.label, notes: [{ code: 'row-missing', path }] });
        continue;
      }
      missing.push(row);
    }
    if (missing.length > ONE_BY_ONE) {
      ctx.report({
        messageId: 'missingRows',
        data: { ...base, missing: missing.length, labels: missing.map((r) => `“${r.label}”`).join('、') },
        location: { table: 'requests' },
        span: null,
        notes: missing.map((r) => ({ code: 'row-missing' as const, path: placePath({ table: 'requests', row: r.key }) })),
      });
    } else {
      for (const row of missing) {
        ctx.report({ messageId: 'missing', data: { ...base, label: row.label }, location: { table: 'requests', row: row.key }, span: null, actual: null, expected: row.label, notes: [{ code: 'row-missing', path: placePath({ table: 'requests', row: row.key }) }] });
      }
    }
    if (structure) return;
    for (const key of Object.keys(doc.tables.requests)) {
      if (all.some((r) => r.key === key)) continue;
      // Rows of （六） of the other format are TPL-10's.
      if (REQUEST_ROWS.some((r) => r.key === key && r.group === 'other')) continue;
      ctx.report({ messageId: 'foreign', data: { ...base, key }, location: { table: 'requests', row: key }, span: null, actual: key, expected: null });
    }
  },
});

export default rule;
