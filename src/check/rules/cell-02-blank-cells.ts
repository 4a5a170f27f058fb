import { parseCellText } from '../../extract/values.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { cellPaths, parsePath } from '../../schema/cells.ts';
import { evaluate, identities } from '../../schema/identities.ts';
import { placeName, placeNameInTable } from '../../schema/places.ts';
import { defineRule } from '../define-rule.ts';
import { blankVerdict, quietBlank, rowNotPrinted } from '../identity.ts';

type TableKey = 'active' | 'requests' | 'review';
type Kind = 'printed' | 'nulls' | 'unreadable';

/** Cell names for a message, without the table's name: the first three, then "等" (and the count, when `counted`). */
function names(paths: readonly string[], template: string, counted = false): string {
  const list = paths.slice(0, 3).map((p) => placeNameInTable(parsePath(p), template));
  if (paths.length <= 3) return list.join('、');
  return counted ? `${list.join('、')}等${paths.length}格` : `如${list.join('、')}等`;
}

/** The convention a table's printed blanks follow: 空白, the placeholders printed, or both. */
function convention(texts: readonly string[]): string {
  const placeholders = [...new Set(texts.filter((t) => t !== ''))].map((t) => `“${t}”`).join('');
  const blank = texts.includes('') ? '空白' : '';
  return blank && placeholders ? `${blank}或${placeholders}` : blank || placeholders;
}

const rule = defineRule({
  meta: {
    id: 'CELL-02',
    name: 'blank-cells',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表逐格填报数字，没有发生的填 0（实践惯例）；空白与占位符记为空值，不当作 0',
    description: '以空白或“/”“-”“—”“无”等占位符代替数字的格：每张表报告一次（与勾稽关系不符时为警告）',
    docs:
      '法定表格的每一格都应填写数字，没有发生的事项填 0。不少机关在数为 0 的格里印“—”“/”或留空：这些格读作空值（不当作 0），原文保留在出处中。' +
      '本规则按表（表二、表三、表四）把这样的格汇总为一条：说明该表所用的写法（空白，或实际印出的占位符）和格数，列出前几格，全部格的路径在该条的 cells 中。' +
      '每一格都与 0 相容（把这些空白读作 0 时，它所在的勾稽关系都成立；整行未印出的行不计入，那是 TPL-05、TPL-09 的问题）时为提示（info）；有空白读作 0 时勾稽关系不成立（如总计留空而其各项不全为 0）时为警告（warning），' +
      '勾稽关系本身由 SUM-01 至 SUM-06 按三种读法核对（已知各项已超过总计为错误，按空白为 0 不相等为警告）。没有出处的 JSON 数据中的空值同样按表报告一次。' +
      '整行未印出的单元格由 TPL-05、TPL-09 报告，这里不重复；印出了但 ogi 无法读取的单元格（如连写数字无法唯一拆分、少印单元格的行）' +
      '由读取说明报告一次，这里不报告；没有读取说明的无法读取的格按表汇总为一条提示，请人工核对，不算报告的错误。',
    messages: {
      convention: '{table}以{convention}代替数字，共{count}格（{cells}），应填写数字（没有发生的填 0）',
      conventionNotZero: '{table}以{convention}代替数字，共{count}格（{cells}），其中{odd}读作 0 时勾稽关系不成立，请核对',
      nulls: '{table}有{count}格为空值（{cells}），应填写数字（没有发生的填 0）',
      nullsNotZero: '{table}有{count}格为空值（{cells}），其中{odd}读作 0 时勾稽关系不成立，请核对',
      unreadable: 'ogi 未能读取{table}{count}格的数值（{cells}），请对照原文人工核对',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    const labels = ctx.doc.structure?.labels;
    const groups = new Map<string, { table: TableKey; kind: Kind; paths: string[]; texts: string[] }>();
    const add = (table: TableKey, kind: Kind, path: string, text = '') => {
      const key = `${table}:${kind}`;
      const g = groups.get(key) ?? { table, kind, paths: [], texts: [] };
      g.paths.push(path);
      g.texts.push(text);
      groups.set(key, g);
    };
    for (const path of cellPaths(template)) {
      // A cell ogi could not read is the extraction note's matter, said once for its row.
      if (ctx.cell(path) !== null || ctx.unread(path)) continue;
      const loc = parsePath(path);
      const table = loc.table as TableKey;
      const span = ctx.span(path);
      if (!span) {
        if (rowNotPrinted(ctx.doc, path)) continue;
        if (labels && loc.table === 'review' && !ctx.doc.provenance) continue;
        add(table, labels ? 'unreadable' : 'nulls', path);
        continue;
      }
      add(table, 'printed', path, parseCellText(span.text)?.kind === 'placeholder' ? span.text.trim() : '');
    }
    if (!groups.size) return;
    // Blanks that cannot all be 0: those of an identity that fails with its blanks read as 0 (not one
    // that no value of its blanks could balance: that is the known figures' error, not the blanks').
    const odd = new Set<string>();
    const quiet = quietBlank(ctx);
    for (const identity of identities(template)) {
      const e = evaluate(identity, ctx.cell);
      if (e.status === 'blank' && blankVerdict(identity, e, quiet) === 'zero-fails') for (const p of e.blanks) odd.add(p);
    }
    for (const g of groups.values()) {
      const first = g.paths[0]!;
      const oddHere = g.paths.filter((p) => odd.has(p));
      const notZero = g.kind !== 'unreadable' && oddHere.length > 0;
      const messageId = g.kind === 'unreadable' ? 'unreadable' : g.kind === 'nulls' ? (notZero ? 'nullsNotZero' : 'nulls') : notZero ? 'conventionNotZero' : 'convention';
      ctx.report({
        messageId,
        severity: notZero ? 'warning' : 'info',
        data: {
          table: placeName({ table: g.table }, template),
          convention: convention(g.texts),
          count: g.paths.length,
          cells: names(g.paths, template),
          odd: names(oddHere, template, true),
        },
        location: parsePath(first),
        span: ctx.span(first) ?? null,
        cells: g.paths,
      });
    }
  },
});

export default rule;
