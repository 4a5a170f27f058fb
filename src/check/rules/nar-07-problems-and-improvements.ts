import { defineRule } from '../define-rule.ts';

const PLACEHOLDER = /^(?:无|暂无|没有|无问题|不存在问题|无相关情况|无此情况)[。.]?$/;
const NEGATED = /(?:未发现|没有发现|无|不存在|没有)(?:明显|突出|重大)?(?:的)?问题/g;
const PROBLEM = /问题|不足|差距|薄弱|欠缺|有待|不够|不到位|不完善|不及时|不规范|不平衡|滞后|短板|单一|较少|偏少|不高|不强|不深|不全面|困难/;
const IMPROVEMENT = /改进|整改|下一步|今后|将进一步|措施|加强|完善|提升|提高|强化|推进|优化|持续|继续|计划|着力|加大|拓展|丰富|健全/;

const rule = defineRule({
  meta: {
    id: 'NAR-07',
    name: 'problems-and-improvements',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第五十条第（四）项：存在的主要问题及改进情况；中国社会科学院法学研究所等评估机构批评只写成绩、不写问题的报告',
    description: '第五部分“存在的主要问题及改进情况”不为空或“无”，至少写出一个问题和一项改进措施',
    docs:
      '条例第五十条要求年度报告写明“存在的主要问题及改进情况”。第五部分为空、只写“无”“暂无”，或只写成绩而没有问题、只写问题而没有改进措施，' +
      '都不符合要求（“内容不全面”“敷衍塞责”）。问题的用语看“问题”“不足”“差距”“有待”“不够”“不到位”等（“未发现问题”“不存在问题”不算），' +
      '改进的用语看“改进”“整改”“下一步”“加强”“完善”“提升”“推进”等，用语取得宽，宁可漏报。第五部分不存在时由 TPL-03 报告，这里不重复。',
    messages: {
      empty: '第五部分“存在的主要问题及改进情况”{content}，应写明存在的主要问题和改进措施',
      missing: '第五部分“存在的主要问题及改进情况”未写出{what}',
    },
  },
  check(ctx) {
    const text = ctx.doc.sections.problems;
    if (text === null) return;
    const compact = text.replace(/\s+/g, '');
    if (compact === '' || PLACEHOLDER.test(compact)) {
      ctx.report({ messageId: 'empty', data: { content: compact === '' ? '为空' : `只写了“${compact}”` }, location: { section: 'problems' }, span: null, actual: compact });
      return;
    }
    const missing: string[] = [];
    if (!PROBLEM.test(compact.replace(NEGATED, ''))) missing.push('存在的问题');
    if (!IMPROVEMENT.test(compact)) missing.push('改进措施');
    if (missing.length) ctx.report({ messageId: 'missing', data: { what: missing.join('和') }, location: { section: 'problems' }, span: null });
  },
});

export default rule;
