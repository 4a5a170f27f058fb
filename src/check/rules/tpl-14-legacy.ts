import { templateForYear } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { FORMAT_NAMES } from '../formats.ts';

const rule = defineRule({
  meta: {
    id: 'TPL-14',
    name: 'legacy',
    severity: 'info',
    templates: ['legacy'],
    scope: 'report',
    basis: '2008—2018年度报告依2007年《政府信息公开条例》和此前的国办统计表编制，不适用国办公开办函〔2019〕60号、〔2021〕30号格式',
    description: '识别为2019年以前的旧格式：不适用本目录的格式与表格规则',
    docs:
      '2018年度及以前的报告按2007年条例的习惯结构编写（概述、主动公开、依申请公开、收费及减免、复议诉讼、问题等），没有现行格式的三张统计表。' +
      '这类报告只读取元数据和各部分文字，不读取表格，也不应用本目录的表格规则；本规则提示这一点，并列出识别到的旧格式特征。' +
      '若报告年度在2019年或以后，却没有找到现行格式的统计表而被按旧格式处理，说明报告未采用法定格式或表格无法识别，提高为警告。',
    messages: {
      legacy: '{year}，采用{legacy}{markers}；本目录的规则只适用于2019年版和2021年版格式，表格未读取、未核查',
      late: '报告年度为{year}年，应采用{expected}，但未找到该格式的统计表，本报告按{legacy}处理{markers}；表格未读取、未核查',
    },
  },
  check(ctx) {
    const { year, structure } = ctx.doc;
    const found = structure?.legacyMarkers ?? [];
    const markers = found.length ? `（识别到旧格式标题：${found.map((m) => `“${m}”`).join('、')}）` : '';
    const expected = year === null ? 'legacy' : templateForYear(year);
    if (year !== null && expected !== 'legacy') {
      ctx.report({
        messageId: 'late',
        severity: 'warning',
        data: { year, expected: FORMAT_NAMES[expected], legacy: FORMAT_NAMES.legacy, markers },
        location: { field: 'template' },
        span: ctx.span('meta.year') ?? null,
        actual: 'legacy',
        expected,
      });
      return;
    }
    ctx.report({
      messageId: 'legacy',
      data: { year: year === null ? '报告年度未识别' : `报告年度为${year}年`, legacy: FORMAT_NAMES.legacy, markers },
      location: { field: 'template' },
      span: ctx.span('meta.year') ?? null,
      actual: 'legacy',
    });
  },
});

export default rule;
