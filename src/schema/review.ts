import type { LabelDef } from './labels.ts';

/** Table 四 (行政复议、行政诉讼): statute-and-rules.md §6, identical in both formats. */

export const REVIEW_GROUPS = [
  { key: 'review', label: '行政复议', equals: ['行政复议'], prefixes: ['行政复议'] },
  { key: 'litigationDirect', label: '未经复议直接起诉', contains: ['直接起诉'] },
  { key: 'litigationAfterReview', label: '复议后起诉', contains: ['复议后起诉'] },
] as const satisfies readonly LabelDef[];

export const REVIEW_LITIGATION_LABEL = '行政诉讼';

export const REVIEW_COLUMNS = [
  { key: 'upheld', label: '结果维持', contains: ['维持'] },
  { key: 'corrected', label: '结果纠正', contains: ['纠正'] },
  { key: 'other', label: '其他结果', contains: ['其他结果'] },
  { key: 'pending', label: '尚未审结', contains: ['未审结'] },
  { key: 'total', label: '总计', equals: ['总计', '合计'] },
] as const satisfies readonly LabelDef[];

export type ReviewGroupKey = (typeof REVIEW_GROUPS)[number]['key'];
export type ReviewColumnKey = (typeof REVIEW_COLUMNS)[number]['key'];
export const REVIEW_GROUP_KEYS = REVIEW_GROUPS.map((g) => g.key) as ReviewGroupKey[];
export const REVIEW_COLUMN_KEYS = REVIEW_COLUMNS.map((c) => c.key) as ReviewColumnKey[];
