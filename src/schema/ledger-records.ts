import { z } from 'zod';
import { isoDayNumber } from './calendar/iso-date.ts';
import {
  APPLICANT_COLUMNS, CASE_KINDS, CASE_RESULTS, CONSULTATION_KINDS, DOCUMENT_KINDS, FEE_METHODS, RECEIPT_CHANNELS, RESULT_ROW_KEYS, type ApplicantCategory, type FeeMethod, type ReceiptChannel,
} from './ledger.ts';
import type { RequestRowKey } from './requests.ts';
import type { ReviewGroupKey } from './review.ts';

/**
 * The records of a ledger's registers, validated with zod wherever they come in (the API, the
 * workbook): apart from the vocabulary (ledger.ts), which the rules read without loading these.
 */

const isoDate = z.string().refine((s) => isoDayNumber(s) !== null, { message: '应为“年-月-日”格式的有效日期，如 2024-09-27' });
const optionalDate = isoDate.nullable().optional();
const text = (max: number) => z.string().trim().max(max);

export const ApplicantSchema = z.object({
  category: z.enum(APPLICANT_COLUMNS.map((c) => c.key) as [ApplicantCategory, ...ApplicantCategory[]]),
  /** Personal data: shown to the agency's own users and admins only. */
  name: text(200).nullable().optional(),
  contact: text(200).nullable().optional(),
  idNumber: text(64).nullable().optional(),
});

export const ApplicationSchema = z.object({
  /** The agency's own number of the application (登记号), unique in its ledger. */
  number: text(64).min(1),
  channel: z.enum(RECEIPT_CHANNELS.map((c) => c.key) as [ReceiptChannel, ...ReceiptChannel[]]),
  /** The day the applicant handed in, posted or sent the application. */
  submittedOn: optionalDate,
  /** 收到申请之日 as art. 31 sets it for the channel. */
  receivedOn: isoDate,
  applicant: ApplicantSchema,
  /** What was asked (personal data). */
  request: text(4000).nullable().optional(),
  correction: z.object({
    sentOn: isoDate,
    /** The deadline the notice set for the supplement. */
    dueOn: optionalDate,
    receivedOn: optionalDate,
    /** A justified late supplement (art. 30: 无正当理由逾期不补正). */
    justified: z.boolean().optional(),
  }).nullable().optional(),
  consultations: z.array(z.object({
    kind: z.enum(CONSULTATION_KINDS.map((c) => c.key) as ['thirdParty', 'otherOrgan']),
    sentOn: isoDate,
    /** Working days not counted in the reply period (arts 32, 34: at most 15). */
    days: z.number().int().min(0).max(15),
  })).optional(),
  extension: z.object({ approvedBy: text(100).nullable().optional(), approvedOn: optionalDate }).nullable().optional(),
  /** Exactly one leaf row of 三, or null while pending. */
  result: z.enum(RESULT_ROW_KEYS as [RequestRowKey, ...RequestRowKey[]]).nullable().optional(),
  /** The results of the parts of a split answer (区分处理); the application's result is 部分公开 then. */
  parts: z.array(z.enum(RESULT_ROW_KEYS as [RequestRowKey, ...RequestRowKey[]])).optional(),
  decidedOn: optionalDate,
  fee: z.object({
    method: z.enum(FEE_METHODS.map((m) => m.key) as [FeeMethod, ...FeeMethod[]]),
    /** 按量: pages of the answer. */
    pages: z.number().int().min(0).nullable().optional(),
    /** 元. */
    amount: z.number().min(0),
    noticeOn: isoDate,
    paidOn: optionalDate,
  }).nullable().optional(),
});

export const ReviewCaseSchema = z.object({
  number: text(64).min(1),
  kind: z.enum(CASE_KINDS as [ReviewGroupKey, ...ReviewGroupKey[]]),
  filedOn: isoDate,
  result: z.enum(CASE_RESULTS as ['upheld', 'corrected', 'other']).nullable().optional(),
  decidedOn: optionalDate,
});

export const DocumentSchema = z.object({
  number: text(64).min(1),
  kind: z.enum(DOCUMENT_KINDS),
  title: text(500).nullable().optional(),
  issuedOn: isoDate,
  publishedOn: optionalDate,
  repealedOn: optionalDate,
});

/** A figure of table 二 entered as such (decisions, fee amounts, procurement): item, row, column of the year's template. */
export const ActiveFigureSchema = z.object({
  year: z.number().int().min(2019).max(2100),
  item: text(40),
  row: text(40),
  column: text(40),
  value: z.number().min(-1e12).max(1e12),
});

export const LedgerSchema = z.object({
  applications: z.array(ApplicationSchema).default(() => []),
  cases: z.array(ReviewCaseSchema).default(() => []),
  documents: z.array(DocumentSchema).default(() => []),
  figures: z.array(ActiveFigureSchema).default(() => []),
});

export type Applicant = z.output<typeof ApplicantSchema>;
export type Application = z.output<typeof ApplicationSchema>;
export type ReviewCase = z.output<typeof ReviewCaseSchema>;
export type LedgerDocument = z.output<typeof DocumentSchema>;
export type ActiveFigure = z.output<typeof ActiveFigureSchema>;
export type Ledger = z.output<typeof LedgerSchema>;
