import { REQUEST_ROWS, type RequestRowKey } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';
import { inPlay } from '../ledger/tables.ts';

const NO_CORRECTION: Record<'2019' | '2021', RequestRowKey> = { '2019': 'other', '2021': 'other.noCorrection' };

const rule = defineRule({
  meta: {
    id: 'LED-09',
    name: 'no-correction',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '《政府信息公开条例》第三十条；国办公开办函〔2021〕30号附表三（六）1',
    description: '无正当理由逾期不补正的申请，办理结果为（六）1（2019 格式为（六）其他处理）',
    docs:
      '条例第三十条：申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理。2021 格式表三把这种情形计入（六）1，2019 格式计入（六）其他处理。' +
      '台账中补正通知设定的期限已过（到答复之日或 12 月 31 日）、没有收到补正、也没有记录正当理由的申请，结果应为该行；已收到补正的申请不应计入该行（2021 格式）。' +
      '补正通知没有设定期限的不判断。',
    messages: {
      shouldBeNoCorrection: '{where}的补正期限 {dueOn} 已过，未收到补正，办理结果应为“{row}”',
      notNoCorrection: '{where}计入“{row}”，但已于 {receivedOn} 收到补正',
    },
  },
  check(ctx) {
    const target = NO_CORRECTION[ctx.template];
    const row = REQUEST_ROWS.find((r) => r.key === target)!.label;
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      const c = app.correction;
      const location = { register: 'applications' as const, record: app.number };
      if (c?.receivedOn && app.result === target && ctx.template === '2021') {
        ctx.report({ messageId: 'notNoCorrection', data: { row, receivedOn: c.receivedOn }, location, actual: app.result });
        continue;
      }
      if (!c || c.receivedOn || c.justified || !c.dueOn) continue;
      if (c.dueOn >= (app.decidedOn ?? ctx.asOf) || app.result === target) continue;
      ctx.report({ messageId: 'shouldBeNoCorrection', data: { dueOn: c.dueOn, row }, location, actual: app.result ?? null, expected: target });
    }
  },
});

export default rule;
