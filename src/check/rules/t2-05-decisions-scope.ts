import { activePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

/** The 处理决定 rows of 2021 二（五）（六）: 行政许可, 行政处罚, 行政强制. */
const ROWS = TEMPLATE_DEFS['2021'].active
  .filter((i) => i.columns.some((c) => c.key === 'decisions'))
  .flatMap((i) => i.rows.map((r) => ({ item: i.key, row: r.key, label: r.label })));

const PUBLISHING = /公开|公示|发布|上网|推送|上传/;
/** Words between the kind and the number that make it a count of matters, lists or rules, not of decisions. */
const NOT_DECISIONS = /事项|项目|目录|依据|流程|标准|清单|指南|制度|程序/;

/** The largest count of published decisions of a kind that a text states ("公示行政处罚信息35条"), with the words stating it. */
export function statedPublished(text: string, label: string): { count: number; quote: string } | null {
  let best: { count: number; quote: string } | null = null;
  const pattern = new RegExp(`${label}([^\\d，,。；;：:、\\n]{0,10}?)(\\d+)\\s*(条|件|份|宗|个)`, 'g');
  for (const clause of text.split(/[。；;！!？?\n]/)) {
    if (!PUBLISHING.test(clause)) continue;
    for (const m of clause.matchAll(pattern)) {
      if (NOT_DECISIONS.test(m[1]!)) continue;
      const count = Number(m[2]);
      if (!best || count > best.count) best = { count, quote: m[0] };
    }
  }
  return best;
}

const rule = defineRule({
  meta: {
    id: 'T2-05',
    name: 'decisions-scope',
    severity: 'info',
    templates: ['2021'],
    scope: 'report',
    basis: '甘肃省武威市2025年通知：本年处理决定数量“包括已公开和依法未公开的全部处理决定”',
    description: '本年处理决定数量包括未公开的决定：不与网上公开的决定数核对，但不应少于正文所述已公开的数量',
    docs:
      '2021 格式表二（五）（六）的本年处理决定数量统计全部行政许可、行政处罚、行政强制决定，包括依法不公开的，所以它与网站上公示的决定条数不必相等，' +
      '本规则不把两者不等当作问题。能判定的只有一个方向：已公开的决定是全部决定的一部分，正文（第一、二部分）说公开或公示了某类决定 N 条（件、份），' +
      '而表中该类本年处理决定数量小于 N，说明表中只填了部分决定或正文把别的信息算了进去，以提示报告。' +
      '正文数字的识别：同一句中有“公开”“公示”“发布”等词，“行政许可”“行政处罚”“行政强制”之后不远处跟着数字和条、件、份、宗、个；中间夹着“事项”“目录”“依据”“流程”等词的是事项或制度的数目，不算；' +
      '同一类有几处时取最大的数。表中该格空白时不报告（空白由 CELL-02 报告）。',
    messages: {
      fewer: '正文“{quote}”所述已公开的数量({expected})多于{where}({actual})；本年处理决定数量包括已公开和依法未公开的全部处理决定，应不少于{expected}',
    },
  },
  check(ctx) {
    const text = [ctx.doc.sections.overview, ctx.doc.sections.active].filter((s): s is string => !!s).join('\n');
    if (!text) return;
    for (const r of ROWS) {
      const decisions = ctx.cell(activePath(r.item, r.row, 'decisions'));
      if (typeof decisions !== 'number') continue;
      const stated = statedPublished(text, r.label);
      if (!stated || stated.count <= decisions) continue;
      ctx.report({
        messageId: 'fewer',
        data: { quote: stated.quote, actual: decisions, expected: stated.count },
        location: { table: 'active', item: r.item, row: r.row, column: 'decisions' },
        actual: decisions,
        expected: stated.count,
      });
    }
  },
});

export default rule;
