import type { Store } from '../store/db.ts';
import type { Rate } from '../store/metrics.ts';
import { AGENCY_ORDER, RANKING_MEASURES, REGION_ORDER, TIMELINESS_LABEL } from '../store/ranking-measures.ts';
import { agencyRanking, subRegionRanking, type AgencyRank, type RegionRank } from '../store/ranking.ts';
import { ISSUER_LABEL_PLAIN, STATUS_OR_MISSING_LABEL } from '../store/region-status-labels.ts';
import { requireRegion } from '../store/scope.ts';
import type { Api } from './api.ts';
import { scopeOfRequest } from './auth/scope.ts';
import { percent, sheet, tabular, XLSX_TYPE, type Notes } from './export.ts';
import { sheetColumns } from './routes-reports.ts';
import * as R from './schemas-ranking.ts';

const M = RANKING_MEASURES;
/** Rates as percentages (「（%）」 in the label); averages per report to 4 places. */
const ratio = (r: Rate) => (r.value === null ? null : Math.round(r.value * 10000) / 10000);
const pct = (label: string) => `${label}（%）`;

const agencyColumns = sheetColumns<AgencyRank>([
  ['名次', (a) => a.rank], ['机关', (a) => a.agency], ['区域', (a) => a.regionPath.join('/')], ['机关类型', (a) => ISSUER_LABEL_PLAIN[a.issuerType] ?? a.issuerType],
  ['报告编号', (a) => a.reportId], ['状态', (a) => STATUS_OR_MISSING_LABEL[a.status]], ['发布期限', (a) => a.deadline], ['发布日期', (a) => a.publishedOn],
  [M.timeliness.label, (a) => TIMELINESS_LABEL[a.timeliness]], [M.errors.label, (a) => a.errors], [pct(M.completeness.label), (a) => percent(a.completeness.value)],
  ['已填单元格数', (a) => a.completeness.numerator], ['单元格总数', (a) => a.completeness.denominator], [M.returns.label, (a) => a.returns], [M.warnings.label, (a) => a.warnings],
]);

const regionColumns = sheetColumns<RegionRank>([
  ['名次', (r) => r.rank], ['区域', (r) => r.region], ['机关数', (r) => r.agencies], ['报告数', (r) => r.reports],
  ['按时发布率（%）', (r) => percent(r.onTimeRate.value)], [TIMELINESS_LABEL.onTime, (r) => r.onTime], [TIMELINESS_LABEL.late, (r) => r.late], [TIMELINESS_LABEL.overdue, (r) => r.overdue],
  [`每份报告平均${M.errors.label}`, (r) => ratio(r.errorsPerReport)], [M.errors.label, (r) => r.errors],
  [pct(M.completeness.label), (r) => percent(r.completeness.value)], ['已填单元格数', (r) => r.completeness.numerator], ['单元格总数', (r) => r.completeness.denominator],
  ['每份报告平均退回次数', (r) => ratio(r.returnsPerReport)], [M.returns.label, (r) => r.returns],
  [`每份报告平均${M.warnings.label}`, (r) => ratio(r.warningsPerReport)], [M.warnings.label, (r) => r.warnings],
]);

/** The measures' definitions and the order, as the exports carry them. */
export function rankingNotes(level: 'agencies' | 'regions'): Notes {
  return [...Object.values(M).map((m) => [m.label, m.definition] as const), ['排名规则', level === 'agencies' ? AGENCY_ORDER : REGION_ORDER]];
}

/** The region's ranking of its agencies or its direct sub-regions (政务公开考核). */
export function rankingRoutes(api: Api, store: Store, today: () => string): void {
  const db = store.db;
  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/ranking', tag: '报送',
      summary: '区域某年度的排名：各机关（level=agencies，默认）或各直属下级区域（level=regions）按按时发布、未处理的错误数、表格完整率、退回次数、未处理的警告数依次排列；附每项指标的定义和排名规则',
      params: R.IdParams, query: R.RankingQuery, response: R.Ranking, produces: { 'text/csv': 'format=csv', [XLSX_TYPE]: 'format=xlsx' } },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      const rank = query.level === 'regions' ? subRegionRanking : agencyRanking;
      const r = await rank(db, params.id, query.year, store.checkConfig, today());
      const order = query.level === 'regions' ? REGION_ORDER : AGENCY_ORDER;
      if (query.format === 'json') return { ...r, definitions: M, order };
      const name = `${r.region.name}${r.year}年度${query.level === 'regions' ? '下级区域' : '机关'}排名`;
      const list = query.level === 'regions'
        ? sheet('排名', regionColumns, r.items as RegionRank[])
        : sheet('排名', agencyColumns, r.items as AgencyRank[]);
      return tabular(query.format, name, [list], rankingNotes(query.level));
    },
  );
}
