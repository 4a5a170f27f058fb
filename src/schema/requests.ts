import type { LabelDef } from './labels.ts';

/** Table 三 (收到和处理政府信息公开申请情况): statute-and-rules.md §5. */

export const REQUEST_COLUMNS = [
  { key: 'naturalPerson', label: '自然人', equals: ['自然人'] },
  { key: 'business', label: '商业企业', equals: ['商业企业'] },
  { key: 'research', label: '科研机构', equals: ['科研机构'] },
  { key: 'publicInterest', label: '社会公益组织', equals: ['社会公益组织'] },
  { key: 'legal', label: '法律服务机构', equals: ['法律服务机构'] },
  { key: 'other', label: '其他', equals: ['其他'] },
  { key: 'total', label: '总计', equals: ['总计'] },
] as const satisfies readonly LabelDef[];

export type RequestColumnKey = (typeof REQUEST_COLUMNS)[number]['key'];
export const REQUEST_COLUMN_KEYS = REQUEST_COLUMNS.map((c) => c.key) as RequestColumnKey[];
/** Printed group header over the five columns of organisations. */
export const REQUEST_ORG_GROUP_LABEL = '法人或其他组织';
export const REQUEST_ORG_COLUMN_KEYS: readonly RequestColumnKey[] = ['business', 'research', 'publicInterest', 'legal', 'other'];
export const REQUEST_APPLICANT_LABEL = '申请人情况';
export const REQUEST_BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** The header note that opens table 三 in both formats. */
export const REQUEST_BALANCE_NOTE_DEF: LabelDef = { key: 'balanceNote', label: REQUEST_BALANCE_NOTE, contains: ['勾稽关系'] };

export type RequestGroup = 'received' | 'granted' | 'denied' | 'unavailable' | 'notProcessed' | 'other' | 'total' | 'forward';

export interface RequestRowDef extends LabelDef {
  /** Shorter label for narrow displays, when the printed one carries a note. */
  readonly short?: string;
  readonly templates: readonly ('2019' | '2021')[];
  /** Rows whose sum makes （七）总计 (SUM-02). */
  readonly result: boolean;
  readonly group: RequestGroup;
}

const BOTH = ['2019', '2021'] as const;

export const REQUEST_GROUP_LABELS: Record<RequestGroup, string | null> = {
  received: null,
  granted: null,
  denied: '（三）不予公开',
  unavailable: '（四）无法提供',
  notProcessed: '（五）不予处理',
  other: '（六）其他处理',
  total: null,
  forward: null,
};
export const REQUEST_RESULTS_LABEL = '三、本年度办理结果';

export const REQUEST_ROWS = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', contains: ['本年新收'], templates: BOTH, result: false, group: 'received' },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', contains: ['上年结转'], templates: BOTH, result: false, group: 'received' },
  { key: 'granted', label: '（一）予以公开', contains: ['予以公开'], templates: BOTH, result: true, group: 'granted' },
  { key: 'partlyGranted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '（二）部分公开', contains: ['部分公开'], templates: BOTH, result: true, group: 'granted' },
  { key: 'denied.stateSecret', label: '1.属于国家秘密', contains: ['国家秘密'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.prohibitedByLaw', label: '2.其他法律行政法规禁止公开', contains: ['法规禁止公开', '禁止公开'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.securityStability', label: '3.危及“三安全一稳定”', contains: ['三安全一稳定'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.thirdParty', label: '4.保护第三方合法权益', contains: ['第三方合法权益'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.internalAffairs', label: '5.属于三类内部事务信息', contains: ['内部事务'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.processInfo', label: '6.属于四类过程性信息', contains: ['过程性信息'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.enforcementFile', label: '7.属于行政执法案卷', contains: ['执法案卷'], templates: BOTH, result: true, group: 'denied' },
  { key: 'denied.adminQuery', label: '8.属于行政查询事项', contains: ['行政查询'], templates: BOTH, result: true, group: 'denied' },
  { key: 'unavailable.notHeld', label: '1.本机关不掌握相关政府信息', contains: ['不掌握'], templates: BOTH, result: true, group: 'unavailable' },
  { key: 'unavailable.needsCreation', label: '2.没有现成信息需要另行制作', contains: ['另行制作', '没有现成信息'], templates: BOTH, result: true, group: 'unavailable' },
  { key: 'unavailable.unclear', label: '3.补正后申请内容仍不明确', contains: ['仍不明确'], templates: BOTH, result: true, group: 'unavailable' },
  { key: 'notProcessed.complaint', label: '1.信访举报投诉类申请', contains: ['信访举报投诉', '信访举报'], templates: BOTH, result: true, group: 'notProcessed' },
  { key: 'notProcessed.duplicate', label: '2.重复申请', equals: ['重复申请'], templates: BOTH, result: true, group: 'notProcessed' },
  { key: 'notProcessed.publication', label: '3.要求提供公开出版物', contains: ['公开出版物'], templates: BOTH, result: true, group: 'notProcessed' },
  { key: 'notProcessed.massRepeat', label: '4.无正当理由大量反复申请', contains: ['大量反复'], templates: BOTH, result: true, group: 'notProcessed' },
  { key: 'notProcessed.confirmation', label: '5.要求行政机关确认或重新出具已获取信息', contains: ['重新出具', '确认或重新'], templates: BOTH, result: true, group: 'notProcessed' },
  { key: 'other', label: '（六）其他处理', contains: ['其他处理'], templates: ['2019'], result: true, group: 'other' },
  { key: 'other.noCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', contains: ['逾期不补正'], templates: ['2021'], result: true, group: 'other' },
  { key: 'other.unpaidFee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', contains: ['收费通知', '缴纳费用'], templates: ['2021'], result: true, group: 'other' },
  { key: 'other.other', label: '3.其他', equals: ['其他'], templates: ['2021'], result: true, group: 'other' },
  { key: 'resultTotal', label: '（七）总计', equals: ['总计', '合计'], templates: BOTH, result: false, group: 'total' },
  { key: 'carriedForward', label: '四、结转下年度继续办理', contains: ['结转下年度', '结转下一年度'], templates: BOTH, result: false, group: 'forward' },
] as const satisfies readonly RequestRowDef[];

export type RequestRowKey = (typeof REQUEST_ROWS)[number]['key'];

const ROWS_BY_TEMPLATE = {
  '2019': REQUEST_ROWS.filter((r) => (r.templates as readonly string[]).includes('2019')),
  '2021': REQUEST_ROWS.filter((r) => (r.templates as readonly string[]).includes('2021')),
};

/** The rows of table 三 in a template, in printed order (the same array on every call). */
export function requestRows(template: '2019' | '2021'): readonly (RequestRowDef & { key: RequestRowKey })[] {
  return ROWS_BY_TEMPLATE[template];
}
