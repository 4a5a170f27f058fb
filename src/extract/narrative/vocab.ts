import { ACTIVE_2021 } from '../../schema/active.ts';
import { labelKey } from '../../schema/normalize.ts';
import { REQUEST_GROUP_LABELS, REQUEST_ROWS, requestRows, type RequestRowDef, type RequestRowKey } from '../../schema/requests.ts';
import { REVIEW_GROUPS, REVIEW_LITIGATION_LABEL } from '../../schema/review.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import type { ResultCategory } from './types.ts';

/**
 * The words the narrative reader anchors on. Words that are also printed table labels come from
 * the statutory schema (the one place labels are written); the rest are narrative phrasing.
 */

/** Printed labels as narrative words: numbering and brackets dropped (（一）予以公开 → 予以公开). */
const row = (key: RequestRowKey): RequestRowDef => REQUEST_ROWS.find((r) => r.key === key)!;
const first = (words: readonly string[] | undefined) => words![0]!;
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regex alternation of words, escaped. */
export const alt = (words: readonly string[]) => words.map(escape).join('|');

const CATEGORY_WORDS: Record<ResultCategory, string[]> = {
  granted: [labelKey(row('granted').label), '同意公开'],
  partlyGranted: [labelKey(row('partlyGranted').short ?? row('partlyGranted').label)],
  denied: [labelKey(REQUEST_GROUP_LABELS.denied!)],
  unavailable: [labelKey(REQUEST_GROUP_LABELS.unavailable!)],
  notProcessed: [labelKey(REQUEST_GROUP_LABELS.notProcessed!)],
  other: [labelKey(REQUEST_GROUP_LABELS.other!)],
};
export const CATEGORIES = Object.keys(CATEGORY_WORDS) as ResultCategory[];

/** The category a printed word names, or undefined. */
export function categoryOf(word: string): ResultCategory | undefined {
  return CATEGORIES.find((c) => CATEGORY_WORDS[c].includes(word));
}
export const CATEGORY_ALT = alt(CATEGORIES.flatMap((c) => CATEGORY_WORDS[c]));

/** How the narrative names each category (its printed table wording). */
export const CATEGORY_NAME: Record<ResultCategory, string> = Object.fromEntries(
  CATEGORIES.map((c) => [c, CATEGORY_WORDS[c][0]!]),
) as Record<ResultCategory, string>;

/** The rows of table 三 whose sum is a category's subtotal, from the schema. */
export { categoryRows } from '../../schema/identities.ts';

export const NEW_RECEIVED = first(row('newReceived').contains);
export const REVIEW_WORD = REVIEW_GROUPS[0].label;
export const LITIGATION_WORD = REVIEW_LITIGATION_LABEL;
/** Sub-kinds of litigation (direct / after review): a count of one of them is not the total. */
export const LITIGATION_SUBKINDS = [...REVIEW_GROUPS[1].contains, ...REVIEW_GROUPS[2].contains] as string[];

const normativeDef = ACTIVE_2021[0]!.rows.find((r) => r.key === 'normativeDocs')!;
export const NORMATIVE_DOCS = first(normativeDef.contains);
export const RULES_WORD = ACTIVE_2021[0]!.rows.find((r) => r.key === 'rules')!.label;
export const IN_FORCE = first(ACTIVE_2021[0]!.columns.find((c) => c.key === 'inForce')!.contains);

const unpaidFee = REQUEST_ROWS.find((r) => r.key === 'other.unpaidFee')!;
/** 收费通知: the fee notice of the 信息处理费. */
export const FEE_NOTICE = first(unpaidFee.contains);
export const FEE_NAME = '信息处理费';

/** Phrases that make a clause about applications for disclosure. */
export const REQUEST_ANCHOR = new RegExp(`政府信息公开申请|信息公开申请|依申请公开|公开申请|申请公开|${alt([NEW_RECEIVED])}`);
/**
 * Other subjects a sentence may count with the same words (收到…N件, 答复…N件):
 * a clause naming one of them is not about applications, nor are the clauses after it.
 */
export const OTHER_SUBJECT = /许可|审批|处罚|强制|政务服务|政民互动|互动|留言|咨询|信箱|热线|12345|建议|提案|信访|来信|来电|来访|投诉|举报|诉求|办件|复议|诉讼|起诉|应诉|意见|问卷|舆情|访谈|发布会/;

/** Words that make a clause speak of the whole region or of every department, not of the organ. */
export const REGION = /全区|全市|全县|全省|全州|全旗|全盟|各部门|各单位/;
/** The region word only says whose plan the organ follows ("按照全市统一部署"). */
export const REGION_DIRECTIVE = /(?:按照|根据|依据|落实|围绕|对照|结合)[^，,；;]{0,12}?(?:全区|全市|全县|全省|全州|全旗|全盟)/;
/** A clause that names the organ itself again after a region-wide one ("其中本局收到5件"). */
export const OWN_SUBJECT = /^(?:其中)?(?:本机关|本单位|本部门|本局|本委|本办|本级|本院|本中心|我局|我委|我办|我单位|我部门|我机关|我院|我中心)/;
