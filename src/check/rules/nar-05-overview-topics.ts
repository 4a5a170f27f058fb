import { defineRule } from '../define-rule.ts';

/** The five topics of 一、总体情况 (2021 format （一）), each with the words that show it is covered. */
const TOPICS: { name: string; words: RegExp }[] = [
  { name: '主动公开', words: /主动公开|公开信息|发布信息|信息发布/ },
  { name: '依申请公开', words: /依申请|公开申请|信息公开申请|申请公开/ },
  { name: '政府信息管理', words: /信息管理|保密审查|公开审查|信息审查|发布审核|审核|公开属性|源头认定|目录|清理|台账|动态更新|公文/ },
  { name: '政府信息公开平台建设', words: /平台|网站|专栏|新媒体|公众号|微信|微博|客户端|公开栏|查阅点|政务服务网/ },
  { name: '监督保障', words: /监督|保障|考核|评议|追究|问责|督查|培训|领导小组|责任|专人|工作机构/ },
];

const rule = defineRule({
  meta: {
    id: 'NAR-05',
    name: 'overview-topics',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号 一、（一）总体情况：“主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障”',
    description: '第一部分“总体情况”综述主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面',
    docs:
      '2021格式要求“总体情况”对贯彻落实条例的情况进行综述，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面。' +
      '本规则在第一部分正文中查找各方面的常见用语（如主动公开看“主动公开”“公开信息”“发布信息”，政府信息管理看“信息管理”“保密审查”“审核”“目录”等，平台建设看“平台”“网站”“公众号”等，' +
      '监督保障看“监督”“考核”“培训”“责任”等），一个方面的用语都没有出现才认为未涉及，并在一条提示中列出全部未涉及的方面。用语取得宽，宁可漏报。' +
      '国办公开办函〔2019〕60号对“总体情况”写法的要求尚未核实原文，上海市2019年报告采用同样五个方面，' +
      '因此对2019格式同样检查，但只作提示（info），对2021格式为警告。第一部分不存在时由 TPL-03 报告，这里不重复。',
    messages: {
      missing: '第一部分“总体情况”未涉及：{topics}（应综述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）',
    },
  },
  check(ctx) {
    const text = ctx.doc.sections.overview;
    if (text === null) return;
    const compact = text.replace(/\s+/g, '');
    const missing = TOPICS.filter((t) => !t.words.test(compact)).map((t) => t.name);
    if (!missing.length) return;
    ctx.report({
      messageId: 'missing',
      data: { topics: missing.join('、') },
      location: { section: 'overview' },
      span: null,
      severity: ctx.doc.template === '2019' ? 'info' : 'warning',
    });
  },
});

export default rule;
