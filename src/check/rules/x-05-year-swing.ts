import { REVIEW_GROUP_KEYS } from '../../schema/review.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { activePath, parsePath, requestsPath, reviewPath } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

/** More than this many times the previous year's value (or the reverse) is a swing. */
export const SWING = 5;
/** Below this absolute change nothing is reported: 1 → 6 applications is not worth a note. */
export const MIN_CHANGE = 10;
/** A money amount this many times last year's was probably entered in 元 instead of 万元. */
const UNIT_SLIP = 1000;

const round = (x: number) => Number.parseFloat(x.toPrecision(12));

/** The compared cells: 三 本年新收总计, 四 totals (any templates), and 二 counts and amounts (same template only). */
function comparedPaths(previous: TableTemplate, current: TableTemplate): { path: string; money: boolean }[] {
  const out = [{ path: requestsPath('newReceived', 'total'), money: false }, ...REVIEW_GROUP_KEYS.map((g) => ({ path: reviewPath(g, 'total'), money: false }))];
  if (previous !== current) return out;
  for (const item of TEMPLATE_DEFS[current].active) {
    for (const row of item.rows) {
      for (const col of item.columns) {
        if (col.kind === 'signed') continue;
        out.push({ path: activePath(item.key, row.key, col.key), money: col.kind === 'money' });
      }
    }
  }
  return out;
}

const rule = defineRule({
  meta: {
    id: 'X-05',
    name: 'year-swing',
    severity: 'info',
    templates: ['2019', '2021'],
    scope: 'series',
    basis: '启发式：同一机关相邻两年的主要数字通常不会相差数倍；5 倍为经验阈值',
    description: '同一机关相邻两年：本年新收申请总计、表四各组总计或表二数字变化超过 5 倍',
    docs:
      '比较同一机关相邻两年的表三“本年新收政府信息公开申请数量”总计、表四三组的总计，以及（两年格式相同时）表二的各项数量和金额（本年增/减是变化量，不比较；' +
      '跨越格式切换时表二不比较，见 X-04）。较大的一个超过较小一个的 5 倍即报告；为免小数字的噪声，较小的数按 1 计（0→6 算超过 5 倍），且两年相差不足 10（件或万元）时不报告——' +
      '这一下限是本规则的取舍。表二本年收费金额（2021 格式）或采购总金额（2019 格式）达到上年的 1000 倍以上时，提示可能按元而不是万元填报，' +
      '这实现了 T2-04 中“远高于上一年度”的一半（T2-04 是单份报告规则，无法取得上一年度）。大幅变化可能是真实的，只作提示。任一年度为空白时不比较。',
    messages: {
      swing: '{where}由上一年度（{previousYear}年）的{previous}变为{actual}，相差超过 {swing} 倍',
      unit: '{where}由上一年度（{previousYear}年）的{previous}万元变为{actual}万元，为上年的{ratio}倍，可能是按“元”而不是“万元”填报（按元换算为{converted}万元）',
    },
  },
  check(ctx) {
    const { previous, current } = ctx;
    if (previous.template === 'legacy' || current.template === 'legacy') return;
    for (const { path, money } of comparedPaths(previous.template, current.template)) {
      const before = ctx.cell('previous', path);
      const actual = ctx.cell('current', path);
      if (typeof before !== 'number' || typeof actual !== 'number') continue;
      const high = Math.max(before, actual);
      const low = Math.min(before, actual);
      if (high - low < MIN_CHANGE || high <= SWING * Math.max(low, 1)) continue;
      const location = { ...parsePath(path), year: current.year! };
      if (money && before > 0 && actual >= UNIT_SLIP * before) {
        ctx.report({
          messageId: 'unit',
          data: { previous: before, actual, previousYear: previous.year, ratio: Math.round(actual / before), converted: round(actual / 10000) },
          location,
          actual,
          expected: before,
        });
        continue;
      }
      ctx.report({
        messageId: 'swing',
        data: { previous: before, actual, previousYear: previous.year, swing: SWING },
        location,
        actual,
        expected: before,
      });
    }
  },
});

export default rule;
