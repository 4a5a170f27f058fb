import { cnDate, dayNumber, isoDate } from '../dates.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'DATE-03',
    name: 'published-after-year',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条（公布“上一年度”报告）；全年报告只能在统计年度结束后形成',
    description: '发布日期不得早于报告年度次年1月1日',
    docs:
      '年度报告统计的是报告年度1月1日至12月31日的全年情况，条例第四十九条要求公布的是“上一年度”的报告，因此发布日期不可能早于次年1月1日；' +
      '早于此日的发布日期说明日期或年度有误。本规则只看已知的发布日期（publishedOn，来自网页或导入时提供）：文本报告通常没有发布日期，' +
      '而落款日期只是发布日期的下限，落款早于年度结束并不能证明发布也早于年度结束，这种情况由 DATE-07 以警告报告。没有发布日期或报告年度时本规则不作判断。',
    messages: {
      early: '发布日期为{actual}，早于{expected}：{year}年度报告须在统计年度结束后（{expected}或以后）发布',
    },
  },
  check(ctx) {
    const year = ctx.doc.year;
    const published = ctx.doc.publishedOn;
    if (year === null || dayNumber(published) === null) return;
    const earliest = isoDate(year + 1, 1, 1);
    if (published! < earliest) {
      ctx.report({
        messageId: 'early',
        data: { actual: cnDate(published!), expected: cnDate(earliest), year },
        location: { field: 'publishedOn' },
        actual: published,
        expected: earliest,
      });
    }
  },
});

export default rule;
