import { placePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';

const ITEM = TEMPLATE_DEFS['2021'].active.find((i) => i.key === 'art20_1')!;

const rule = defineRule({
  meta: {
    id: 'X-02',
    name: 'in-force-roll',
    severity: 'warning',
    templates: ['2021'],
    scope: 'series',
    basis: '实践做法，法定格式未作规定：本年现行有效 = 上年现行有效 + 本年制发 − 本年废止',
    description: '同一机关相邻两年（均为 2021 格式）：现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数',
    docs:
      '表二第二十条第（一）项的现行有效件数是存量，本年制发件数和本年废止件数是流量，按理本年现行有效 = 上年现行有效 + 本年制发 − 本年废止。法定格式并未写明这一关系，' +
      '实践中修订后重新印发的文件常计入“制发”而原文件不计“废止”，此时存量不增加。所以本规则采用一个容许区间：上年现行有效 − 本年废止 ≤ 本年现行有效 ≤ 上年现行有效 + 本年制发 − 本年废止，' +
      '下限对应本年制发的全是对现行文件的修订，上限对应全是新文件；恰好等于上限时不报告，在区间内给出提示并写明差额，超出时警告。有效期届满自然失效、统计口径变化、机构改革划转文件等也会造成差异，' +
      '本规则无从判断，所以只是警告。两份报告须都是 2021 格式（2019 格式的第（一）项是制作与公开数量，概念不同，见 X-04）；任一格为空白时不报告（空白由 CELL-02 报告）。',
    messages: {
      inBand:
        '{where}({actual})比上一年度（{previousYear}年）现行有效件数({previous})加本年制发件数({issued})减本年废止件数({repealed})所得的{expected}少{gap}件，' +
        '在容许区间{floor}～{expected}内（本年制发的文件中有{gap}件是对现行文件的修订时成立），请核对',
      above:
        '{where}({actual})多于上一年度（{previousYear}年）现行有效件数({previous})加本年制发件数({issued})减本年废止件数({repealed})所得的{expected}',
      below:
        '{where}({actual})少于上一年度（{previousYear}年）现行有效件数({previous})减本年废止件数({repealed})所得的{floor}；按滚动关系应为{expected}，即使本年制发的都是修订，也应不少于{floor}',
    },
  },
  check(ctx) {
    if (ctx.previous.template !== '2021') return;
    for (const row of ITEM.rows) {
      const base = placePath({ table: 'active', item: ITEM.key, row: row.key });
      const previous = ctx.cell('previous', `${base}.inForce`);
      const issued = ctx.cell('current', `${base}.issued`);
      const repealed = ctx.cell('current', `${base}.repealed`);
      const actual = ctx.cell('current', `${base}.inForce`);
      if (typeof previous !== 'number' || typeof issued !== 'number' || typeof repealed !== 'number' || typeof actual !== 'number') continue;
      const expected = previous + issued - repealed;
      const floor = previous - repealed;
      if (actual === expected) continue;
      if (actual < expected && actual >= floor) {
        // Inside the band: a gap that revisions can explain, shown so that the arithmetic is seen.
        ctx.report({
          messageId: 'inBand',
          severity: 'info',
          data: { actual, previous, issued, repealed, expected, floor, gap: expected - actual, previousYear: ctx.previous.year },
          location: { table: 'active', item: ITEM.key, row: row.key, column: 'inForce', year: ctx.current.year! },
          actual,
          expected,
        });
        continue;
      }
      ctx.report({
        messageId: actual > expected ? 'above' : 'below',
        data: { actual, previous, issued, repealed, expected, floor, previousYear: ctx.previous.year },
        location: { table: 'active', item: ITEM.key, row: row.key, column: 'inForce', year: ctx.current.year! },
        actual,
        expected,
      });
    }
  },
});

export default rule;
