import { requestsPath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

const SHARE = 0.25;

const rule = defineRule({
  meta: {
    id: 'APP-05',
    name: 'carry-forward-share',
    severity: 'info',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第三十三条第二款：自收到申请之日起20个工作日内答复，延长不超过20个工作日；25%为经验阈值',
    description: '结转下年度继续办理的申请超过本年新收与上年结转之和的四分之一',
    docs:
      '按条例第三十三条，申请最迟在40个工作日（加上征求第三方意见、补正等不计入的时间）内答复，年末尚未办结的通常只是12月收到的申请。' +
      '表三“四、结转下年度继续办理”总计超过“一、本年新收”与“二、上年结转”总计之和的25%时，可能存在超期未办或统计口径问题，提示核实。25%是经验阈值，不是法定标准，因此只作提示；任一格为空白时不计算。',
    messages: {
      share: '结转下年度继续办理{forward}件，占本年新收与上年结转之和{base}件的{percent}%，超过25%，请核实是否超期未办或统计有误',
    },
  },
  check(ctx) {
    const forward = ctx.cell(requestsPath('carriedForward', 'total'));
    const received = ctx.cell(requestsPath('newReceived', 'total'));
    const over = ctx.cell(requestsPath('carriedOver', 'total'));
    if (typeof forward !== 'number' || typeof received !== 'number' || typeof over !== 'number') return;
    const base = received + over;
    if (forward <= 0 || forward <= SHARE * base) return;
    ctx.report({
      messageId: 'share',
      data: { forward, base, percent: base > 0 ? Math.round((1000 * forward) / base) / 10 : 100 },
      location: { table: 'requests', row: 'carriedForward', column: 'total' },
      actual: forward,
      expected: Math.floor(SHARE * base),
    });
  },
});

export default rule;
