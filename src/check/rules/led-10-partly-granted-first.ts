import { REQUEST_ROWS } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';
import { inPlay } from '../ledger/tables.ts';

const GRANTED = new Set(['granted', 'partlyGranted']);

const rule = defineRule({
  meta: {
    id: 'LED-10',
    name: 'partly-granted-first',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表三（二）部分公开“区分处理的，只计这一情形，不计其他情形”；《政府信息公开条例》第三十七条',
    description: '区分处理（部分公开、部分不予公开或无法提供）的申请只计入（二）部分公开',
    docs:
      '条例第三十七条：申请公开的信息中含有不应当公开或不属于政府信息的内容，但能够作区分处理的，应当提供可以公开的内容。表三（二）部分公开的注释要求：区分处理的，只计这一情形，不计其他情形。' +
      '台账中一件申请的各部分结果（parts）既有公开的部分，又有其他结果的，该申请的办理结果应为（二）部分公开，而不是其中某一部分的结果。',
    messages: {
      notPartly: '{where}区分处理（各部分：{parts}），办理结果应为“{row}”，台账记为“{actual}”',
    },
  },
  check(ctx) {
    const label = (key: string) => {
      const r = REQUEST_ROWS.find((x) => x.key === key)!;
      return 'short' in r && r.short ? r.short : r.label;
    };
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      const parts = [...new Set(app.parts ?? [])];
      if (parts.length < 2 || !parts.some((p) => GRANTED.has(p)) || app.result === 'partlyGranted' || !app.result) continue;
      ctx.report({
        messageId: 'notPartly',
        data: { parts: parts.map(label).join('、'), row: label('partlyGranted'), actual: label(app.result) },
        location: { register: 'applications', record: app.number },
        actual: app.result,
        expected: 'partlyGranted',
      });
    }
  },
});

export default rule;
