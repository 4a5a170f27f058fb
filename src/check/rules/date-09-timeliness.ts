import { applicableDeadline, cnDate, dayNumber } from '../dates.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'DATE-09',
    name: 'timeliness',
    severity: 'info',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条；中国社会科学院法学研究所《政府信息公开工作年度报告发布情况评估报告》（2016）“按时发布”指标',
    description: '发布日期距适用期限提前或逾期的天数（供评估排序）',
    docs:
      '评估机构把“按时发布”作为年度报告的评估指标，本规则给出发布日期距适用期限的天数，便于按发布机关排序比较：' +
      '部门为次年1月31日、县级以上地方人民政府为次年3月31日（条例第四十九条），核查配置中匹配的地方期限早于条例期限时以地方期限为准；' +
      '乡镇、街道和其他发布机关以核查配置中匹配的地方期限为准，没有配置时不计算（没有法定期限，以免以不存在的期限打分）。' +
      '只有已知发布日期（publishedOn）时才报告：落款日期只是发布日期的下限，不能据此计算天数。是否逾期本身由 DATE-04、DATE-05、DATE-06 报告，本规则只是提示。',
    messages: {
      early: '{year}年度报告的发布日期为{actual}，比适用期限{deadline}（{source}）提前{days}天',
      onTime: '{year}年度报告的发布日期为{actual}，恰为适用期限{deadline}（{source}）当天',
      late: '{year}年度报告的发布日期为{actual}，比适用期限{deadline}（{source}）晚{days}天',
    },
  },
  check(ctx) {
    const { year, publishedOn } = ctx.doc;
    const published = dayNumber(publishedOn);
    if (year === null || published === null) return;
    const deadline = applicableDeadline(ctx.doc, ctx.config);
    if (!deadline) return;
    const diff = published - dayNumber(deadline.date)!;
    ctx.report({
      messageId: diff < 0 ? 'early' : diff === 0 ? 'onTime' : 'late',
      data: { year, actual: cnDate(publishedOn!), deadline: cnDate(deadline.date), source: deadline.source, days: Math.abs(diff) },
      location: { field: 'publishedOn' },
      actual: publishedOn,
      expected: deadline.date,
    });
  },
});

export default rule;
