import { SECTIONS } from '../../schema/sections.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'TPL-03',
    name: 'sections-present',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第五十条；国办公开办函〔2021〕30号“年度报告内容…不能遗漏，也不宜泛化”',
    description: '一至六六个部分齐全，并按法定顺序排列',
    docs:
      '条例第五十条列举年度报告应当包括的内容，法定格式据此设一“总体情况”至六“其他需要报告的事项”六个部分。' +
      '本规则逐一检查六个部分是否存在（数据中该部分为 null 即缺失）。读取文档时，部分标题按法定顺序取最长的一串，' +
      '因此顺序颠倒的标题不会被采用，该部分也报告为缺失；这里不再另行报告顺序。部分标题虽在但没有文字（例如只有表格）不算缺失。' +
      '完全不认识的标题（既非法定写法也非已知变体）同样使该部分缺失，由本规则报告为错误，TPL-04 不再重复。',
    messages: {
      missing: '缺少{where}：法定格式要求一至六六个部分依次齐全，本报告只找到第{found}部分',
      noneFound: '缺少{where}：法定格式要求一至六六个部分依次齐全，本报告未找到任何一个部分的标题',
    },
  },
  check(ctx) {
    const present = SECTIONS.filter((s) => ctx.doc.sections[s.key] != null);
    for (const s of SECTIONS) {
      if (ctx.doc.sections[s.key] != null) continue;
      ctx.report({
        messageId: present.length ? 'missing' : 'noneFound',
        data: { found: present.map((p) => p.numeral).join('、') },
        location: { section: s.key },
        span: null,
        actual: null,
        expected: `${s.numeral}、${s.heading}`,
      });
    }
  },
});

export default rule;
