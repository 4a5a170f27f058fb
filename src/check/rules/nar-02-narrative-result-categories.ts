import { requestsPath } from '../../schema/cells.ts';
import { sumOrNull } from '../../schema/identities.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { CATEGORY_NAME, categoryRows, placeName, spanOf, statements, type ResultCategory } from '../../extract/narrative/index.ts';
import type { RuleContext } from '../types.ts';

/** The 总计 column of some rows of table 三 summed, or null when a cell is blank or missing. */
const total = (ctx: RuleContext, ...rows: string[]): number | null => sumOrNull(ctx.cell, rows.map((r) => requestsPath(r, 'total')));

/** The table 三 subtotal of some categories. */
const subtotal = (ctx: RuleContext, template: TableTemplate, categories: readonly ResultCategory[]) =>
  total(ctx, ...categories.flatMap((c) => categoryRows(template, c)));

/** Decimals printed in a percentage ("66.7%" → 1). */
const decimals = (text: string) => /(\d+)(?:\.(\d+))?\s*[%％]/.exec(text)?.[2]?.length ?? 0;
const round1 = (x: number) => Math.round(x * 10) / 10;

const rule = defineRule({
  meta: {
    id: 'NAR-02',
    name: 'narrative-result-categories',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号（四）明确责任：“发布内容不准确”；表三办理结果分类（条例第三十六条）',
    description: '正文所述各类办理结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理）的件数和占比与表三小计一致',
    docs:
      '从正文读取以办理结果类别开头的件数（“予以公开8件”“不予公开1件”，及“予以公开及部分公开258件”这类合并说法）和占比（“予以公开8件，占66.7%”“部分公开占比16.7%”），' +
      '与表三各类的小计比较：不予公开、无法提供、不予处理、其他处理的小计是其下各行之和（行由法定格式的分组给出，2021格式的其他处理含三行）。' +
      '带理由限定的件数（“因本机关不掌握相关政府信息无法提供5件”）是某一行而非小计，不比较；约数不比较。' +
      '占比的分母在正文中常不明确，依次试算（七）总计、本年新收、本年新收加上年结转，任一分母下相符即视为一致；' +
      '容差为 0.1 个百分点，正文只印到整数或一位小数以外的精度时放宽到印出精度的半个单位（印“67%”时容差 0.5）。' +
      '上海市2019年报告称“予以公开及部分公开258件”“无法提供265件”，而表三小计为275件和337件（265件只是“本机关不掌握”一行），正是本规则要发现的情形。',
    messages: {
      count: '{place}称“{category}”{narrative}件，表三对应的小计为{table}件，二者不一致',
      share: '{place}称“{category}”占{narrative}%，按表三计算为{count}件占{baseName}{base}件的{computed}%，与正文不一致',
    },
  },
  check(ctx) {
    const template = ctx.doc.template as TableTemplate;
    for (const st of statements(ctx.doc, 'result', 'resultShare')) {
      if (!st.exact || !st.categories?.length) continue;
      const category = st.categories.map((c) => CATEGORY_NAME[c]).join('及');
      const count = subtotal(ctx, template, st.categories);
      if (count === null) continue;
      if (st.kind === 'result') {
        if (count === st.value) continue;
        ctx.report({
          messageId: 'count',
          data: { place: placeName(st.section), category, narrative: st.value, table: count },
          location: { section: st.section },
          span: spanOf(st, ctx.doc),
          actual: st.value,
          expected: count,
        });
        continue;
      }
      const bases = [
        { value: total(ctx, 'resultTotal'), name: '（七）总计' },
        { value: total(ctx, 'newReceived'), name: '本年新收' },
        { value: total(ctx, 'newReceived', 'carriedOver'), name: '本年新收与上年结转之和' },
      ].filter((b): b is { value: number; name: string } => b.value !== null && b.value > 0);
      if (!bases.length) continue;
      const tolerance = Math.max(0.1, 0.5 * 10 ** -decimals(st.text)) + 1e-9;
      if (bases.some((b) => Math.abs((100 * count) / b.value - st.value) <= tolerance)) continue;
      const base = bases[0]!;
      const computed = round1((100 * count) / base.value);
      ctx.report({
        messageId: 'share',
        data: { place: placeName(st.section), category, narrative: st.value, count, baseName: base.name, base: base.value, computed },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: st.value,
        expected: computed,
      });
    }
  },
});

export default rule;
