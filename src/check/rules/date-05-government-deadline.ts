import { checkStatutoryDeadline } from '../dates.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'DATE-05',
    name: 'government-deadline',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条第二款',
    description: '县级以上地方人民政府（本级报告）须在次年3月31日前（含当日）公布上一年度报告',
    docs:
      '条例第四十九条第二款规定县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度年度报告；按通常理解含3月31日当日。' +
      '本规则适用于发布机关类型为“政府”（government）的报告；乡镇人民政府、街道办事处属于“乡镇”类型，由 DATE-06 按地方规定核对。' +
      '发布日期已知（publishedOn）时直接比较；没有发布日期时以落款日期作为最早可能的发布日期：落款日期已晚于期限即证明逾期（发布日期不可能早于落款日期），报告为错误；' +
      '落款在期限内或没有任何日期时不能证明逾期，本规则不报告。地方规定的更早期限由 DATE-06 以警告报告，更晚的地方期限不放宽本规则。',
    messages: {
      published: '{year}年度报告的发布日期为{actual}，晚于法定期限{deadline}（县级以上地方人民政府应在每年3月31日前公布本级政府上一年度报告）',
      signed: '{year}年度报告的落款日期为{actual}，晚于法定期限{deadline}，发布日期不可能早于落款日期，因此未按期公布（县级以上地方人民政府应在每年3月31日前公布本级政府上一年度报告）',
    },
  },
  check(ctx) {
    checkStatutoryDeadline(ctx, 'government');
  },
});

export default rule;
