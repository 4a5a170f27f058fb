import { checkStatutoryDeadline } from '../dates.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'DATE-04',
    name: 'department-deadline',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条第一款',
    description: '县级以上人民政府部门须在次年1月31日前（含当日）公布上一年度报告',
    docs:
      '条例第四十九条第一款规定县级以上人民政府部门（含国务院部门）应当在每年1月31日前提交并向社会公布上一年度年度报告；按通常理解“1月31日前”含1月31日当日。' +
      '本规则适用于发布机关类型为“部门”（department）的报告。发布日期已知（publishedOn）时直接比较；文本报告通常没有发布日期，' +
      '此时以落款日期作为最早可能的发布日期：落款日期已晚于期限即证明逾期（发布日期不可能早于落款日期），报告为错误；' +
      '落款在期限内或没有任何日期时不能证明逾期，本规则不报告。地方规定的更早期限（如怀化市直部门1月28日）由 DATE-06 以警告报告，' +
      '地方规定的更晚期限（如岳阳“2月底”）与条例冲突，不放宽本规则。',
    messages: {
      published: '{year}年度报告的发布日期为{actual}，晚于法定期限{deadline}（县级以上人民政府部门应在每年1月31日前公布上一年度报告）',
      signed: '{year}年度报告的落款日期为{actual}，晚于法定期限{deadline}，发布日期不可能早于落款日期，因此未按期公布（县级以上人民政府部门应在每年1月31日前公布上一年度报告）',
    },
  },
  check(ctx) {
    checkStatutoryDeadline(ctx, 'department');
  },
});

export default rule;
