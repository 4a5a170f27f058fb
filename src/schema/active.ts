import type { LabelDef } from './labels.ts';

/** Table 二 (主动公开政府信息情况): statute-and-rules.md §4. */

export type ValueKind = 'count' | 'signed' | 'money';

export interface ActiveColumnDef extends LabelDef {
  readonly kind: ValueKind;
}

export interface ActiveItemDef extends LabelDef {
  readonly rows: readonly LabelDef[];
  readonly columns: readonly ActiveColumnDef[];
}

const ITEM_1 = { key: 'art20_1', label: '第二十条第（一）项', aliases: ['第二十条第一项', '第二十条（一）项'] };
const ITEM_5 = { key: 'art20_5', label: '第二十条第（五）项', aliases: ['第二十条第五项', '第二十条（五）项'] };
const ITEM_6 = { key: 'art20_6', label: '第二十条第（六）项', aliases: ['第二十条第六项', '第二十条（六）项'] };
const ITEM_8 = { key: 'art20_8', label: '第二十条第（八）项', aliases: ['第二十条第八项', '第二十条（八）项'] };
const ITEM_9 = { key: 'art20_9', label: '第二十条第（九）项', aliases: ['第二十条第九项', '第二十条（九）项'] };

const RULES: LabelDef = { key: 'rules', label: '规章', equals: ['规章'] };
const LICENSING: LabelDef = { key: 'licensing', label: '行政许可', contains: ['行政许可'] };
const PENALTY: LabelDef = { key: 'penalty', label: '行政处罚', contains: ['行政处罚'] };
const COERCION: LabelDef = { key: 'coercion', label: '行政强制', contains: ['行政强制'] };
const FEES: LabelDef = { key: 'fees', label: '行政事业性收费', contains: ['行政事业性收费'] };

const LAST_YEAR: ActiveColumnDef = {
  key: 'lastYear', label: '上一年项目数量', contains: ['上一年项目', '上年项目'], kind: 'count',
};
const CHANGE: ActiveColumnDef = { key: 'change', label: '本年增/减', contains: ['增/减', '增减'], kind: 'signed' };
const DECISIONS_2019: ActiveColumnDef = { key: 'decisions', label: '处理决定数量', contains: ['处理决定'], kind: 'count' };
const DECISIONS_2021: ActiveColumnDef = { key: 'decisions', label: '本年处理决定数量', contains: ['处理决定'], kind: 'count' };

export const ACTIVE_2019: readonly ActiveItemDef[] = [
  {
    ...ITEM_1,
    rows: [RULES, { key: 'normativeDocs', label: '规范性文件', contains: ['规范性文件'] }],
    columns: [
      { key: 'madeThisYear', label: '本年新制作数量', contains: ['新制作'], kind: 'count' },
      { key: 'publishedThisYear', label: '本年新公开数量', contains: ['新公开'], kind: 'count' },
      { key: 'publishedTotal', label: '对外公开总数量', contains: ['公开总数'], kind: 'count' },
    ],
  },
  {
    ...ITEM_5,
    rows: [LICENSING, { key: 'otherServices', label: '其他对外管理服务事项', contains: ['对外管理服务'] }],
    columns: [LAST_YEAR, CHANGE, DECISIONS_2019],
  },
  { ...ITEM_6, rows: [PENALTY, COERCION], columns: [LAST_YEAR, CHANGE, DECISIONS_2019] },
  { ...ITEM_8, rows: [FEES], columns: [LAST_YEAR, CHANGE] },
  {
    ...ITEM_9,
    rows: [{ key: 'procurement', label: '政府集中采购', contains: ['集中采购'] }],
    columns: [
      { key: 'projects', label: '采购项目数量', contains: ['采购项目'], kind: 'count' },
      { key: 'amount', label: '采购总金额', contains: ['总金额', '采购金额'], kind: 'money' },
    ],
  },
];

export const ACTIVE_2021: readonly ActiveItemDef[] = [
  {
    ...ITEM_1,
    rows: [RULES, { key: 'normativeDocs', label: '行政规范性文件', aliases: ['规范性文件'], contains: ['规范性文件'] }],
    columns: [
      { key: 'issued', label: '本年制发件数', contains: ['制发'], kind: 'count' },
      { key: 'repealed', label: '本年废止件数', contains: ['废止'], kind: 'count' },
      { key: 'inForce', label: '现行有效件数', contains: ['现行有效'], kind: 'count' },
    ],
  },
  { ...ITEM_5, rows: [LICENSING], columns: [DECISIONS_2021] },
  { ...ITEM_6, rows: [PENALTY, COERCION], columns: [DECISIONS_2021] },
  {
    ...ITEM_8,
    rows: [FEES],
    columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', aliases: ['本年收费金额'], contains: ['收费金额'], kind: 'money' }],
  },
];

/** Header text of the 二 table's first column; not a row. */
export const ACTIVE_HEADER_LABEL: LabelDef = { key: 'header', label: '信息内容', contains: ['信息内容'] };
