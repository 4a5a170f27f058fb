/**
 * The six statutory sections (art. 50; both formats), with the heading
 * wordings real reports use (statute-and-rules.md §3).
 */
export interface SectionDef {
  readonly key: string;
  readonly numeral: string;
  /** Canonical heading without its numeral. */
  readonly heading: string;
  /** Other wordings seen in published reports (accepted with TPL-04 warning). */
  readonly variants: readonly string[];
  /** Variants that also serve as sub-headings inside a section: accepted only with the right numeral. */
  readonly ambiguous?: readonly string[];
}

export const SECTIONS = [
  {
    key: 'overview',
    numeral: '一',
    heading: '总体情况',
    variants: ['概述', '基本情况', '总体工作情况', '工作总体情况'],
    ambiguous: ['概述', '基本情况'],
  },
  {
    key: 'active',
    numeral: '二',
    heading: '主动公开政府信息情况',
    variants: ['主动公开情况', '主动公开政府信息的情况', '政府信息主动公开情况'],
    ambiguous: ['主动公开情况'],
  },
  {
    key: 'requests',
    numeral: '三',
    heading: '收到和处理政府信息公开申请情况',
    variants: [
      '收到和处理政府信息公开申请的情况',
      '依申请公开政府信息情况',
      '依申请公开情况',
      '政府信息公开申请情况',
    ],
    ambiguous: ['依申请公开情况', '政府信息公开申请情况'],
  },
  {
    key: 'review',
    numeral: '四',
    heading: '政府信息公开行政复议、行政诉讼情况',
    variants: [
      '因政府信息公开工作被申请行政复议和提起行政诉讼情况',
      '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '政府信息公开行政复议及行政诉讼情况',
      '政府信息公开行政复议和行政诉讼情况',
      '因政府信息公开申请行政复议、行政诉讼的情况',
      '因政府信息公开申请行政复议、行政诉讼情况',
      '行政复议、行政诉讼情况',
    ],
    ambiguous: ['行政复议、行政诉讼情况'],
  },
  {
    key: 'problems',
    numeral: '五',
    heading: '存在的主要问题及改进情况',
    variants: [
      '政府信息公开工作存在的主要问题及改进情况',
      '存在问题及改进情况',
      '存在的主要问题和改进情况',
      '存在的主要问题及改进措施',
      '存在的主要问题及整改措施',
      '存在的问题及改进情况',
      '工作存在的主要问题及改进情况',
    ],
  },
  {
    key: 'other',
    numeral: '六',
    heading: '其他需要报告的事项',
    variants: ['需要报告的其他事项', '其他需要报告事项', '其他事项', '其他需报告的事项', '其它需要报告的事项', '其它事项'],
    ambiguous: ['其他事项'],
  },
] as const satisfies readonly SectionDef[];

export type SectionKey = (typeof SECTIONS)[number]['key'];
export const SECTION_KEYS = SECTIONS.map((s) => s.key) as SectionKey[];
