import { cellList, tableLabel, type TableKey } from '../schema/cells.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { MetricDef } from './metrics.ts';

/**
 * The measures of the region's ranking (政务公开考核), each with its one written definition: the
 * page prints them, the exports carry them, so the office publishes its evaluation from the same words.
 */

/** How an agency's publication stands against the deadline that applies, best first (the ranking's first key). */
export const TIMELINESS = ['onTime', 'pending', 'late', 'overdue'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const TIMELINESS_LABEL: Record<Timeliness, string> = {
  onTime: '按时发布',
  pending: '未到期限',
  late: '逾期发布',
  overdue: '逾期未发布',
};

const TABLES: TableKey[] = ['active', 'requests', 'review'];
const TEMPLATES: TableTemplate[] = ['2021', '2019'];

/** “2021 格式共 N 个（二、… a 个；三、… b 个；四、… c 个）”, counted from src/schema's cell list. */
function cellCounts(template: TableTemplate): string {
  const cells = cellList(template);
  const parts = TABLES.map((t) => `${tableLabel(t)} ${cells.filter((c) => c.table === t).length} 个`);
  return `${template} 格式共 ${cells.length} 个（${parts.join('；')}）`;
}

const DEADLINE = '期限按《政府信息公开条例》第四十九条（政府部门为次年1月31日，人民政府为次年3月31日），核查配置中有更早的地方期限（或乡镇、其他机关的地方期限）时按地方期限';

export const RANKING_MEASURES = {
  timeliness: {
    key: 'timeliness',
    label: '按时发布',
    unit: '',
    definition:
      `报告的发布日期与适用期限相比：${TIMELINESS_LABEL.onTime}（登记发布的日期不晚于期限，或没有适用期限）、${TIMELINESS_LABEL.pending}（尚未发布，今天未过期限或没有适用期限）、` +
      `${TIMELINESS_LABEL.late}（发布日期晚于期限）、${TIMELINESS_LABEL.overdue}（今天已过期限仍未登记发布，含未报送）。${DEADLINE}。` +
      '区域的按时发布率 = 按时发布的机关数 ÷ 区域内机关总数（含未报送的机关）。',
  },
  errors: {
    key: 'errors',
    label: '未处理的错误数',
    unit: '个',
    definition: '机关本年度报告（有多份时取最近导入的一份）当前版本的核查错误数，不含审核人标为“误报”的，与报告列表的错误数相同。未报送的为空。区域的平均数 = 各报告错误数之和 ÷ 报告数。',
  },
  warnings: {
    key: 'warnings',
    label: '未处理的警告数',
    unit: '个',
    definition: '同上，为核查警告数（不含标为“误报”的）。未报送的为空。区域的平均数 = 各报告警告数之和 ÷ 报告数。',
  },
  completeness: {
    key: 'completeness',
    label: '表格完整率',
    unit: '',
    definition:
      `表格完整率 = 报告三张法定统计表中有数字（含 0）的单元格数 ÷ 该报告格式的单元格总数；单元格清单：${TEMPLATES.map(cellCounts).join('，')}。` +
      '空白单元格（未填或未读出）不算已填。没有法定统计表的旧格式报告和未报送的不计算（为空）。区域的完整率 = 各报告已填单元格数之和 ÷ 单元格总数之和。',
  },
  returns: {
    key: 'returns',
    label: '退回次数',
    unit: '次',
    definition: '政务公开办对机关本年度报告（含同一年度的各份报告）“退回修改”的次数，取自报送与审核记录。区域的平均数 = 退回次数之和 ÷ 报告数。',
  },
} as const satisfies Record<string, MetricDef>;

/** The ordering, written out: the page and the exports print it. */
export const AGENCY_ORDER =
  `机关排名按以下顺序逐项比较，前一项相同时比较下一项：① 按时发布（${TIMELINESS.map((t) => TIMELINESS_LABEL[t]).join(' > ')}）；` +
  '② 未处理的错误数，少者在前（未报送的排在最后）；③ 表格完整率，高者在前（无法计算的排在最后）；④ 退回次数，少者在前；' +
  '⑤ 未处理的警告数，少者在前（未报送的排在最后）。五项都相同的并列同一名次（如 1、2、2、4），并列的按机关名称排列。';

export const REGION_ORDER =
  '下级区域排名（每个区域计其所有机关，含更下级区域的）按以下顺序逐项比较：① 按时发布率，高者在前；② 每份报告平均未处理的错误数，少者在前；' +
  '③ 表格完整率，高者在前；④ 每份报告平均退回次数，少者在前；⑤ 每份报告平均未处理的警告数，少者在前；没有报告的区域在②至⑤项排在最后。' +
  '五项都相同的并列同一名次，并列的按区域名称排列。直属于本区域、不属于任何下级区域的机关只参加机关排名。';
