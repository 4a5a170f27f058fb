import { labelKey } from '../../schema/normalize.ts';
import { SECTIONS } from '../../schema/sections.ts';
import { resemblance } from '../../schema/variants.ts';
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
      '完全不认识的标题（既非法定写法也非已知变体）同样使该部分缺失，由本规则报告为错误，TPL-04 不再重复。' +
      '但若前一个已找到部分的文字中有一行以该部分的序号开头（如“五、”“5.”“第五部分”），其措辞与法定标题或已知变体相近（相似度不低于0.5），' +
      '这是 ogi 未能识别标题，而不是报告缺少该部分：改为提示，列出印有的标题，请人工核对。',
    messages: {
      missing: '缺少{where}：法定格式要求一至六六个部分依次齐全，本报告只找到第{found}部分',
      unrecognised: '未能识别{where}的标题：本报告印有“{printed}”，与法定标题相近，请人工核对',
      noneFound: '缺少{where}：法定格式要求一至六六个部分依次齐全，本报告未找到任何一个部分的标题',
    },
  },
  check(ctx) {
    const present = SECTIONS.filter((s) => ctx.doc.sections[s.key] != null);
    for (const [index, s] of SECTIONS.entries()) {
      if (ctx.doc.sections[s.key] != null) continue;
      const seen = unrecognisedHeading(ctx.doc.sections, index);
      if (seen) {
        ctx.report({
          messageId: 'unrecognised',
          severity: 'info',
          data: { printed: seen.printed },
          location: { section: s.key },
          span: ctx.sectionSpan(seen.section, seen.start, seen.end) ?? null,
          actual: seen.printed,
          expected: `${s.numeral}、${s.heading}`,
        });
        continue;
      }
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

const ARABIC = '123456';

/**
 * A line in the text of the nearest found section before section `index` that starts with this
 * section's numeral and reads close to its heading or a known variant: a heading ogi did not recognise.
 */
function unrecognisedHeading(
  sections: Readonly<Record<string, string | null | undefined>>,
  index: number,
): { section: (typeof SECTIONS)[number]['key']; printed: string; start: number; end: number } | null {
  const def = SECTIONS[index]!;
  const before = SECTIONS.slice(0, index).reverse().find((p) => sections[p.key] != null);
  const text = before ? sections[before.key]! : null;
  if (!before || !text) return null;
  const numbered = new RegExp(`^\\s*(?:第?${def.numeral}(?:部分)?\\s*[、.．:：]|${ARABIC[index]}\\s*[、.．](?!\\d)|${def.numeral}\\s+)\\s*(\\S.{1,39})$`);
  let start = 0;
  for (const line of text.split('\n')) {
    const m = numbered.exec(line);
    if (m) {
      const key = labelKey(m[1]!);
      const score = Math.max(...[def.heading, ...def.variants].map((w) => resemblance(key, w)));
      if (score >= 0.5) {
        const offset = line.search(/\S/);
        return { section: before.key, printed: line.trim(), start: start + offset, end: start + line.trimEnd().length };
      }
    }
    start += line.length + 1;
  }
  return null;
}

export default rule;
