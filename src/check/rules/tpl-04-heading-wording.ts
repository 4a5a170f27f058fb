import { SECTIONS } from '../../schema/sections.ts';
import { defineRule } from '../define-rule.ts';

const ARABIC = ['1', '2', '3', '4', '5', '6'];

const rule = defineRule({
  meta: {
    id: 'TPL-04',
    name: 'heading-wording',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号年度报告格式规定的六个部分标题',
    description: '部分标题采用法定写法；已知的变体写法与错误的编号给出警告',
    docs:
      '六个部分的法定标题是“一、总体情况”“二、主动公开政府信息情况”“三、收到和处理政府信息公开申请情况”“四、政府信息公开行政复议、行政诉讼情况”' +
      '“五、存在的主要问题及改进情况”“六、其他需要报告的事项”。实际报告常用一些变体（如“四、因政府信息公开工作被申请行政复议和提起行政诉讼情况”' +
      '“六、需要报告的其他事项”），读取时接受，本规则给出警告并指出法定写法。标题前的编号若印成了别的部分的编号（如把第六部分编为“五、”），也给出警告；' +
      '用阿拉伯数字编号（“4．”）视为相符；没有编号的不报告，因为文档转换常把 Word 的自动编号丢掉。完全不认识的标题是错误：' +
      '它不会被当作部分标题，该部分因而缺失，已由 TPL-03 报告为错误，本规则不重复。报告来自 JSON 数据（没有版面结构）时不作报告。',
    messages: {
      variant: '{where}的标题印为“{printed}”，是已知的变体写法；法定标题为“{canonical}”',
      numeral: '{where}的标题编号印为“{numeral}”，应为“{expected}”（标题：“{printed}”）',
    },
  },
  check(ctx) {
    const headings = ctx.doc.structure?.headings;
    if (!headings) return;
    for (const h of headings) {
      const index = SECTIONS.findIndex((s) => s.key === h.key);
      const s = SECTIONS[index]!;
      const span = { start: h.start, end: h.end, line: h.line, text: h.text };
      const canonical = `${s.numeral}、${s.heading}`;
      if (!h.canonical) {
        ctx.report({ messageId: 'variant', data: { printed: h.text, canonical }, location: { section: s.key }, span, actual: h.text, expected: canonical });
      }
      if (h.numeral !== null && h.numeral !== s.numeral && h.numeral !== ARABIC[index]) {
        ctx.report({
          messageId: 'numeral',
          data: { numeral: h.numeral, expected: s.numeral, printed: h.text },
          location: { section: s.key },
          span,
          actual: h.numeral,
          expected: s.numeral,
        });
      }
    }
  },
});

export default rule;
