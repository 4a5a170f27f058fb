import { reviewPath } from '../../schema/cells.ts';
import { LITIGATION_GROUPS, sumOrNull } from '../../schema/identities.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL, type ReviewGroupKey } from '../../schema/review.ts';
import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements } from '../../extract/narrative/index.ts';
import type { RuleContext } from '../types.ts';

const GROUPS: Record<'review' | 'litigation', { groups: readonly ReviewGroupKey[]; name: string }> = {
  review: { groups: ['review'], name: REVIEW_GROUPS[0].label },
  litigation: { groups: LITIGATION_GROUPS, name: REVIEW_LITIGATION_LABEL },
};

/** The 总计 of some groups of table 四, or null when one is blank. */
const groupTotal = (ctx: RuleContext, groups: readonly ReviewGroupKey[]) => sumOrNull(ctx.cell, groups.map((g) => reviewPath(g, 'total')));

const groupLabel = (g: ReviewGroupKey) => REVIEW_GROUPS.find((x) => x.key === g)!.label;
const columnLabel = (c: string) => REVIEW_COLUMNS.find((x) => x.key === c)!.label;

const rule = defineRule({
  meta: {
    id: 'NAR-03',
    name: 'narrative-review-litigation',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号（四）明确责任：“发布内容不准确”；条例第五十条第（三）项',
    description: '正文所述行政复议、行政诉讼件数及“均获维持”等结果与表四一致',
    docs:
      '从正文读取因政府信息公开被申请行政复议N件、被提起行政诉讼M件（含“未发生…行政复议和行政诉讼”“行政复议、行政诉讼均为0”读作0件），' +
      '复议件数与表四“行政复议”总计比较，诉讼件数与“未经复议直接起诉”和“复议后起诉”两组总计之和比较（SUM-06 的派生值）。' +
      '正文说“均获维持”“均被维持”时，句中所说的复议或诉讼在表四中的结果纠正、其他结果、尚未审结都应为0。' +
      '只在第四部分或句中提到政府信息公开时读取，因为第一部分里的“行政复议案件120件”可能是机关的全部复议业务；分别说“复议后起诉”“直接起诉”的件数不是诉讼合计，不比较；约数不比较。' +
      '否定词只在否定案件本身时读作0件（“未发生行政复议”“没有收到…行政复议申请”“行政复议0件”）；“未被复议机关纠错”“未发生…被行政复议纠错或行政诉讼败诉情形”说的是结果，不读；' +
      '说全区、全市、各部门等辖区情况的分句也不读。' +
      '上海市2019年报告称“均获维持”，而表四复议和诉讼分别有2件、1件尚未审结，正是本规则要发现的情形。',
    messages: {
      count: '{place}称{name}{narrative}件，表四{groups}的总计为{table}件，二者不一致',
      none: '{place}称未发生{name}，表四{groups}的总计却为{table}件',
      upheld: '{place}称{name}“均获维持”，表四{group}却有{counts}',
    },
  },
  check(ctx) {
    for (const st of statements(ctx.doc, 'review', 'litigation')) {
      if (!st.exact) continue;
      const { groups, name } = GROUPS[st.kind as 'review' | 'litigation'];
      const table = groupTotal(ctx, groups);
      if (table === null || table === st.value) continue;
      ctx.report({
        messageId: st.none ? 'none' : 'count',
        data: { place: placeName(st.section), name, narrative: st.value, table, groups: groups.map((g) => `“${groupLabel(g)}”`).join('与') },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: st.value,
        expected: table,
      });
    }
    for (const st of statements(ctx.doc, 'allUpheld')) {
      for (const subject of st.subjects ?? []) {
        for (const g of GROUPS[subject].groups) {
          const counts: string[] = [];
          for (const c of ['corrected', 'other', 'pending'] as const) {
            const v = ctx.cell(reviewPath(g, c));
            if (typeof v === 'number' && v > 0) counts.push(`“${columnLabel(c)}”${v}件`);
          }
          if (!counts.length) continue;
          ctx.report({
            messageId: 'upheld',
            data: { place: placeName(st.section), name: GROUPS[subject].name, group: `“${groupLabel(g)}”`, counts: counts.join('、') },
            location: { section: st.section },
            span: spanOf(st, ctx.doc),
          });
        }
      }
    }
  },
});

export default rule;
