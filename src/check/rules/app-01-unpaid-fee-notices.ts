import { requestsPath } from '../../schema/cells.ts';
import { REQUEST_COLUMN_KEYS } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements } from '../../extract/narrative/index.ts';
import type { RuleContext } from '../types.ts';

/** Σ of the applicant columns of 三（六）2, or the printed total; null when unreadable. */
function unpaid(ctx: RuleContext): number | null {
  const total = ctx.cell(requestsPath('other.unpaidFee', 'total'));
  if (typeof total === 'number') return total;
  let sum = 0;
  for (const c of REQUEST_COLUMN_KEYS.slice(0, -1)) {
    const v = ctx.cell(`requests.other.unpaidFee.${c}`);
    if (typeof v !== 'number') return null;
    sum += v;
  }
  return sum;
}

const rule = defineRule({
  meta: {
    id: 'APP-01',
    name: 'unpaid-fee-notices',
    severity: 'warning',
    templates: ['2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号附表三（六）2“申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”；国办函〔2020〕109号《政府信息公开信息处理费管理办法》；四川省财政厅、发改委2021年通知（缴费期限20个工作日）',
    description: '表三“逾期未按收费通知缴费”不为0时，第六部分报告的发出收费通知件数不少于该数',
    docs:
      '表三（六）2 计入的每一件申请都先收到过收费通知，因此第六部分若报告发出收费通知的件数，应不少于该行总计；若写明“未发出收费通知”则与表格矛盾。' +
      '这两种情况报告为警告。第六部分完全没有说发出收费通知的件数时，因为国办公开办函〔2021〕30号是否要求报告收费通知件数尚未核实原文，' +
      '只作提示（info）；“未收取信息处理费”与此不矛盾（申请人没有缴费，本来就没有收到费用），不报告。约数不比较。',
    messages: {
      fewer: '表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）为{unpaid}件，{place}却称发出收费通知{notices}件，少于该数',
      none: '表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）为{unpaid}件，{place}却称未发出收费通知',
      missing: '表三“（六）其他处理”第2项（逾期未按收费通知要求缴纳费用）为{unpaid}件，第六部分未报告发出收费通知的件数',
    },
  },
  check(ctx) {
    const n = unpaid(ctx);
    if (n === null || n <= 0) return;
    const notices = statements(ctx.doc, 'feeNotices').filter((s) => s.section === 'other');
    if (!notices.length) {
      ctx.report({ messageId: 'missing', data: { unpaid: n }, location: { section: 'other' }, span: null, severity: 'info' });
      return;
    }
    for (const st of notices) {
      if (!st.exact || st.value >= n) continue;
      ctx.report({
        messageId: st.value === 0 ? 'none' : 'fewer',
        data: { unpaid: n, place: placeName(st.section), notices: st.value },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: st.value,
        expected: n,
      });
    }
  },
});

export default rule;
