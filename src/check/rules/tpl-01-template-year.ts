import { templateForYear } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';

const rule = defineRule({
  meta: {
    id: 'TPL-01',
    name: 'template-year',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号（2019、2020年度报告）与国办公开办函〔2021〕30号（2021年度起）分别规定的年度报告格式',
    description: '表格格式与报告年度相符：2019、2020年度用2019年版格式，2021年度起用2021年版格式',
    docs:
      '《政府信息公开条例》第五十条授权全国政府信息公开工作主管部门公布年度报告统一格式。国办公开办函〔2019〕60号的格式适用于2019、2020年度报告，' +
      '国办公开办函〔2021〕30号的格式自2021年度报告起适用（2025年度仍在使用）。本规则比较报告年度与表格实际采用的格式（由表格的特征标签判定），' +
      '不一致即为错误；2018年度及以前的报告应按旧格式处理（见 TPL-14），若其表格却是2019年版或2021年版，同样报告。报告年度未能识别时不作判断。',
    messages: {
      mismatch: '报告年度为{year}年，应采用{expected}；表格实际采用的是{actual}',
    },
  },
  check(ctx) {
    const { year, template } = ctx.doc;
    if (year === null) return;
    const expected = templateForYear(year);
    if (expected === template) return;
    ctx.report({
      messageId: 'mismatch',
      data: { year, expected: FORMAT_NAMES[expected], actual: FORMAT_NAMES[template] },
      location: { field: 'template' },
      span: ctx.span('meta.year') ?? null,
      actual: template,
      expected,
    });
  },
});

export default rule;
