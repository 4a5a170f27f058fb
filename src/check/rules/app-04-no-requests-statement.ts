import { requestsPath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements } from '../../extract/narrative/index.ts';

const rule = defineRule({
  meta: {
    id: 'APP-04',
    name: 'no-requests-statement',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号（四）明确责任：“发布内容不准确”；正文与表三“本年新收政府信息公开申请数量”应一致',
    description: '正文称“未收到政府信息公开申请”时，表三本年新收为0',
    docs:
      '正文称本年“未收到政府信息公开申请”“无依申请公开情况”，而表三“一、本年新收政府信息公开申请数量”总计大于0时报告。' +
      '只限定某一类的说法（“未收到法人或其他组织的申请”“未收到邮寄申请”）、说的是其他事项（“未收到行政复议申请”“无依申请公开收费”）或带“除…外”的说法不读取。' +
      '反方向（正文称收到N件申请而表三为0）是件数不一致，由 NAR-01 报告，这里不重复；正文只用约数（“10余件”）说收到申请时按总则不作比较。',
    messages: {
      none: '{place}称未收到政府信息公开申请，表三“一、本年新收政府信息公开申请数量”总计却为{table}件',
    },
  },
  check(ctx) {
    const table = ctx.cell(requestsPath('newReceived', 'total'));
    if (typeof table !== 'number' || table <= 0) return;
    for (const st of statements(ctx.doc, 'noRequests')) {
      ctx.report({
        messageId: 'none',
        data: { place: placeName(st.section), table },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: 0,
        expected: table,
      });
    }
  },
});

export default rule;
