import type { Clause, Sentence } from './text.ts';
import { COMPARISON, leadFrom, type Reading, type TokenView } from './reading.ts';
import { alt, LITIGATION_SUBKINDS, LITIGATION_WORD, REVIEW_WORD } from './vocab.ts';

/** 行政复议 / 行政诉讼 counts and outcome words (table 四). */

const UNITS = /^(件|起|宗|个)$/;
const FILL = '(?:的)?(?:申请|案件)?(?:共|共计|合计|数量|为|有|：|:)*';
const REVIEW = new RegExp(`(?:${REVIEW_WORD}|复议)${FILL}$`);
const LITIGATION = new RegExp(`(?:${LITIGATION_WORD}|诉讼|起诉|应诉)${FILL}$`);
const PAIR = new RegExp(`${REVIEW_WORD}(?:和|、|及|与|或)(?:${LITIGATION_WORD}|诉讼)(?:案件)?(?:各为|均为|各|均|都为|都是)$`);
const SUBKIND = new RegExp(`${alt(LITIGATION_SUBKINDS)}|复议后|经复议`);
const SUBKIND_ALL = new RegExp(`${alt(LITIGATION_SUBKINDS)}|经复议`, 'g');
/** Whether the words name 行政复议 itself (not litigation after review). */
const namesReview = (words: string) => /复议/.test(words.replace(SUBKIND_ALL, ''));

/** The sentence is about disclosure (a 复议 in section 一 may be any of the organ's cases). */
export function disclosureContext(sentence: Sentence, inReviewSection: boolean): boolean {
  return inReviewSection || /信息公开|政府信息|依申请/.test(sentence.compact);
}

export function readReviewCount(view: TokenView, context: boolean): Reading[] | null {
  const { token, lead } = view;
  if (!context || token.kind !== 'count' || !UNITS.test(token.unit) || COMPARISON.test(lead) || /其中/.test(lead)) return null;
  const base = { value: token.value, exact: token.exact };
  const pair = PAIR.exec(lead);
  if (pair) {
    const from = leadFrom(view, pair);
    return [{ kind: 'review', ...base, from }, { kind: 'litigation', ...base, from }];
  }
  const r = REVIEW.exec(lead);
  if (r) return [{ kind: 'review', ...base, from: leadFrom(view, r) }];
  const l = LITIGATION.exec(lead);
  if (l && !SUBKIND.test(lead)) return [{ kind: 'litigation', ...base, from: leadFrom(view, l) }];
  return null;
}

const NONE = new RegExp(`(?:未发生|未有|没有|未出现|未产生|未收到|未接到|未被|不存在|无)(?<gap>[^\\d]{0,24}?)(?:${REVIEW_WORD}|${LITIGATION_WORD}|复议|诉讼|起诉)`);
const NONE_GAP = /^法|不|未|除|外|均|减少|下降|败诉|纠正|撤销/;
/** Outcome words: a negation of them ("未被纠错", "未发生…败诉情形") speaks of results, not of the absence of cases. */
const OUTCOME = /纠错|纠正|败诉|撤销|确认违法|责令|变更|维持|驳回|胜诉/;
const ZERO = new RegExp(`(?:${REVIEW_WORD}|${LITIGATION_WORD})[^\\d]{0,20}?(?:均为|均是|数量为|为|是)(?:0|零)$`);

/** "未发生…行政复议和行政诉讼", "行政复议、行政诉讼均为0": none (a clause without counts). */
export function readReviewNone(clause: Clause, context: boolean): Reading[] {
  if (!context || clause.tokens.length) return [];
  let from: number;
  let words: string;
  const m = NONE.exec(clause.text);
  if (m && !NONE_GAP.test(m.groups!.gap!) && !OUTCOME.test(clause.text.slice(m.index))) {
    from = m.index;
    words = clause.text.slice(m.index);
  } else {
    const z = ZERO.exec(clause.text);
    if (!z) return [];
    from = z.index;
    words = z[0];
  }
  const out: Reading[] = [];
  const start = clause.start + from;
  const end = clause.start + from + words.length;
  const review = namesReview(words);
  const litigation = /诉讼|起诉/.test(words);
  if (review) out.push({ kind: 'review', value: 0, exact: true, none: true, from: start, to: end });
  if (litigation) out.push({ kind: 'litigation', value: 0, exact: true, none: true, from: start, to: end });
  return out;
}

const UPHELD = /(?<!未|没有|不)(?:均|全部|都)(?:已|被|获|予以|依法|得到)*维持/;

/** "均获维持": every case of the kinds the sentence named before it was upheld. */
export function readUpheld(sentence: Sentence, clause: Clause, context: boolean): Reading | null {
  if (!context) return null;
  const m = UPHELD.exec(clause.text);
  if (!m) return null;
  const before = sentence.compact.slice(0, clause.start + m.index);
  const subjects: ('review' | 'litigation')[] = [];
  if (namesReview(before)) subjects.push('review');
  if (/诉讼|起诉/.test(before)) subjects.push('litigation');
  if (!subjects.length) return null;
  return { kind: 'allUpheld', value: 0, exact: true, subjects, from: clause.start + m.index, to: clause.start + m.index + m[0].length };
}
