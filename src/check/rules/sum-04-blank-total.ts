import { cellPaths, evaluate, identities, parsePath, placeName, placeNameInTable, type Identity, type IdentityId } from '../../schema/index.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { blankNames, quietBlank } from '../identity.ts';
import { ONE_BY_ONE } from '../grouping.ts';

/** Row totals before the （七）总计 row, so that its 总计 cell is derived the row's way first. */
const ORDER: IdentityId[] = ['requests-row-total', 'requests-results', 'review-total'];
const totals = (template: TableTemplate): Identity[] => ORDER.flatMap((id) => identities(template, id));
/** A total derived from its parts (blank parts read as 0). */
interface Derived { identity: Identity; path: string; parts: string[]; expected: number }

const rule = defineRule({
  meta: {
    id: 'SUM-04',
    name: 'blank-total',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '由表格结构推出：总计格等于其组成各格之和，空白的总计可以推算；空白不当作 0',
    description: '总计格空白而其组成各格不全为 0：给出推算值并警告',
    docs:
      '实际报告常把总计格留空（上海 2019 年报表三的“总计”列大多为空白）。总计格的值由其组成各格唯一确定，所以本规则在总计格为空白、组成各格全部有数字且不全为 0 时，' +
      '报告该格按勾稽关系应为的推算值（警告）。本规则涵盖三类总计：表三每一行的“总计”列（SUM-03 的关系）、表三“（七）总计”行的每一列（SUM-02 的关系）和表四每组的“总计”（SUM-05 的关系）；' +
      '表三“（七）总计”行“总计”列同属前两类，只报告一次（先按行推算，行中有空白时按列推算）。组成各格也有空白时，空白格按 0 计（计数不会是负数）给出推算值，并在消息中列出这些空白格；' +
      '组成各格中有 ogi 未能读取的格或未印出的行时不推算；总计格所在的行整行未印出时由 TPL-09 报告，这里不逐列重复。总计为空白时 SUM-02、SUM-03、SUM-05 不报告；' +
      '组成各格全为 0 时推算值为 0，空白由 CELL-02 报告，本规则不重复。同一种总计（如表三每行的“总计”列）有3格以上为空白时合为一条，逐格列出推算值。推算值只用于报告，不写回数据。',
    messages: {
      derived: '{where}为空白，按{how}应为{expected}',
      derivedBlanks: '{where}为空白，按{how}（其中空白格{cells}按0计）应为{expected}',
      derivedMany: '{table}有{count}个总计格为空白，按{how}应为：{values}{zeroed}',
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    // A total in a row not printed is TPL-09's; a part ogi could not read or not printed is not read as 0.
    const quiet = quietBlank(ctx);
    const found: Derived[] = [];
    // Exact derivations first, then those reading blank parts as 0.
    for (const withBlanks of [false, true]) for (const identity of totals(ctx.doc.template as TableTemplate)) {
      const path = identity.right[0]!;
      if (reported.has(path) || ctx.cell(path) !== null || quiet(path)) continue;
      const e = evaluate(identity, ctx.cell);
      if (e.status !== 'blank') continue;
      const parts = e.blanks.filter((p) => p !== path);
      // Blank parts read as 0 (counts are never negative), unless ogi could not read them.
      if (parts.length > 0 !== withBlanks || parts.some(quiet)) continue;
      reported.add(path);
      if (e.left !== 0) found.push({ identity, path, parts, expected: e.left });
    }
    const template = ctx.doc.template as TableTemplate;
    // Listed as the table prints them.
    const printed = new Map(cellPaths(template).map((p, i) => [p, i]));
    for (const id of ORDER) {
      const kind = found.filter((d) => d.identity.def.id === id).sort((a, b) => printed.get(a.path)! - printed.get(b.path)!);
      if (kind.length > ONE_BY_ONE) {
        const loc = parsePath(kind[0]!.path);
        const zeroed = kind.flatMap((d) => d.parts);
        ctx.report({
          messageId: 'derivedMany',
          data: {
            table: placeName({ table: loc.table }, template),
            count: kind.length,
            how: kind[0]!.identity.def.leftName,
            values: kind.map((d) => `${placeNameInTable(parsePath(d.path), template)}${d.expected}`).join('、'),
            zeroed: zeroed.length ? `（其中空白格${blankNames(zeroed, template)}按0计）` : '',
          },
          location: { table: loc.table },
          cells: kind.flatMap((d) => [d.path, ...d.parts]),
        });
        continue;
      }
      for (const { identity, path, parts, expected } of kind) {
        ctx.report({
          messageId: parts.length ? 'derivedBlanks' : 'derived',
          data: { how: identity.def.leftName, expected, cells: blankNames(parts, template) },
          location: parsePath(path),
          actual: null,
          expected,
          ...(parts.length ? { cells: [path, ...parts] } : {}),
        });
      }
    }
  },
});

export default rule;
