import { placePath } from '../../schema/cells.ts';
import type { ActiveItemDef } from '../../schema/active.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';
import { readByOcr } from '../reading.ts';

/** "第二十条第（一）、（五）、（六）项" from the items of a template. */
export function itemList(items: readonly ActiveItemDef[]): string {
  return `第二十条第${items.map((i) => /（[一二三四五六七八九十]+）/.exec(i.label)?.[0] ?? i.label).join('、')}项`;
}

const ALL_ITEMS = [...TEMPLATE_DEFS['2019'].active, ...TEMPLATE_DEFS['2021'].active];
const ITEM_9_MARKER = TEMPLATE_DEFS['2019'].markers.find((m) => m.key === 'art20_9')!.label;

const rule = defineRule({
  meta: {
    id: 'TPL-05',
    name: 'active-items',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第二十条；国办公开办函〔2019〕60号、〔2021〕30号附表“二、主动公开政府信息情况”',
    description: '表二恰好包含法定的子表：2019年版第二十条第（一）（五）（六）（八）（九）项，2021年版第（一）（五）（六）（八）项',
    docs:
      '表二按条例第二十条的项目分成子表。2019年版有第（一）（五）（六）（八）（九）项五个子表，2021年版删去了第（九）项“政府集中采购”，只有四个。' +
      '读取文档时，以各子表的标题（“第二十条第（一）项”等）为准：未找到的子表、以及2021年版报告中出现的第（九）项子表，都是表式错误；整张表二未找到时只报告一次。' +
      '报告来自 JSON 数据时，按数据中的子表键（art20_1 …）核对。子表内的行与列由 TPL-06 检查。' +
      'OCR 读取的文档（图片，或带 OCR 置信度的文字）找不到的子表可能是 OCR 未能识别其标题，改为提示，请对照原图核对。',
    messages: {
      tableMissing: '未找到表二（主动公开政府信息情况）：{template}的表二应包括{expected}共{count}个子表',
      missing: '缺少{where}：{template}的表二应包括{expected}，本报告只找到{found}',
      ocr: 'OCR 未能识别{where}，请对照原图人工核对（{template}的表二应包括{expected}）',
      extra: '{where}不属于{template}：该格式的表二只包括{expected}',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const template = doc.template as TableTemplate;
    const items = TEMPLATE_DEFS[template].active;
    const base = { template: FORMAT_NAMES[template], expected: itemList(items), count: items.length };
    const structure = doc.structure;
    const tableMissing = structure
      ? doc.notes.some((n) => n.code === 'table-missing' && n.path === 'active')
      : Object.keys(doc.tables.active).filter((k) => k !== 'extra').length === 0;
    if (tableMissing) {
      ctx.report({ messageId: 'tableMissing', data: base, location: { table: 'active' }, span: null, notes: [{ code: 'table-missing', path: 'active' }] });
      return;
    }
    const found = (key: string) => (structure ? structure.labels[placePath({ table: 'active', item: key })] !== undefined : doc.tables.active[key] !== undefined);
    const present = items.filter((i) => found(i.key));
    const ocr = readByOcr(doc);
    for (const item of items) {
      if (found(item.key)) continue;
      ctx.report({
        messageId: ocr ? 'ocr' : 'missing',
        ...(ocr ? { severity: 'info' as const } : {}),
        data: { ...base, found: present.length ? itemList(present) : '无' },
        location: { table: 'active', item: item.key },
        span: null,
        actual: null,
        expected: item.label,
        notes: [{ code: 'item-missing', path: placePath({ table: 'active', item: item.key }) }],
      });
    }
    const extras = structure
      ? template === '2021' && structure.markers['2019'].includes(ITEM_9_MARKER) ? ['art20_9'] : []
      : Object.keys(doc.tables.active).filter((k) => k !== 'extra' && !items.some((i) => i.key === k));
    for (const key of extras) {
      const label = ALL_ITEMS.find((i) => i.key === key)?.label ?? key;
      ctx.report({ messageId: 'extra', data: base, location: { table: 'active', item: key }, span: structure?.labels[placePath({ table: 'active', item: key })] ?? null, actual: label, expected: null });
    }
  },
});

export default rule;
