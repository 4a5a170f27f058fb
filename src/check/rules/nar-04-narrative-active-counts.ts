import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { placeName, readNarrative, spanOf, statements, type DocVerb } from '../../extract/narrative/index.ts';

/** Which column of 二（一） a verb speaks of, by template; absent = not comparable. */
const COLUMN: Record<TableTemplate, Partial<Record<DocVerb, string>>> = {
  '2019': { issue: 'madeThisYear', publish: 'publishedThisYear', release: 'publishedThisYear' },
  '2021': { issue: 'issued', release: 'issued', repeal: 'repealed', inForce: 'inForce' },
};
const VERB_NAME: Record<DocVerb, string> = { issue: '制发', release: '发布', publish: '公开', repeal: '废止', inForce: '现行有效' };

const rule = defineRule({
  meta: {
    id: 'NAR-04',
    name: 'narrative-active-counts',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号（四）明确责任：“发布内容不准确”；条例第二十条第（一）项',
    description: '正文所述规章、规范性文件的制发（公开）件数与表二第二十条第（一）项一致，主动公开“其中”分项不超过总数',
    docs:
      '从正文读取“制发（制定、出台、印发）规章N件、规范性文件M件”“公开（发布）规范性文件N件”“废止…N件”“现行有效…N件”，与表二第二十条第（一）项对应的格比较：' +
      '2021格式中制发、印发、发布对应“本年制发件数”，废止对应“本年废止件数”，现行有效对应“现行有效件数”，“公开”没有对应的列，不比较；' +
      '2019格式中制发、制作对应“本年新制作数量”，公开、发布对应“本年新公开数量”。清理、备案审查、解读、起草等工作的件数，“累计”“截至”的件数，' +
      '全市、全区等辖区的件数，以及“规章制度”都不是该表的口径，不比较。此外，正文说“主动公开政府信息N条，其中通过…发布M条”时，' +
      '任一分项 M 大于总数 N 是正文自相矛盾（各带动词的分项之和可以因渠道重复而大于总数，不据此报告），同样报告为警告。' +
      '“其中”之后以顿号列举、不带动词的分项（“主动公开政府信息151条，其中网站13条、微信55条、政务服务141条”）读作总数的分解，' +
      '两项以上之和大于总数时报告为警告并列出算式（13+55+141=209>151）。约数一律不比较。',
    messages: {
      docs: '{place}称{verb}{doc}{narrative}件，表二第二十条第（一）项“{row}”行“{column}”列为{table}件，二者不一致',
      part: '{place}称主动公开政府信息{total}{unit}，其中一项却为{part}{unit}，分项大于总数',
      sum: '{place}称主动公开政府信息{total}{unit}，其中所列各项之和为{terms}={sum}{unit}，大于总数{total}{unit}',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    const item = TEMPLATE_DEFS[template].active.find((i) => i.key === 'art20_1')!;
    const all = statements(ctx.doc, 'docs', 'activeTotal', 'activePart');
    const narrative = readNarrative(ctx.doc);
    for (const total of all) {
      if (total.kind !== 'activeTotal' || !total.exact) continue;
      const index = narrative.indexOf(total);
      const listed = all.filter((p) => p.kind === 'activePart' && p.listed && p.parent === index);
      // An approximate item, or one that alone exceeds the total (reported below), leaves the sum unchecked.
      if (listed.length < 2 || listed.some((p) => !p.exact || p.value > total.value)) continue;
      const sum = listed.reduce((a, p) => a + p.value, 0);
      if (sum <= total.value) continue;
      const terms = listed.map((p) => p.value).join('+');
      const first = listed[0]!;
      const last = listed[listed.length - 1]!;
      const source = (first.section === 'preamble' ? ctx.doc.preamble : ctx.doc.sections[first.section]) ?? '';
      const span = spanOf({ ...first, end: last.end, text: source.slice(first.start, last.end) }, ctx.doc);
      ctx.report({
        messageId: 'sum',
        data: { place: placeName(total.section), total: total.value, terms, sum, unit: total.unit ?? '' },
        location: { section: total.section },
        span,
        actual: sum,
        expected: total.value,
      });
    }
    for (const st of all) {
      if (!st.exact) continue;
      if (st.kind === 'docs') {
        const column = COLUMN[template][st.verb!];
        if (!column) continue;
        const table = ctx.cell(`active.art20_1.${st.doc}.${column}`);
        if (table === undefined || table === null || table === st.value) continue;
        const row = item.rows.find((r) => r.key === st.doc)!;
        const col = item.columns.find((c) => c.key === column)!;
        ctx.report({
          messageId: 'docs',
          data: { place: placeName(st.section), verb: VERB_NAME[st.verb!], doc: row.label, narrative: st.value, row: row.label, column: col.label, table },
          location: { section: st.section },
          span: spanOf(st, ctx.doc),
          actual: st.value,
          expected: table,
        });
      } else if (st.kind === 'activePart' && st.parent !== undefined) {
        const total = readNarrative(ctx.doc)[st.parent];
        if (total?.kind !== 'activeTotal' || !total.exact || st.value <= total.value) continue;
        ctx.report({
          messageId: 'part',
          data: { place: placeName(st.section), total: total.value, part: st.value, unit: st.unit ?? '' },
          location: { section: st.section },
          span: spanOf(st, ctx.doc),
          actual: st.value,
          expected: total.value,
        });
      }
    }
  },
});

export default rule;
