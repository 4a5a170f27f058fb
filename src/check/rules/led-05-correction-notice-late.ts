import { addWorkingDays } from '../../schema/calendar/working-days.ts';
import { defineRule } from '../define-rule.ts';
import { inPlay } from '../ledger/tables.ts';

const CORRECTION_NOTICE_WORKING_DAYS = 7;

const rule = defineRule({
  meta: {
    id: 'LED-05',
    name: 'correction-notice-late',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '《政府信息公开条例》第三十条',
    description: '补正通知在收到申请之日起 7 个工作日内发出',
    docs:
      '条例第三十条：申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起 7 个工作日内一次性告知申请人作出补正。台账中补正通知的发出日期晚于收到申请之日后第 7 个工作日的，报告为警告。' +
      '日期在工作日历收录的年份之外时不判断（LED-03 报告）。',
    messages: {
      late: '{where}收到申请之日为 {receivedOn}，补正通知最迟应于 {limit} 发出，实际于 {sentOn} 发出',
    },
  },
  check(ctx) {
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      if (!app.correction) continue;
      let limit: string;
      try {
        limit = addWorkingDays(app.receivedOn, CORRECTION_NOTICE_WORKING_DAYS);
      } catch {
        continue;
      }
      if (app.correction.sentOn <= limit) continue;
      ctx.report({
        messageId: 'late',
        data: { receivedOn: app.receivedOn, limit, sentOn: app.correction.sentOn },
        location: { register: 'applications', record: app.number },
        actual: app.correction.sentOn,
        expected: limit,
      });
    }
  },
});

export default rule;
