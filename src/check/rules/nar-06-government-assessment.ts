import { SECTION_KEYS } from '../../schema/sections.ts';
import { defineRule } from '../define-rule.ts';

const ITEMS: { name: string; words: RegExp }[] = [
  { name: '工作考核', words: /考核|考评|绩效/ },
  { name: '社会评议', words: /评议|满意度|第三方评估|群众评价|社会评价/ },
  { name: '责任追究', words: /责任追究|追究责任|追责|问责|追究/ },
];

const rule = defineRule({
  meta: {
    id: 'NAR-06',
    name: 'government-assessment',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '条例第五十条第（四）项：各级人民政府的年度报告还应包括工作考核、社会评议和责任追究结果情况；国办公开办函〔2021〕30号 一、（一）',
    description: '人民政府的报告写明政府信息公开工作考核、社会评议和责任追究结果情况',
    docs:
      '条例第五十条要求各级人民政府的年度报告包括“工作考核、社会评议和责任追究结果情况”，2021格式把它放在“总体情况”的监督保障中。' +
      '本规则只对人民政府的报告适用：机关类型为“government”（县级以上人民政府），以及名称以“乡/镇人民政府”“乡/镇政府”结尾的乡镇政府' +
      '（机关类型“township”也包括街道办事处，它们是派出机关，不是“人民政府”，不适用）。在全文（前言和六个部分）中分别查找考核、评议、责任追究的用语，' +
      '缺少的在一条警告中列出。未发生责任追究时写明“未发生责任追究情况”即可，本规则只要求写到。',
    messages: {
      missing: '本报告为人民政府的年度报告，未写明{items}结果情况（条例第五十条第（四）项）',
    },
  },
  check(ctx) {
    const { issuerType, agency } = ctx.doc;
    const township = issuerType === 'township' && /(乡|镇|苏木)(人民)?政府$/.test((agency ?? '').replace(/\s+/g, ''));
    if (issuerType !== 'government' && !township) return;
    const text = [ctx.doc.preamble ?? '', ...SECTION_KEYS.map((k) => ctx.doc.sections[k] ?? '')].join('\n').replace(/\s+/g, '');
    const missing = ITEMS.filter((i) => !i.words.test(text)).map((i) => i.name);
    if (!missing.length) return;
    ctx.report({ messageId: 'missing', data: { items: missing.join('、') }, location: { section: 'overview' }, span: null });
  },
});

export default rule;
