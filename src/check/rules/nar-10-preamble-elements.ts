import { fold } from '../../schema/normalize.ts';
import { SECTIONS } from '../../schema/sections.ts';
import { defineRule } from '../define-rule.ts';

const PARTS = /(?:分为|包括|包含|共有|由)[^。；]{0,12}?(?:[六6]|几)个?部分|[六6]个?部分/;
const PERIOD = /统计(?:期限|时限|时间|期间|区间|周期|范围|口径)|\d{4}年1月1日(?:起)?(?:至|到|—|–|-|~)(?:\d{4}年)?12月31日/;
const DOWNLOAD = /下载|电子版|(?:可在|可于|可登录|可通过|可访问|登录|访问|请到|可到)[^。；]{0,40}?(?:查阅|查看|获取|浏览)/;

const rule = defineRule({
  meta: {
    id: 'NAR-10',
    name: 'preamble-elements',
    severity: 'info',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '实践惯例：上海市、株洲市天元区、开远市等年度报告的前言；无明文要求',
    description: '前言说明报告的组成部分、数据统计期限和报告的获取（下载）途径',
    docs:
      '多数年度报告在第一部分之前有一段前言，说明编制依据、报告由哪几部分组成、“本年度报告中所列数据统计期限自某年1月1日起至12月31日止”，' +
      '以及可在哪个网站查阅或下载本报告。这是惯例而非法定要求，因此只作提示。组成部分看“分为…六部分”“包括…部分”或列出了至少三个部分标题；' +
      '统计期限看“统计期限（时限、时间）”或“某年1月1日至12月31日”；获取途径看“下载”“电子版”或“可在…查阅（查看、获取、浏览）”。' +
      '没有前言时报告一次，有前言时把缺少的项目列在一条提示里。',
    messages: {
      none: '报告没有前言，未说明报告的组成部分、数据统计期限和获取途径',
      missing: '前言未说明{items}',
    },
  },
  check(ctx) {
    const text = fold(ctx.doc.preamble ?? '').replace(/\s+/g, '');
    if (text === '') {
      ctx.report({ messageId: 'none', location: { section: 'preamble' }, span: null });
      return;
    }
    const headings = SECTIONS.filter((s) => text.includes(s.heading)).length;
    const missing: string[] = [];
    if (!PARTS.test(text) && headings < 3) missing.push('报告的组成部分');
    if (!PERIOD.test(text)) missing.push('数据统计期限');
    if (!DOWNLOAD.test(text)) missing.push('报告的获取（下载）途径');
    if (missing.length) ctx.report({ messageId: 'missing', data: { items: missing.join('、') }, location: { section: 'preamble' }, span: null });
  },
});

export default rule;
