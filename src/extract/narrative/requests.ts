import type { Clause, Sentence } from './text.ts';
import { COMPARISON, leadFrom, type Reading, type TokenView } from './reading.ts';
import type { ResultCategory } from './types.ts';
import { CATEGORY_ALT, categoryOf, OTHER_SUBJECT, REQUEST_ANCHOR } from './vocab.ts';

/** Applications for disclosure: received, carried over, concluded, carried forward, results. */

const UNITS = /^(件|个|份|宗|起|条|项)$/;
const VERB_RECEIVED = /收到|受理|接收|接到|新收|收悉/;
const VERB_CONCLUDED = /办结|办理完毕|处理完毕|答复/;
const CARRIED_OVER = /上一?年度?(?:结转|遗留)|结转(?:自)?上一?年|往年结转/;
const CARRIED_FORWARD = /(?:结转|转入|转至|转到)(?:至|到)?(?:下|下一|次)(?:个)?年度?/;
const FORWARD_AFTER = /^(?:申请)?(?:已|均|需|将|予以|依法|继续)?(?:(?:结转|转入|转至|转到)(?:至|到)?(?:下|下一|次)(?:个)?年度?|(?:结转|转入)(?:至|到)\d{4}年度?)/;
/** A count of part of the applications (by channel, applicant, timeliness) or of something derived. */
const PARTIAL = /各|其中|补正|材料|回执|告知书|答复书|通知书|自然人|法人|企业|组织|网上|线上|网络|网站|在线|邮寄|信函|当面|现场|传真|邮件|电话|按时|及时|超期|逾期|延期|当场|当日|人次|月份|季度|上半年|下半年|不予|重复/;
const JOINED = /^(?:并|和|及|、|且|并已|并全部|后|与)$/;
/** Between the verb and the number when the clause itself names no application: nothing but filler. */
const ONLY_FILLER = /^(?:了)?(?:的|各类)?(?:申请)?(?:共|共计|合计|总计|数量|为|：|:)*$/;

// "因本机关不掌握等原因无法提供265件": a reason followed by 等 still claims the whole category.
const CAT_PREFIX = String.raw`^[（(、]?(?:其中|包括|含|另有|另|共有|共|合计|此外|分别为|分别是|办理结果|结果)?(?:为|是)?(?:对|经审查)?(?:依法)?(?:因[^，,；;]{1,20}?等(?:原因|情形|理由|情况))?`;
const CAT_LIST = String.raw`(?:(?:${CATEGORY_ALT})(?:的|类)?(?:和|及|与|、|或|以及))*(?:${CATEGORY_ALT})`;
const CAT_FILL = String.raw`(?:的|类|答复|决定|申请|事项|共|计|为|有|：|:)*`;
const CATEGORY_COUNT = new RegExp(`${CAT_PREFIX}(?<list>${CAT_LIST})${CAT_FILL}$`);
const CATEGORY_SHARE = new RegExp(`${CAT_PREFIX}(?<list>${CAT_LIST})${CAT_FILL}(?:占比为|占比|占|比例为|比例|比重为|比重)?(?:为)?$`);
const SHARE_ONLY = /^[（(、]?(?:占比为|占比|占)(?:[^\d]{0,12}?的)?(?:比例|比重)?(?:为)?$/;
const CATEGORY_WORD = new RegExp(CATEGORY_ALT, 'g');
const CATEGORY_BEFORE = new RegExp(CATEGORY_ALT);

function categories(list: string): ResultCategory[] {
  const found = (list.match(CATEGORY_WORD) ?? []).map((w) => categoryOf(w)!);
  return [...new Set(found)];
}

function index(re: RegExp, text: string): number {
  const m = re.exec(text);
  return m ? m.index : -1;
}

/** Whether the clause makes (or keeps) the sentence about applications. */
export function requestContext(before: boolean, clauseLead: string): boolean {
  if (OTHER_SUBJECT.test(clauseLead)) return false;
  return before || REQUEST_ANCHOR.test(clauseLead);
}

/** A number read as one of the application counts of table 三, or null. */
export function readRequestCount(view: TokenView, context: boolean, inRequestsSection: boolean, sentenceBefore = false): Reading | null {
  const { token, lead, tail } = view;
  if (OTHER_SUBJECT.test(lead)) return null;
  const anchored = context || REQUEST_ANCHOR.test(lead);
  // Result categories are specific words: the sentence before (same paragraph) is context enough.
  if (token.kind === 'percent') return readShare(view, anchored || inRequestsSection || sentenceBefore);
  if (token.kind !== 'count' || !UNITS.test(token.unit)) return null;
  const base = { value: token.value, exact: token.exact };

  const over = CARRIED_OVER.exec(lead);
  const forward = CARRIED_FORWARD.exec(lead);
  const received = VERB_RECEIVED.exec(lead);
  const concluded = VERB_CONCLUDED.exec(lead);
  const kinds = [over, forward, received, concluded].filter(Boolean).length;

  if (over && kinds === 1 && !COMPARISON.test(lead) && (anchored || inRequestsSection)) {
    return { kind: 'carriedOver', ...base, from: leadFrom(view, over) };
  }
  if (forward && kinds === 1 && !COMPARISON.test(lead) && (anchored || inRequestsSection)) {
    return { kind: 'carriedForward', ...base, from: leadFrom(view, forward) };
  }
  if (kinds === 0 && FORWARD_AFTER.test(tail) && (anchored || inRequestsSection) && !COMPARISON.test(lead) && !PARTIAL.test(lead.replace(/^[，,；;、]?其余|^[，,；;、]?尚有|^[，,；;、]?剩余/, ''))) {
    const m = FORWARD_AFTER.exec(tail)!;
    return { kind: 'carriedForward', ...base, from: leadFrom(view), to: view.token.end + m[0].length };
  }
  if (!anchored) return readCategory(view, inRequestsSection || sentenceBefore);
  if (received && !over && !forward && !PARTIAL.test(lead) && !COMPARISON.test(lead)) {
    // "收到并办结12件" is a statement of what was received; "办结…收到…" is ambiguous.
    let after = lead.slice(received.index + received[0].length);
    if (concluded) {
      const between = lead.slice(received.index + received[0].length, concluded.index);
      if (concluded.index < received.index || !JOINED.test(between)) return null;
      after = lead.slice(concluded.index + concluded[0].length);
    }
    if (!REQUEST_ANCHOR.test(lead) && !ONLY_FILLER.test(after)) return null;
    const includesCarriedOver = /^[（(]?(?:含|包括|包含)上一?年/.test(tail);
    return { kind: 'received', ...base, from: leadFrom(view, received), ...(includesCarriedOver ? { includesCarriedOver } : {}) };
  }
  // "同意公开答复9件": the answer of one category, not every application concluded.
  if (concluded && CATEGORY_BEFORE.test(lead.slice(0, concluded.index))) return readCategory(view, true);
  if (concluded && kinds === 1 && !PARTIAL.test(lead) && !COMPARISON.test(lead) && index(/不予|未/, lead) < 0 && (REQUEST_ANCHOR.test(lead) || ONLY_FILLER.test(lead.slice(concluded.index + concluded[0].length)))) {
    return { kind: 'concluded', ...base, from: leadFrom(view, concluded) };
  }
  return readCategory(view, true);
}

function readCategory(view: TokenView, context: boolean): Reading | null {
  if (!context) return null;
  const m = CATEGORY_COUNT.exec(view.lead);
  if (!m) return null;
  return { kind: 'result', value: view.token.value, exact: view.token.exact, categories: categories(m.groups!.list!), from: leadFrom(view, m) + m[0].indexOf(m.groups!.list!) };
}

function readShare(view: TokenView, context: boolean): Reading | null {
  if (!context) return null;
  const m = CATEGORY_SHARE.exec(view.lead);
  if (m) {
    return { kind: 'resultShare', value: view.token.value, exact: view.token.exact, categories: categories(m.groups!.list!), from: leadFrom(view, m) + m[0].indexOf(m.groups!.list!) };
  }
  // "予以公开8件，占66.7%": the share of the count just stated.
  const prev = view.previous;
  if (SHARE_ONLY.test(view.lead) && prev?.kind === 'result' && prev.categories) {
    return { kind: 'resultShare', value: view.token.value, exact: view.token.exact, categories: prev.categories, from: leadFrom(view) };
  }
  return null;
}

const NONE = /(?:未|没有|无)(?:收到|接到|受理|接收|发生|产生|有)?(?<gap>[^\d]{0,12}?)(?:政府信息公开申请|信息公开申请|依申请公开|公开申请|申请公开)(?<tail>.*)$/;
const NONE_GAP = /复议|诉讼|费|补正|法人|企业|组织|自然人|网上|线上|邮寄|信函|当面|现场|延期|逾期|超期|月|季度|不予|无法|除|外|未|不|按|答复|办结|公开|予|经|能|需|^法|^关/;
const NONE_TAIL = /费|复议|诉讼|延期|逾期|超期|不予|无法|投诉|举报|答复|办理|处理|办结|补正|除|外/;

/** "未收到政府信息公开申请", "无依申请公开信息情况": none received (a clause without numbers). */
export function readNoRequests(sentence: Sentence, clause: Clause): Reading | null {
  if (clause.tokens.length) return null;
  const m = NONE.exec(clause.text);
  if (!m || NONE_GAP.test(m.groups!.gap!) || NONE_TAIL.test(m.groups!.tail!)) return null;
  // "除…外" anywhere in the sentence limits the statement.
  if (/除[^，。；]*外/.test(sentence.compact)) return null;
  return { kind: 'noRequests', value: 0, exact: true, from: clause.start + m.index, to: clause.start + m.index + m[0].length - m.groups!.tail!.length };
}
