import { REQUEST_ROWS } from '../../schema/requests.ts';
import { templateForYear } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { inPlay } from '../ledger/tables.ts';

const rule = defineRule({
  meta: {
    id: 'LED-01',
    name: 'one-applicant-one-result',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表三：每件申请按申请人情况计入一列，按办理结果计入一行（“区分处理的，只计这一情形，不计其他情形”）',
    description: '台账中每件申请只有一个申请人类别，并且要么只有一个办理结果（表三的一个末级行），要么尚在办理',
    docs:
      '表三的每一件申请只计入一列（申请人类别）和一行（办理结果），所以台账的每件申请记录一个申请人类别（自然人、商业企业……其他，台账只接受其中之一），' +
      '已办结的申请记录一个办理结果和答复日期，尚未办结的两者都不填。结果须是答复当年所用格式表三中的行：2021 年起（六）分为三行，2019、2020 年只有“其他处理”一行；' +
      '答复日期不能早于收到申请之日；同一台账中登记号不能重复。只检查该年度收到或结转到该年度的申请。',
    messages: {
      resultWithoutDate: '{where}记录了办理结果，但没有答复日期',
      dateWithoutResult: '{where}记录了答复日期 {decidedOn}，但没有办理结果',
      resultNotInTemplate: '{where}于 {decidedOn} 答复，办理结果“{result}”不是 {template} 格式表三中的行',
      decidedBeforeReceived: '{where}的答复日期 {decidedOn} 早于收到申请之日 {receivedOn}',
      duplicateNumber: '{where}：登记号在台账中出现了 {count} 次',
    },
  },
  check(ctx) {
    const counts = new Map<string, number>();
    for (const a of ctx.ledger.applications) counts.set(a.number, (counts.get(a.number) ?? 0) + 1);
    for (const app of inPlay(ctx.ledger.applications, ctx.year)) {
      const location = { register: 'applications' as const, record: app.number };
      const count = counts.get(app.number)!;
      if (count > 1) {
        ctx.report({ messageId: 'duplicateNumber', data: { count }, location });
        counts.set(app.number, 1);
      }
      if (app.result && !app.decidedOn) ctx.report({ messageId: 'resultWithoutDate', location });
      if (!app.result && app.decidedOn) ctx.report({ messageId: 'dateWithoutResult', data: { decidedOn: app.decidedOn }, location });
      if (!app.result || !app.decidedOn) continue;
      if (app.decidedOn < app.receivedOn) {
        ctx.report({ messageId: 'decidedBeforeReceived', data: { decidedOn: app.decidedOn, receivedOn: app.receivedOn }, location });
      }
      const template = templateForYear(Number(app.decidedOn.slice(0, 4)));
      const row = REQUEST_ROWS.find((r) => r.key === app.result)!;
      if (template !== 'legacy' && !(row.templates as readonly string[]).includes(template)) {
        ctx.report({ messageId: 'resultNotInTemplate', data: { decidedOn: app.decidedOn, result: row.label, template }, location, actual: app.result });
      }
    }
  },
});

export default rule;
