import { activePath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

const PATH = activePath('art20_9', 'procurement', 'amount');

const rule = defineRule({
  meta: {
    id: 'CELL-05',
    name: 'procurement-unit',
    severity: 'warning',
    templates: ['2019'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号附表二第二十条第（九）项“采购总金额”未规定单位（实践中有印“元”的，如上海市2019年报告“251000元”）',
    description: '2019年版采购总金额须印出或可推知单位（元／万元），否则警告',
    docs:
      '2019年版格式没有规定“采购总金额”的单位，实际报告有印“元”的，也有印“万元”的。数据中金额一律换算为万元；单元格和表头都没有印单位时，' +
      '读取只能按万元处理，本规则给出警告，并给出若原意为元时的万元数，请核对。金额为0时无论何种单位都是0，不报告（' +
      '以免误报）。负数金额报告为错误。报告来自 JSON 数据时金额已按约定为万元，没有出处可查，不作报告。空白和占位符由 CELL-02 报告。',
    messages: {
      noUnit: '{where}印为“{text}”，单元格和表头都未标明单位（元或万元）；已按万元读取为{value}万元，若原意为元则应为{alt}万元',
      negative: '{where}为{value}万元，应为不小于0的金额',
    },
  },
  check(ctx) {
    const v = ctx.cell(PATH);
    if (v === null || v === undefined) return;
    const location = { table: 'active' as const, item: 'art20_9', row: 'procurement', column: 'amount' };
    if (v < 0) {
      ctx.report({ messageId: 'negative', severity: 'error', data: { value: v }, location, actual: v, expected: '≥ 0' });
      return;
    }
    const p = ctx.doc.provenance?.[PATH];
    if (!p || p.unit || v === 0) return;
    const alt = Number.parseFloat((v / 10000).toPrecision(12));
    ctx.report({ messageId: 'noUnit', data: { text: p.text, value: v, alt }, location, actual: p.text, expected: '元或万元' });
  },
});

export default rule;
