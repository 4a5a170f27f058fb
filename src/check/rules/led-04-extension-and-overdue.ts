import { defineRule } from '../define-rule.ts';
import { applicationDue, approvedExtension } from '../ledger/due.ts';
import { inPlay } from '../ledger/tables.ts';

const rule = defineRule({
  meta: {
    id: 'LED-04',
    name: 'extension-and-overdue',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '《政府信息公开条例》第三十三条',
    description: '延长答复期限有批准记录；答复不晚于答复期限（至多 40 个工作日，征求意见时间不计）',
    docs:
      '条例第三十三条：行政机关不能当场答复的，应当自收到申请之日起 20 个工作日内答复；需要延长的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日。' +
      '台账中记录了延长却没有批准人的，不算延长（期限按 20 个工作日计算），并报告。征求第三方或其他机关意见的时间不计入期限（第三十二条、第三十四条），补正后自收到补正申请之日起重新计算（第三十条）。' +
      '答复日期晚于答复期限的，或到核查之日（该年度 12 月 31 日）仍未答复且已过期限的，报告为逾期。',
    messages: {
      extensionUnapproved: '{where}记录了延长答复期限，但没有批准人（条例第三十三条第二款：经政府信息公开工作机构负责人同意），期限按 20 个工作日计算',
      overdue: '{where}答复期限为 {dueOn}，于 {decidedOn} 答复，已逾期',
      overduePending: '{where}答复期限为 {dueOn}，到 {asOf} 仍未答复，已逾期',
    },
  },
  check(ctx) {
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      const location = { register: 'applications' as const, record: app.number };
      if (app.extension && !approvedExtension(app)) ctx.report({ messageId: 'extensionUnapproved', location });
      const due = applicationDue(app);
      if (due.kind !== 'due') continue;
      if (app.decidedOn) {
        if (app.decidedOn > due.dueOn && app.decidedOn <= `${ctx.year}-12-31`) {
          ctx.report({ messageId: 'overdue', data: { dueOn: due.dueOn, decidedOn: app.decidedOn }, location, actual: app.decidedOn, expected: due.dueOn });
        }
      } else if (due.dueOn < ctx.asOf) {
        ctx.report({ messageId: 'overduePending', data: { dueOn: due.dueOn, asOf: ctx.asOf }, location, expected: due.dueOn });
      }
    }
  },
});

export default rule;
