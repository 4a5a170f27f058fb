import { activePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { regionWide } from '../../extract/narrative/index.ts';

/** A clause that says the organ has none of something: 无、未、没有、不涉及 … */
const NEGATION = /无|未|没有|不涉及|不具有|不具备|不存在|不承担|不属于/;

/** The phrase of the first sentence that mentions the word without negating it. */
export function affirmativeMention(text: string, word: string): string | null {
  for (const clause of text.split(/[。；;！!？?\n]/)) {
    const at = clause.indexOf(word);
    // A region-wide statement ("全区共办理行政处罚案件…") is not the organ's.
    if (at < 0 || NEGATION.test(clause) || regionWide(clause)) continue;
    // Quote the comma-delimited phrase around the word, at most 15 characters either side.
    const start = Math.max(clause.lastIndexOf('，', at), clause.lastIndexOf(',', at)) + 1;
    const ends = [clause.indexOf('，', at), clause.indexOf(',', at)].filter((i) => i >= 0);
    const end = ends.length ? Math.min(...ends) : clause.length;
    return clause.slice(Math.max(start, at - 15), Math.min(end, at + word.length + 15)).trim();
  }
  return null;
}

const rule = defineRule({
  meta: {
    id: 'T2-06',
    name: 'narrative-enforcement',
    severity: 'info',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第二十条第（五）项、第（六）项；国办公开办函〔2021〕30号（四）明确责任：“发布内容不准确”；关键词启发式',
    description: '正文提到行政许可、行政处罚或行政强制，而表二（五）（六）相应一行全为 0',
    docs:
      '表二第二十条第（五）项、第（六）项统计行政许可、行政处罚、行政强制。正文（第一部分总体情况和第二部分主动公开）说本机关办理了许可、实施了处罚或强制，' +
      '表中相应一行却全为 0，二者至少有一处不准确，以提示报告。本规则按行判断（“许可”对应行政许可行，“处罚”对应行政处罚行，“强制”对应行政强制行），' +
      '因此正文提到处罚、表中只填了许可时也会提示。关键词由法定格式中的行名去掉“行政”得到；含“无”“未”“没有”“不涉及”等否定词的分句不算提到，说全区、全市、各部门等辖区情况的分句也不算提到。' +
      '2019 格式的一行包括上一年项目数量、本年增/减、处理决定数量，三格都为 0 才算全为 0；行中有空白时不报告（空白由 CELL-02 报告）。这是关键词启发式检查，所以只作提示。',
    messages: {
      zero: '正文提到“{word}”（“{quote}”），但{where}各格均为 0；如本机关本年有{label}，应填写相应数量',
    },
  },
  check(ctx) {
    const text = [ctx.doc.sections.overview, ctx.doc.sections.active].filter((s): s is string => !!s).join('\n');
    if (!text) return;
    const items = TEMPLATE_DEFS[ctx.doc.template as TableTemplate].active.filter((i) => i.key === 'art20_5' || i.key === 'art20_6');
    for (const item of items) {
      for (const row of item.rows) {
        if (!row.label.startsWith('行政')) continue;
        const word = row.label.slice(2);
        const cells = item.columns.map((c) => ctx.cell(activePath(item.key, row.key, c.key)));
        if (!cells.every((v) => v === 0)) continue;
        const quote = affirmativeMention(text, word);
        if (quote === null) continue;
        ctx.report({
          messageId: 'zero',
          data: { word, quote, label: row.label },
          location: { table: 'active', item: item.key, row: row.key },
          actual: 0,
        });
      }
    }
  },
});

export default rule;
