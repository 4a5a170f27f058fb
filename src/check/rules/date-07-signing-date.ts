import { cnDate, dayNumber, isoDate } from '../dates.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'DATE-07',
    name: 'signing-date',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条（公布“上一年度”报告）；落款日期与发布日期的先后关系',
    description: '落款日期应晚于报告年度12月31日，且不晚于发布日期',
    docs:
      '年度报告总结的是报告年度全年的工作和数据，只能在年度结束后成文，因此落款日期应晚于报告年度的12月31日（最早为次年1月1日）；' +
      '落款日期早于或等于12月31日，通常是把年份写错（如2020年度报告落款“2020年1月28日”，应为2021年）或沿用了上一年的落款。' +
      '报告也不可能在落款之前发布，因此发布日期已知（publishedOn）时，落款日期不应晚于发布日期。没有落款日期时本规则不报告（落款缺失不属于日期规则）；' +
      '落款日期不是有效日期时也不报告。落款日期仅作为发布日期的下限，落款早于年度结束并不证明发布早于年度结束，所以这里是警告而不是 DATE-03 的错误。',
    messages: {
      beforeYearEnd: '落款日期为{actual}，不晚于{yearEnd}：{year}年度报告应在统计年度结束后落款（{expected}或以后）',
      afterPublication: '落款日期为{actual}，晚于发布日期{published}：落款日期应不晚于发布日期',
    },
  },
  check(ctx) {
    const { year, signedOn, publishedOn } = ctx.doc;
    if (dayNumber(signedOn) === null) return;
    const span = ctx.span('meta.signedOn') ?? null;
    if (year !== null) {
      const yearEnd = isoDate(year, 12, 31);
      if (signedOn! <= yearEnd) {
        const earliest = isoDate(year + 1, 1, 1);
        ctx.report({
          messageId: 'beforeYearEnd',
          data: { actual: cnDate(signedOn!), yearEnd: cnDate(yearEnd), year, expected: cnDate(earliest) },
          location: { field: 'signedOn' },
          span,
          actual: signedOn,
          expected: earliest,
        });
      }
    }
    if (dayNumber(publishedOn) !== null && signedOn! > publishedOn!) {
      ctx.report({
        messageId: 'afterPublication',
        data: { actual: cnDate(signedOn!), published: cnDate(publishedOn!) },
        location: { field: 'signedOn' },
        span,
        actual: signedOn,
        expected: publishedOn,
      });
    }
  },
});

export default rule;
