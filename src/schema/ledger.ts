import type { ValueKind } from './active.ts';
import { REQUEST_COLUMNS, REQUEST_ROWS, type RequestColumnKey, type RequestRowKey } from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL, type ReviewColumnKey, type ReviewGroupKey } from './review.ts';
import { TEMPLATE_DEFS, templateForYear, type TableTemplate } from './templates.ts';

/**
 * The year's ledger (台账): the registers a report's tables are computed from. The statutory
 * vocabulary (applicant columns and result rows of 三, groups and results of 四) is the schema's;
 * what is new here is the vocabulary of the 条例's procedure (arts 30–34) and of the fee 办法.
 */

export { LEDGER_REGISTERS, type LedgerRegister } from './ledger-registers.ts';

/** How an application reached the agency; art. 31 says which day is 收到申请之日 for each. */
export const RECEIPT_CHANNELS = [
  { key: 'inPerson', label: '当面提交', rule: '申请人当面提交的，以提交之日为收到申请之日（条例第三十一条第一项）' },
  { key: 'post', label: '邮寄', rule: '以邮寄方式提交的，以行政机关签收之日为收到申请之日；无需签收的平常信函，以双方确认之日为收到申请之日（条例第三十一条第二项）' },
  { key: 'online', label: '网络', rule: '通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）' },
  { key: 'fax', label: '传真', rule: '以传真方式提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）' },
] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number]['key'];

/** The applicant columns of 三 (every column but 总计). */
export const APPLICANT_COLUMNS = REQUEST_COLUMNS.filter((c) => c.key !== 'total');
export type ApplicantCategory = Exclude<RequestColumnKey, 'total'>;

/** Every leaf result row of 三 in either template (a decided application has exactly one). */
export const RESULT_ROW_KEYS = REQUEST_ROWS.filter((r) => r.result).map((r) => r.key) as RequestRowKey[];

export const FEE_METHODS = [
  { key: 'perApplication', label: '按件计收', rule: '按件计收：同一申请人一个自然月内申请的件数累计计算（国办函〔2020〕109号第四条）' },
  { key: 'perVolume', label: '按量计收', rule: '按量计收：按一件申请所需提供的页数计算（国办函〔2020〕109号第五条）' },
] as const;
export type FeeMethod = (typeof FEE_METHODS)[number]['key'];

export const CONSULTATION_KINDS = [
  { key: 'thirdParty', label: '征求第三方意见', rule: '条例第三十二条' },
  { key: 'otherOrgan', label: '征求其他机关意见', rule: '条例第三十四条' },
] as const;

/** Table 四: the groups are the case kinds; a case's result is one of the columns but 总计 (尚未审结 = no result yet). */
export const CASE_KINDS = REVIEW_GROUPS.map((g) => g.key) as ReviewGroupKey[];
export const CASE_RESULTS = REVIEW_COLUMNS.filter((c) => c.key !== 'total' && c.key !== 'pending').map((c) => c.key) as Exclude<ReviewColumnKey, 'total' | 'pending'>[];

/** Rows of 二（一） kept as a register of documents: 规章 and 规范性文件. */
export const DOCUMENT_KINDS = ['rules', 'normativeDocs'] as const;
/** The item of 二 computed from the register of documents (its rows are DOCUMENT_KINDS). */
export const DOCUMENT_ITEM = 'art20_1';

/** The template of 二 a ledger year is kept in; ledgers start with the 2019 format. */
export function ledgerTemplateOf(year: number): TableTemplate {
  const t = templateForYear(year);
  return t === 'legacy' ? '2019' : t;
}

type Choice = { key: string; label: string };

/** The case kinds (groups of 四) as the table names them: the two litigation groups under 行政诉讼. */
export const CASE_KIND_CHOICES: readonly Choice[] = REVIEW_GROUPS.map((g) => ({ key: g.key, label: g.key === 'review' ? g.label : `${REVIEW_LITIGATION_LABEL} ${g.label}` }));
/** A case's result: a result column of 四; undecided (null) is counted in the pending column, whose label this is. */
export const CASE_RESULT_CHOICES: readonly Choice[] = REVIEW_COLUMNS.filter((c) => (CASE_RESULTS as string[]).includes(c.key)).map((c) => ({ key: c.key, label: c.label }));
export const CASE_PENDING_LABEL = REVIEW_COLUMNS.find((c) => c.key === 'pending')!.label;

/** The document kinds as the year's template labels the rows of 二（一）. */
export function documentKindChoices(year: number): Choice[] {
  return TEMPLATE_DEFS[ledgerTemplateOf(year)].active.find((i) => i.key === DOCUMENT_ITEM)!.rows.map((r) => ({ key: r.key, label: r.label }));
}

export interface FigureItemChoice extends Choice {
  rows: Choice[];
  columns: (Choice & { kind: ValueKind })[];
}

/**
 * The cells of 二 a figure of the year may hold, by item with the template's labels: every item of
 * the year's template but 二（一）, which is computed from the register of documents.
 */
export function figureOptions(year: number): { template: TableTemplate; items: FigureItemChoice[] } {
  const template = ledgerTemplateOf(year);
  const items = TEMPLATE_DEFS[template].active.filter((i) => i.key !== DOCUMENT_ITEM).map((i) => ({
    key: i.key, label: i.label,
    rows: i.rows.map((r) => ({ key: r.key, label: r.label })),
    columns: i.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
  }));
  return { template, items };
}

export type { ActiveFigure, Applicant, Application, Ledger, LedgerDocument, ReviewCase } from './ledger-records.ts';

/** Where a ledger cell's value came from (provenance.note of the computed report's cells). */
export const LEDGER_PROVENANCE_NOTE = '由台账计算';
/** The `producedBy.extractor` of a report computed from a ledger. */
export const LEDGER_PRODUCER = 'ogi-ledger';

/**
 * The row of a template's table 三 that a recorded result is counted in: the result itself, or across
 * the 2021 change of （六）, 其他处理 (2019) ↔ its 2021 row 3.其他 and the two new 2021 rows → 其他处理.
 */
export function resultRowIn(template: '2019' | '2021', result: RequestRowKey): RequestRowKey {
  const inTemplate = REQUEST_ROWS.find((r) => r.key === result)!.templates as readonly string[];
  if (inTemplate.includes(template)) return result;
  return template === '2019' ? 'other' : 'other.other';
}

/** The statutory sentences of a drafted narrative (sections 三 and 四), filled with the ledger's counts. */
export const LEDGER_NARRATIVE = {
  requests: '{year}年，本机关新收政府信息公开申请{newReceived}件，上年结转政府信息公开申请{carriedOver}件；本年度办结{resultTotal}件，其中予以公开{granted}件，部分公开{partlyGranted}件，不予公开{denied}件，无法提供{unavailable}件，不予处理{notProcessed}件，其他处理{other}件；结转下年度继续办理{carriedForward}件。',
  noRequests: '{year}年，本机关未收到政府信息公开申请，也没有上年结转的申请。',
  review: '{year}年，本机关发生政府信息公开行政复议案件{review}件、行政诉讼案件{litigation}件。',
  fees: '{year}年，本机关发出信息处理费收费通知{notices}件，实际收取信息处理费{collected}元。',
  noFees: '{year}年，本机关未收取信息处理费。',
} as const;
