import { RECEIPT_CHANNELS } from '../../schema/ledger.ts';
import { defineRule } from '../define-rule.ts';
import { applicationDue } from '../ledger/due.ts';
import { inPlay } from '../ledger/tables.ts';

const rule = defineRule({
  meta: {
    id: 'LED-03',
    name: 'receipt-date',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '《政府信息公开条例》第三十一条、第三十三条',
    description: '收到申请之日按提交方式依条例第三十一条确定，答复期限可以计算',
    docs:
      '条例第三十一条按提交方式规定收到申请之日：当面提交的为提交之日；邮寄的为签收之日（无需签收的平常信函为双方确认之日）；网络、传真提交的为双方确认之日。' +
      '所以当面提交的申请，收到申请之日应等于提交之日；其他方式的收到申请之日不能早于提交（寄出、发送）之日。答复期限自收到申请之日的次日起算 20 个工作日（第三十三条），' +
      '须用工作日历计算；日期在工作日历收录的年份之外时，无法计算期限，也报告。',
    messages: {
      inPersonDate: '{where}当面提交于 {submittedOn}，收到申请之日却记为 {receivedOn}（{rule}）',
      beforeSubmitted: '{where}经{channel}提交于 {submittedOn}，收到申请之日 {receivedOn} 不能更早（{rule}）',
      noCalendar: '{where}无法计算答复期限：{reason}',
    },
  },
  check(ctx) {
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      const location = { register: 'applications' as const, record: app.number };
      const channel = RECEIPT_CHANNELS.find((c) => c.key === app.channel)!;
      const data = { submittedOn: app.submittedOn ?? null, receivedOn: app.receivedOn, rule: channel.rule, channel: channel.label };
      if (app.submittedOn && app.channel === 'inPerson' && app.submittedOn !== app.receivedOn) {
        ctx.report({ messageId: 'inPersonDate', data, location, actual: app.receivedOn, expected: app.submittedOn });
      } else if (app.submittedOn && app.receivedOn < app.submittedOn) {
        ctx.report({ messageId: 'beforeSubmitted', data, location, actual: app.receivedOn });
      }
      const due = applicationDue(app);
      if (due.kind === 'unknown') ctx.report({ messageId: 'noCalendar', data: { reason: due.message }, location });
    }
  },
});

export default rule;
