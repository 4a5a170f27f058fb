import { addWorkingDays } from '../../schema/calendar/working-days.ts';
import { REQUEST_ROWS } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';
import { inPlay } from '../ledger/tables.ts';

const PAYMENT_WORKING_DAYS = 20;
const UNPAID = 'other.unpaidFee';

const rule = defineRule({
  meta: {
    id: 'LED-08',
    name: 'unpaid-fee',
    severity: 'warning',
    templates: ['2021'],
    scope: 'ledger',
    basis: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》；国办公开办函〔2021〕30号附表三（六）2；四川省财政厅、发展改革委关于信息处理费的通知（收到收费通知次日起 20 个工作日内缴纳）',
    description: '收费通知发出后 20 个工作日未缴费的申请，办理结果为（六）2“逾期未按收费通知要求缴纳费用”',
    docs:
      '申请人应当自收到收费通知的次日起 20 个工作日内缴纳费用，逾期未缴纳的视为放弃申请，在 2021 格式表三中计入（六）2。' +
      '台账中收费通知发出后第 20 个工作日已过（到答复之日或 12 月 31 日）仍未缴费的申请，结果应为该行；反之，已缴费或期限未过的申请不应计入该行。' +
      'ogi 以通知发出之日为收到之日（台账没有申请人收到通知的日期）。',
    messages: {
      shouldBeUnpaid: '{where}的收费通知发于 {noticeOn}，缴费期限 {limit} 已过仍未缴费，办理结果应为“{row}”',
      notUnpaid: '{where}计入“{row}”，但{why}',
    },
  },
  check(ctx) {
    const row = REQUEST_ROWS.find((r) => r.key === UNPAID)!.label;
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      const fee = app.fee;
      const location = { register: 'applications' as const, record: app.number };
      let limit: string | null = null;
      try {
        limit = fee ? addWorkingDays(fee.noticeOn, PAYMENT_WORKING_DAYS) : null;
      } catch {
        continue;
      }
      const judgedOn = app.decidedOn ?? ctx.asOf;
      const lapsed = Boolean(fee && !fee.paidOn && limit && limit < judgedOn);
      if (lapsed && app.result !== UNPAID) {
        ctx.report({ messageId: 'shouldBeUnpaid', data: { noticeOn: fee!.noticeOn, limit, row }, location, actual: app.result ?? null, expected: UNPAID });
      } else if (!lapsed && app.result === UNPAID) {
        const why = !fee ? '台账没有收费通知' : fee.paidOn ? `已于 ${fee.paidOn} 缴费` : `缴费期限 ${limit} 尚未届满`;
        ctx.report({ messageId: 'notUnpaid', data: { row, why }, location, actual: UNPAID });
      }
    }
  },
});

export default rule;
