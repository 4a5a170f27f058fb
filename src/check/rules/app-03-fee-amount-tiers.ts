import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements } from '../../extract/narrative/index.ts';

const WHAT = { feeCollected: '实际收取信息处理费', feeNoticeAmount: '收费通知金额' } as const;

const rule = defineRule({
  meta: {
    id: 'APP-03',
    name: 'fee-amount-tiers',
    severity: 'warning',
    templates: ['2021'],
    scope: 'report',
    basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条、第五条：按件100元/件起、每档加100元；按量10、20、40元/页',
    description: '第六部分所称信息处理费金额能由法定收费标准得出（为10元的整数倍）',
    docs:
      '信息处理费按件收取时每件100元起、以10件为一档每档加100元，按量收取时每页10元、20元或40元，任何组合的金额都是10元的整数倍。' +
      '第六部分所称实际收取金额或收费通知金额（“万元”换算为元）不是10元整数倍时，金额或单位很可能写错。只检查确数，0元不报告。',
    messages: {
      tier: '{place}称{what}{amount}元，不是10元的整数倍，按收费标准（按件100元/件起，按量10、20、40元/页）得不出这一金额',
    },
  },
  check(ctx) {
    for (const st of statements(ctx.doc, 'feeCollected', 'feeNoticeAmount')) {
      if (st.section !== 'other' || !st.exact || st.value === 0) continue;
      const cents = Math.round(st.value * 100);
      if (Math.abs(cents - st.value * 100) < 1e-6 && cents % 1000 === 0) continue;
      ctx.report({
        messageId: 'tier',
        data: { place: placeName(st.section), what: WHAT[st.kind as keyof typeof WHAT], amount: st.value },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: st.value,
      });
    }
  },
});

export default rule;
