import { FEE_METHODS } from '../../schema/ledger.ts';
import { defineRule } from '../define-rule.ts';
import { expectedFee, FEE_FIRST_DAY, monthlyRanks } from '../ledger/fees.ts';

const rule = defineRule({
  meta: {
    id: 'LED-07',
    name: 'fee-tiers',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》第三条至第五条',
    description: '信息处理费按《办法》的档次计算：按件或按量，不重复计算；2021 年以前不收费',
    docs:
      '《政府信息公开信息处理费管理办法》第三条：按件或按量计收，均实行超额累进，同一申请不得同时按两种标准重复计算（台账每件申请只记一种方式）。' +
      '第四条按件：同一申请人一个自然月内申请 10 件以下不收费，第 11—30 件每件 100 元，第 31—40 件每件 200 元，以后每 10 件为一档，每档每件增加 100 元；' +
      '申请人以身份证件号码识别，没有时以姓名识别，都没有时无法计算。第五条按量：30 页以下不收费，第 31—100 页每页 10 元，第 101—200 页每页 20 元，200 页以上每页 40 元。' +
      '《办法》自 2021 年 1 月 1 日起施行，此前发出的收费通知报告为错误。只检查本年度发出的收费通知；金额以元计。',
    messages: {
      beforeFee: '{where}的收费通知发于 {noticeOn}，《政府信息公开信息处理费管理办法》2021 年 1 月 1 日起才施行',
      amount: '{where}{method}应收 {expected} 元，台账记为 {actual} 元',
      unknown: '{where}{method}无法核对金额：{missing}',
    },
  },
  check(ctx) {
    const ranks = monthlyRanks(ctx.ledger.applications);
    for (const app of ctx.ledger.applications) {
      const fee = app.fee;
      if (!fee || fee.noticeOn.slice(0, 4) !== String(ctx.year)) continue;
      const location = { register: 'applications' as const, record: app.number };
      if (fee.noticeOn < FEE_FIRST_DAY) {
        ctx.report({ messageId: 'beforeFee', data: { noticeOn: fee.noticeOn }, location, actual: fee.amount, expected: 0 });
        continue;
      }
      const method = FEE_METHODS.find((m) => m.key === fee.method)!.label;
      const expected = expectedFee(app, ranks.get(app));
      if (expected === null) {
        const missing = fee.method === 'perVolume' ? '没有记录页数' : '没有记录申请人的身份证件号码或姓名，无法累计同一申请人当月的件数';
        ctx.report({ messageId: 'unknown', data: { method, missing }, location });
      } else if (expected !== fee.amount) {
        ctx.report({ messageId: 'amount', data: { method, expected, actual: fee.amount }, location, actual: fee.amount, expected });
      }
    }
  },
});

export default rule;
