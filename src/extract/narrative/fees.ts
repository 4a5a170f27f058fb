import type { Clause, Sentence } from './text.ts';
import { leadFrom, type Reading, type TokenView } from './reading.ts';
import { alt, FEE_NAME, FEE_NOTICE } from './vocab.ts';

/** The 信息处理费 (fee for processing information, 国办函〔2020〕109号), usually stated in section 六. */

const NOTICE = alt([FEE_NOTICE]);
const ISSUE = '(?:发出|发送|下发|出具|送达|开具|制发)';
const NOTICE_UNITS = /^(件|份|次|个|张)$/;
const NOTICES = new RegExp(`${ISSUE}(?:了)?(?:${FEE_NAME})?${NOTICE}(?:书|单)?(?:共|共计|合计|数量|为|：|:)*$`);
const ISSUE_ONLY = new RegExp(`${ISSUE}(?:了)?$`);
const NOTICE_AFTER = new RegExp(`^(?:${FEE_NAME})?${NOTICE}`);
const COLLECTED = /实际收取|实收|实际收到|已收取|收缴|已缴纳|缴纳|收取|收到|收入/;
const NOTICE_AMOUNT = new RegExp(`金额|应收|应缴|${NOTICE}`);

/** The sentence speaks of the 信息处理费 or its notices. */
export function feeContext(sentence: Sentence): boolean {
  return sentence.compact.includes(FEE_NAME) || sentence.compact.includes(FEE_NOTICE);
}

export function readFeeNumber(view: TokenView, context: boolean): Reading | null {
  const { token, lead, tail } = view;
  if (!context) return null;
  if (token.kind === 'count' && NOTICE_UNITS.test(token.unit)) {
    const m = NOTICES.exec(lead);
    if (m) return { kind: 'feeNotices', value: token.value, exact: token.exact, from: leadFrom(view, m) };
    const v = ISSUE_ONLY.exec(lead);
    const n = NOTICE_AFTER.exec(tail);
    if (v && n) return { kind: 'feeNotices', value: token.value, exact: token.exact, from: leadFrom(view, v), to: token.end + n[0].length };
    return null;
  }
  if (token.kind !== 'money') return null;
  // Negated, reduced, or the organ's ordinary 行政事业性收费: not a fee amount.
  if (/未|没有|无|不|减免|免收|行政事业性/.test(lead)) return null;
  const collected = COLLECTED.exec(lead);
  const amount = NOTICE_AMOUNT.exec(lead);
  if (collected && !(amount && amount.index > collected.index)) return { kind: 'feeCollected', value: token.value, exact: token.exact, from: leadFrom(view, collected) };
  if (amount) return { kind: 'feeNoticeAmount', value: token.value, exact: token.exact, from: leadFrom(view, amount) };
  return null;
}

/** The fee as printed: 信息处理费, or "信息公开处理费". */
const FEE = `(?:${FEE_NAME}|信息公开处理费)`;
const NONE = new RegExp(`(?:未曾|未|没有|没|无|不)(?:有)?(?:需)?(?:收取|收|产生|发生|涉及|存在)?(?<gap>[^\\d]{0,14}?)${FEE}`);
const NONE_GAP = /依据|根据|按照|《|办法|不|未|减免|标准|规定|法|缴|交|付|逾期/;
const NONE_AFTER = new RegExp(`${FEE_NAME}(?:的)?(?:收取|收费)?(?:情况)?(?:为|：|:)*(?:无|零|为零)(?=[，,；;。]|$)`);
const NO_NOTICE = new RegExp(`(?:未|没有|无)(?:发出|发送|下发|出具|开具)(?:过)?(?:${FEE_NAME})?${NOTICE}`);

/** "未收取信息处理费", "无收取依申请公开信息处理费情况", "信息处理费：无"; "未发出收费通知". */
export function readFeeNone(clause: Clause): Reading[] {
  if (clause.tokens.some((t) => t.kind === 'money')) return [];
  const out: Reading[] = [];
  const m = NONE.exec(clause.text);
  if (m && !NONE_GAP.test(m.groups!.gap!) && !/管理办法|办法》/.test(clause.text.slice(m.index + m[0].length, m.index + m[0].length + 6))) {
    out.push({ kind: 'feeNone', value: 0, exact: true, from: clause.start + m.index, to: clause.start + m.index + m[0].length });
  }
  const n = NO_NOTICE.exec(clause.text);
  if (n) out.push({ kind: 'feeNotices', value: 0, exact: true, from: clause.start + n.index, to: clause.start + n.index + n[0].length });
  return out;
}

/** "信息处理费收取情况：无" spans a colon: read on the whole sentence. */
export function readFeeNoneAfter(sentence: Sentence): Reading | null {
  const m = NONE_AFTER.exec(sentence.compact);
  if (!m) return null;
  return { kind: 'feeNone', value: 0, exact: true, from: m.index, to: m.index + m[0].length };
}

/** Whether a text speaks of the fee at all (NAR-08 accepts any mention, even one it cannot read). */
export function mentionsFee(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return (
    t.includes(FEE_NAME) ||
    t.includes(FEE_NOTICE) ||
    /(?:信息公开|依申请公开|申请)[^，。；]{0,6}收费|收费[^，。；]{0,4}(?:情况|事项)|信息公开处理费|(?:未|不|没有|无)(?:收取|收)(?:任何)?(?:费用|费)/.test(t)
  );
}
