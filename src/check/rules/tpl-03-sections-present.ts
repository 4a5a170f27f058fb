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
      '这是 ogi 未能识别标题，而不是报告缺少该部分：改为提示，列出印有的标题，请人工核对。第一部分找前言的文字；' +
      '没有换行的文字（爬虫保存的整页一行）中，序号（如“六、”）出现在行中、其后文字与标题或已知变体足够相近（相似度不低于0.75）时同样处理。',
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
      const seen = unrecognisedHeading(ctx.doc, index);
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

type Seen = { section: (typeof SECTIONS)[number]['key'] | 'preamble'; printed: string; start: number; end: number };

/**
 * Where this section's heading would be printed but was not recognised: in the text of the
 * nearest found section before it (the preamble for section 一), a line starting with the
 * section's numeral that reads close to its heading or a known variant — or, in text with no
 * line breaks (a crawled page), the numeral anywhere followed by words that read closer still.
 */
function unrecognisedHeading(doc: { preamble?: string | null; sections: Readonly<Record<string, string | null | undefined>> }, index: number): Seen | null {
  const def = SECTIONS[index]!;
  const before = SECTIONS.slice(0, index).reverse().find((p) => doc.sections[p.key] != null);
  const section = before ? before.key : 'preamble';
  const text = before ? doc.sections[before.key] : doc.preamble;
  if (!text) return null;
  const score = (printed: string) => Math.max(...[def.heading, ...def.variants].map((w) => resemblance(labelKey(printed), w)));
  const numbered = new RegExp(`^\\s*(?:第?${def.numeral}(?:部分)?\\s*[、.．:：]|${ARABIC[index]}\\s*[、.．](?!\\d)|${def.numeral}\\s+)\\s*(\\S.{1,39})$`);
  let start = 0;
  for (const line of text.split('\n')) {
    const m = numbered.exec(line);
    if (m && score(m[1]!) >= 0.5) {
      const offset = line.search(/\S/);
      return { section, printed: line.trim(), start: start + offset, end: start + line.trimEnd().length };
    }
    start += line.length + 1;
  }
  return inStream(text, def, score, section);
}

/** The numeral inside a line, followed by the words of a heading: the closest reading of at least 0.75. */
function inStream(text: string, def: (typeof SECTIONS)[number], score: (printed: string) => number, section: Seen['section']): Seen | null {
  const marker = new RegExp(`${def.numeral}\\s*[、.．]`, 'g');
  const length = labelKey(def.heading).length;
  let best: Seen & { score: number } | null = null;
  for (const m of text.matchAll(marker)) {
    const from = m.index + m[0].length;
    for (let n = Math.max(2, length - 2); n <= length + 3; n++) {
      const words = text.slice(from, from + n);
      if (words.length < n || /\n/.test(words)) break;
      const s = score(words);
      if (s >= 0.75 && (!best || s > best.score)) best = { section, printed: `${m[0]}${words}`, start: m.index, end: from + n, score: s };
    }
  }
  return best && { section: best.section, printed: best.printed, start: best.start, end: best.end };
}

export default rule;
