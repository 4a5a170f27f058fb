import { defineRule } from '../define-rule.ts';
import { mentionsFee, placeName } from '../../extract/narrative/index.ts';
import { SECTION_KEYS } from '../../schema/sections.ts';

const rule = defineRule({
  meta: {
    id: 'NAR-08',
    name: 'fee-statement',
    severity: 'warning',
    templates: ['2021'],
    scope: 'report',
    basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；河南省政府办公厅通知：“信息处理费收取情况…纳入政府信息公开工作年度报告”；国办公开办函〔2021〕30号（六）（措辞未经核实）',
    description: '第六部分“其他需要报告的事项”写明信息处理费收取情况（未收取也应写明）',
    docs:
      '信息处理费自2021年1月1日起可以收取，河南等地的通知要求把收取情况纳入年度报告；据称2021格式第（六）项要求报告发出收费通知的件数和总金额以及实际收取的总金额，' +
      '但该项原文尚未核实，因此本规则只要求第六部分写到信息处理费（或收费通知、依申请公开收费），' +
      '不要求特定数字，写“本年度未收取信息处理费”即满足。第六部分没有写到、但其他部分写到时降为提示（info），因为收取情况已经公开，只是位置不合格式；' +
      '六个部分都没有写到时为警告；第六部分整个缺失时由 TPL-03 报告，这里不重复。只适用于2021格式：2019、2020年度还没有信息处理费。',
    messages: {
      missing: '第六部分“其他需要报告的事项”未写明信息处理费收取情况（未收取也应写明）',
      elsewhere: '信息处理费收取情况写在{place}，未写在第六部分“其他需要报告的事项”',
    },
  },
  check(ctx) {
    const other = ctx.doc.sections.other;
    // A missing section 六 is TPL-03's finding.
    if (other === null || mentionsFee(other)) return;
    const elsewhere = SECTION_KEYS.filter((k) => k !== 'other').find((k) => mentionsFee(ctx.doc.sections[k] ?? ''));
    if (elsewhere) {
      ctx.report({ messageId: 'elsewhere', data: { place: placeName(elsewhere) }, location: { section: elsewhere }, span: null, severity: 'info' });
      return;
    }
    ctx.report({ messageId: 'missing', location: { section: 'other' }, span: null });
  },
});

export default rule;
