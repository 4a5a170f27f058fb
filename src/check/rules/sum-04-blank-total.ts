import { REQUEST_COLUMN_KEYS, REQUEST_COLUMNS, requestRows } from '../../schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../../schema/review.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { locate } from '../cells.ts';
import { operands, sum } from '../identity.ts';
import type { ReportRule } from '../types.ts';

/** A total cell and the cells it sums, with the wording of the identity for the message. */
interface Total {
  path: string;
  parts: string[];
  how: string;
}

function totals(template: TableTemplate): Total[] {
  const out: Total[] = [];
  const rows = requestRows(template);
  const applicants = REQUEST_COLUMN_KEYS.filter((c) => c !== 'total');
  // SUM-03: the 总计 column of every row of 三.
  for (const row of rows) {
    out.push({ path: `requests.${row.key}.total`, parts: applicants.map((c) => `requests.${row.key}.${c}`), how: '自然人至其他六列之和' });
  }
  // SUM-02: the （七）总计 row, column by column.
  const results = rows.filter((r) => r.result);
  for (const col of REQUEST_COLUMNS) {
    out.push({ path: `requests.resultTotal.${col.key}`, parts: results.map((r) => `requests.${r.key}.${col.key}`), how: '各项办理结果之和' });
  }
  // SUM-05: the 总计 of each group of 四.
  const outcomes = REVIEW_COLUMN_KEYS.filter((c) => c !== 'total');
  for (const g of REVIEW_GROUP_KEYS) {
    out.push({ path: `review.${g}.total`, parts: outcomes.map((c) => `review.${g}.${c}`), how: '结果维持、结果纠正、其他结果、尚未审结之和' });
  }
  return out;
}

const rule: ReportRule = {
  meta: {
    id: 'SUM-04',
    name: 'blank-total',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '总计格是其他格之和（SUM-02、SUM-03、SUM-05），空白的总计可以推算；空白不当作 0（statute-and-rules.md §11.3、§12.2）',
    description: '总计格空白而其组成各格不全为 0：给出推算值并警告',
    docs:
      '实际报告常把总计格留空（上海 2019 年报表三的“总计”列大多为空白）。总计格的值由其组成各格唯一确定，所以本规则在总计格为空白、组成各格全部有数字且不全为 0 时，' +
      '报告该格按勾稽关系应为的推算值（警告）。本规则涵盖三类总计：表三每一行的“总计”列（SUM-03 的关系）、表三“（七）总计”行的每一列（SUM-02 的关系）和表四每组的“总计”（SUM-05 的关系）；' +
      '表三“（七）总计”行“总计”列同属前两类，只报告一次（先按行推算，行中有空白时按列推算）。组成各格有空白时无法推算，本规则不报告，由 SUM-02、SUM-03、SUM-05 以提示报告无法核对；' +
      '组成各格全为 0 时推算值为 0，空白由 CELL-02 报告，本规则不重复。推算值只用于报告，不写回数据。',
    messages: {
      derived: '{where}为空白，按{how}应为{expected}',
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const t of totals(ctx.doc.template as TableTemplate)) {
      if (reported.has(t.path) || ctx.cell(t.path) !== null) continue;
      const parts = operands(ctx, t.parts);
      if (parts.missing || parts.blanks.length) continue;
      const expected = sum(parts.values);
      if (expected === 0) continue;
      reported.add(t.path);
      ctx.report({ messageId: 'derived', data: { how: t.how, expected }, location: locate(t.path), actual: null, expected });
    }
  },
};

export default rule;
