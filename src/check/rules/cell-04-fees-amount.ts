import { activePath } from '../../schema/cells.ts';
import { parseCellText } from '../../extract/values.ts';
import { defineRule } from '../define-rule.ts';

const PATH = activePath('art20_8', 'fees', 'amount');
const MAX_DECIMALS = 4;

function decimals(digits: string): number {
  if (/e/i.test(digits)) return Number.POSITIVE_INFINITY;
  const dot = digits.indexOf('.');
  return dot < 0 ? 0 : digits.length - dot - 1;
}

const rule = defineRule({
  meta: {
    id: 'CELL-04',
    name: 'fees-amount',
    severity: 'error',
    templates: ['2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号附表二第二十条第（八）项“本年收费金额（单位：万元）”',
    description: '2021年版本年收费金额为不小于0的万元数；印成元的已换算并警告；超过4位小数警告',
    docs:
      '2021年版表二第二十条第（八）项的本年收费金额以万元为单位，是不小于0的小数；负数为错误。数据中金额一律换算为万元保存，印出的文字和单位留在出处中。' +
      '单元格或表头印的单位是“元”（或“亿元”）时，读取已换算为万元，本规则给出警告，请核对换算是否符合原意。' +
      '以万元为单位时4位小数已精确到元，印出的数字超过4位小数给出警告（多半是把元数填进了万元格，或是计算残留）；' +
      '换算而来的数值按印出的数字判断，不按换算后的小数位判断。空白和占位符由 CELL-02 报告，本规则跳过。',
    messages: {
      negative: '{where}为{value}万元，应为不小于0的金额',
      converted: '{where}印为“{text}”，单位是{unit}，已换算为{value}万元；法定单位为万元，请核对',
      precision: '{where}为{printed}万元，有{count}位小数；以万元为单位最多保留4位小数（精确到元）',
    },
  },
  check(ctx) {
    const v = ctx.cell(PATH);
    if (v === null || v === undefined) return;
    const location = { table: 'active' as const, item: 'art20_8', row: 'fees', column: 'amount' };
    if (v < 0) {
      ctx.report({ messageId: 'negative', data: { value: v }, location, actual: v, expected: '≥ 0' });
      return;
    }
    const p = ctx.doc.provenance?.[PATH];
    if (p?.unit && p.unit !== '万元') {
      ctx.report({ messageId: 'converted', severity: 'warning', data: { text: p.text, unit: p.unit, value: v }, location, actual: p.text, expected: v });
      return;
    }
    const printed = p ? parseCellText(p.text) : null;
    const digits = printed?.kind === 'number' ? printed.digits : String(v);
    const count = decimals(digits);
    if (count > MAX_DECIMALS) {
      ctx.report({
        messageId: 'precision',
        severity: 'warning',
        data: { printed: digits, count: Number.isFinite(count) ? count : '多' },
        location,
        actual: v,
        expected: `≤ ${MAX_DECIMALS} 位小数`,
      });
    }
  },
});

export default rule;
