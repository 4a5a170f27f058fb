import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements, type Statement } from '../../extract/narrative/index.ts';
import { yearSource } from '../report-year.ts';

/** The first year for which the 信息处理费 could be charged under the 办法. */
const FIRST_FEE_YEAR = 2021;

function what(st: Statement): string {
  if (st.kind === 'feeNotices') return `发出收费通知${st.value}件`;
  if (st.kind === 'feeNoticeAmount') return `收费通知金额${st.value}元`;
  return `收取信息处理费${st.value}元`;
}

const rule = defineRule({
  meta: {
    id: 'APP-06',
    name: 'fee-before-2021',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《中华人民共和国政府信息公开条例》第四十二条（收取信息处理费的具体办法另行制定）；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），自2021年1月1日起施行',
    description: '2021年以前年度的报告称收取了信息处理费（或发出了收费通知）',
    docs:
      '条例第四十二条允许对数量、频次明显超过合理范围的申请收取信息处理费，但收费的具体办法另行制定；' +
      '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自2021年1月1日起施行（据黑龙江省财政厅2021年1月6日通知等，办法施行条款原文未经核实），' +
      '在此之前没有收费标准，2019、2020年度不应有信息处理费，2019格式的表三也没有“逾期未按收费通知缴费”一行。' +
      '报告年度早于2021年、而正文任一部分称收取了信息处理费（金额大于0）、收费通知金额大于0或发出收费通知多于0件时报告为警告，' +
      '只报告第一处，位置为该处原文：可能是年度写错、沿用了后来年度的报告，或把其他收费写成了信息处理费。' +
      '“本年度未收取信息处理费”“收取信息处理费0元”不报告；约数也报告（只要大于0）。报告年度只是从正文推断出来时不报告，因为年度本身不可靠。',
    messages: {
      early: '{place}称{what}，而{year}年度尚无信息处理费的收费办法（《政府信息公开信息处理费管理办法》自2021年1月1日起施行），请核实报告年度或所述费用',
    },
  },
  check(ctx) {
    const year = ctx.doc.year;
    if (year === null || year >= FIRST_FEE_YEAR || yearSource(ctx.doc) === 'narrative') return;
    const st = statements(ctx.doc, 'feeCollected', 'feeNoticeAmount', 'feeNotices').find((s) => s.value > 0);
    if (!st) return;
    ctx.report({
      messageId: 'early',
      data: { place: placeName(st.section), what: what(st), year },
      location: { section: st.section },
      span: spanOf(st, ctx.doc),
      actual: st.value,
      expected: 0,
    });
  },
});

export default rule;
