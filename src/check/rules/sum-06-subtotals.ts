import { parsePath, placeName, readOperands, REQUEST_COLUMNS, requestsPath, sameAmount, subtotalGroups } from '../../schema/index.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import type { Cell } from '../../schema/types.ts';
import { defineRule } from '../define-rule.ts';
import { blankVerdict, derivedReader, quietBlank } from '../identity.ts';

const rule = defineRule({
  meta: {
    id: 'SUM-06',
    name: 'subtotals',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '由表格结构推出：小计等于其所属各项之和（法定格式没有小计行）',
    description: '报告自加的小计行（如“（三）不予公开 小计”）等于其下各项之和；诉讼合计只作推算值',
    docs:
      '法定格式没有小计行，但有的报告在表三（三）不予公开、（四）无法提供、（五）不予处理以及 2021 格式的（六）其他处理下自加“小计”。' +
      '数据契约也没有小计行：提取时小计行不读入，契约数据中的表三只有法定各行，所以对契约数据本规则通常不报告任何内容。' +
      '本规则核对的是可以判定的部分：若报告数据中带有以分组键命名的小计行（tables.requests.denied、unavailable、notProcessed，2021 格式还有 other，每行 7 格），' +
      '逐列核对它等于该组各子项之和，不等即为错误，位置为该小计行的该列。小计或子项有空白时（空白只能是不小于 0 的数）：子项中已知各项之和已超过小计为错误；' +
      '按空白为 0 计算不相等为警告（小计行不在 SUM-04、CELL-02 的范围内，所以小计本身为空白而子项之和不为 0 时也在这里报告）；按空白为 0 计算相等时不报告。' +
      '2019 格式的（六）其他处理只有一行，本身就是办理结果，不是小计。“诉讼合计”（未经复议直接起诉与复议后起诉之和）在表四中没有印出的格可以核对，' +
      '只是供正文核对（NAR-03）使用的推算值，本规则不对它报告。',
    messages: {
      mismatch: '{group}小计({actual})不等于其下各项之和({expected})，列：{column}',
      exceeds: '{group}其下已知各项之和({expected})已超过小计({actual})，空白格（{cells}）无论填什么都不能相等，列：{column}',
      blankMismatch: '按空白为0计算，{group}小计应为{expected}，实为{actual}（空白格：{cells}），列：{column}',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    const rows = ctx.doc.tables.requests as Record<string, Cell[] | undefined>;
    const read = derivedReader(ctx);
    const quiet = quietBlank(ctx);
    for (const g of subtotalGroups(template)) {
      if (!Array.isArray(rows[g.group])) continue;
      for (const col of REQUEST_COLUMNS) {
        const subtotalPath = requestsPath(g.group, col.key);
        const subtotal = ctx.cell(subtotalPath);
        const children = g.children.map((k) => requestsPath(k, col.key));
        const parts = readOperands(read, children);
        if (parts.missing || subtotal === undefined) continue;
        const blanks = subtotal === null ? [subtotalPath, ...parts.blanks] : parts.blanks;
        const data = { group: g.label, actual: subtotal, expected: parts.sum, column: col.label };
        const at = {
          location: { table: 'requests' as const, row: g.group, column: col.key }, actual: subtotal, expected: parts.sum,
          identity: { left: children, right: [subtotalPath], blanks },
        };
        if (!blanks.length) {
          if (!sameAmount(subtotal!, parts.sum)) ctx.report({ messageId: 'mismatch', data, ...at });
          continue;
        }
        const verdict = blankVerdict({ left: children, right: [subtotalPath] }, { left: parts.sum, right: subtotal ?? 0, blanks }, quiet);
        if (!verdict) continue;
        const names = blanks.slice(0, 3).map((p) => (p === subtotalPath ? `${g.label}小计` : placeName(parsePath(p))));
        ctx.report({
          messageId: verdict === 'exceeds' ? 'exceeds' : 'blankMismatch',
          severity: verdict === 'exceeds' ? 'error' : 'warning',
          data: { ...data, cells: blanks.length > 3 ? `${names.join('、')}等${blanks.length}格` : names.join('、') },
          ...at,
        });
      }
    }
  },
});

export default rule;
