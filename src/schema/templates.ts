import type { LabelDef } from './labels.ts';
import { ACTIVE_2019, ACTIVE_2021, type ActiveItemDef } from './active.ts';

/** The statutory formats (statute-and-rules.md §2) and the printed markers that tell them apart (TPL-02). */

export type TableTemplate = '2019' | '2021';
export type Template = TableTemplate | 'legacy';
export const TEMPLATES = ['2019', '2021', 'legacy'] as const;

export interface TemplateDef {
  readonly key: TableTemplate;
  readonly source: string;
  readonly years: string;
  readonly active: readonly ActiveItemDef[];
  /** Labels printed only in tables of this format. */
  readonly markers: readonly LabelDef[];
}

export const TEMPLATE_DEFS: Record<TableTemplate, TemplateDef> = {
  '2019': {
    key: '2019',
    source: '国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》',
    years: '2019–2020',
    active: ACTIVE_2019,
    markers: [
      { key: 'madeThisYear', label: '本年新制作数量', contains: ['新制作数量'] },
      { key: 'lastYear', label: '上一年项目数量', contains: ['上一年项目'] },
      { key: 'art20_9', label: '第二十条第（九）项', aliases: ['第二十条第九项'] },
      { key: 'procurement', label: '政府集中采购', contains: ['集中采购'] },
    ],
  },
  '2021': {
    key: '2021',
    source: '国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》',
    years: '2021–',
    active: ACTIVE_2021,
    markers: [
      { key: 'issued', label: '本年制发件数', contains: ['制发件数'] },
      { key: 'decisions', label: '本年处理决定数量', contains: ['本年处理决定'] },
      { key: 'amount', label: '本年收费金额', contains: ['本年收费金额'] },
      { key: 'noCorrection', label: '逾期不补正', contains: ['逾期不补正'] },
      { key: 'unpaidFee', label: '缴纳费用', contains: ['缴纳费用'] },
    ],
  },
};

/** Section titles of pre-2019 reports (2007 条例 practice): 收费及减免 had its own part. */
export const LEGACY_MARKERS: readonly LabelDef[] = [
  { key: 'fees', label: '政府信息公开的收费及减免情况', contains: ['收费及减免情况'] },
  { key: 'requests', label: '依申请公开政府信息和不予公开政府信息的情况', contains: ['不予公开政府信息的情况'] },
];

/** The template the statute prescribes for a report year (TPL-01). */
export function templateForYear(year: number): Template {
  if (year <= 2018) return 'legacy';
  return year <= 2020 ? '2019' : '2021';
}
