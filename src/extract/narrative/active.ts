import { COMPARISON, leadFrom, type ReadState, type Reading, type TokenView } from './reading.ts';
import type { DocVerb } from './types.ts';
import { alt, IN_FORCE, NORMATIVE_DOCS, RULES_WORD } from './vocab.ts';

/** Section 二 in the narrative: 主动公开 totals with their "其中" parts, 规章 / 规范性文件 counts. */

const ACTIVE_UNITS = /^(条|件|篇|个|份|项)$/;
const TOTAL = /主动公开(?:的)?(?:各类|政府|政务)?(?:信息)?(?:共|共计|合计|总计|总数|数量)?(?:为|达|有)?$/;
/** A count by channel or a reader figure: not the organ's total. */
const CHANNEL = /通过|在|于|经|网站|网|公众号|微信|微博|平台|专栏|客户端|头条|抖音|媒体|报|电视|广播|其中|阅读|浏览|点击|访问|各部门/;
const PART = /公开|发布|推送|更新|刊发|刊登|转发|报送|信息|政策|文件|动态/;
const NOT_PART = /阅读|点击|浏览|访问|粉丝|关注|回复|答复|留言|互动|办件|申请|解读/;
/** A bare item of a list after 其中, without a verb: "其中网站13条、微信55条、政务服务141条". */
const LIST_ITEM = /^[，,；;、]?(?:其中)?[\u4e00-\u9fff“”"《》]{2,12}$/;

export function readActive(view: TokenView, state: ReadState): Reading | null {
  const { token, lead } = view;
  if (token.kind !== 'count' || !ACTIVE_UNITS.test(token.unit)) return null;
  const base = { value: token.value, exact: token.exact };
  const total = TOTAL.exec(lead);
  if (total && !CHANNEL.test(lead) && !COMPARISON.test(lead)) return { kind: 'activeTotal', ...base, from: leadFrom(view, total) };
  if (state.activeTotal !== null) {
    if (/其中/.test(lead)) state.inParts = true;
    const parent = state.out[state.activeTotal]!;
    if (state.inParts && token.unit === parent.unit && !NOT_PART.test(lead) && !COMPARISON.test(lead)) {
      if (PART.test(lead)) return { kind: 'activePart', ...base, parent: state.activeTotal, from: leadFrom(view) };
      if (LIST_ITEM.test(lead) && /其中|^、/.test(lead)) return { kind: 'activePart', ...base, parent: state.activeTotal, listed: true, from: leadFrom(view) };
    }
  }
  return null;
}

const DOC_UNITS = /^(件|个|部|份|篇|项)$/;
const NOUN = `(?:行政)?(?<noun>${alt([RULES_WORD, NORMATIVE_DOCS])})`;
const VERB = `(?<verb>制发|制定|出台|印发|制作|发布|公开|废止|${alt([IN_FORCE])})`;
const FILL = '(?:共|共计|合计|数量|为|计|：|:)*';
const NOUN_LAST = new RegExp(`${VERB}(?:了)?(?:的)?(?:本机关)?${NOUN}${FILL}$`);
const VERB_LAST = new RegExp(`${NOUN}(?:的)?${VERB}(?:了)?${FILL}$`);
const VERB_ONLY = new RegExp(`${VERB}(?:了)?$`);
const NOUN_AFTER = new RegExp(`^${NOUN}`);
const NOUN_ONLY = new RegExp(`^[、和及与]?${NOUN}${FILL}$`);
/** Counts of work on documents that is not 制发/公开 (清理, 备案审查, 解读…) or of other organs. */
const NOT_DOCS = /清理|审查|备案|解读|合法性|征求意见|草案|起草|评估|汇编|其中|涉及|相关|配套|修订|修改|宣传|培训|制度/;

function verbOf(word: string): DocVerb {
  if (word === '废止') return 'repeal';
  if (word === IN_FORCE) return 'inForce';
  if (word === '公开') return 'publish';
  if (word === '发布') return 'release';
  return 'issue';
}
const docOf = (noun: string) => (noun === RULES_WORD ? 'rules' : 'normativeDocs') as 'rules' | 'normativeDocs';

/** "制发规范性文件5件", "印发5件规范性文件", "制发规章2件、规范性文件5件". */
export function readDocs(view: TokenView): Reading | null {
  const { token, lead, tail } = view;
  if (token.kind !== 'count' || !DOC_UNITS.test(token.unit) || COMPARISON.test(lead)) return null;
  const base = { value: token.value, exact: token.exact };
  const m = NOUN_LAST.exec(lead) ?? VERB_LAST.exec(lead);
  if (NOT_DOCS.test(lead)) {
    // "清理并集中发布现行有效行政规范性文件393件": after a 清理 the stock in force is still stated.
    if (m && verbOf(m.groups!.verb!) === 'inForce' && !NOT_DOCS.test(lead.replace(/清理/g, ''))) {
      return { kind: 'docs', ...base, doc: docOf(m.groups!.noun!), verb: 'inForce', from: leadFrom(view, m) };
    }
    return null;
  }
  if (m) return { kind: 'docs', ...base, doc: docOf(m.groups!.noun!), verb: verbOf(m.groups!.verb!), from: leadFrom(view, m) };
  const v = VERB_ONLY.exec(lead);
  const n = NOUN_AFTER.exec(tail);
  if (v && n && !/^(?:行政)?规章制度/.test(tail)) {
    return { kind: 'docs', ...base, doc: docOf(n.groups!.noun!), verb: verbOf(v.groups!.verb!), from: leadFrom(view, v), to: token.end + n[0].length };
  }
  // "…规章2件、规范性文件5件": the verb of the previous count carries over.
  const only = NOUN_ONLY.exec(lead);
  const prev = view.previous;
  if (only && prev?.kind === 'docs' && prev.verb) {
    return { kind: 'docs', ...base, doc: docOf(only.groups!.noun!), verb: prev.verb, from: leadFrom(view) };
  }
  return null;
}
