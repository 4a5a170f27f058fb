import type { Store } from '../../store/db.ts';
import { AGENCY_ORDER, RANKING_MEASURES, REGION_ORDER, TIMELINESS_LABEL } from '../../store/ranking-measures.ts';
import { agencyRanking, subRegionRanking, type AgencyRank, type RegionRank } from '../../store/ranking.ts';
import { STATUS_OR_MISSING_LABEL } from '../../store/region-status-labels.ts';
import type { Auth } from '../context.ts';
import { percent } from '../format.ts';
import { html, query } from '../html.ts';
import { exportLinks, page } from '../layout.ts';
import { regionHead } from './regions.ts';

const M = RANKING_MEASURES;
const blank = (v: number | null) => (v === null ? html`<span class="muted">—</span>` : String(v));
const average = (v: number | null) => (v === null ? html`<span class="muted">—</span>` : v.toFixed(2));

function agencyRow(a: AgencyRank) {
  return html`<tr data-agency="${a.agencyId}"><td>${a.rank}</td><td><a href="/agencies/${a.agencyId}">${a.agency}</a></td><td>${a.regionPath.join(' / ')}</td>
<td>${a.reportId ? html`<a href="/reports/${a.reportId}">${STATUS_OR_MISSING_LABEL[a.status]}</a>` : STATUS_OR_MISSING_LABEL[a.status]}</td>
<td class="timeliness-${a.timeliness}">${TIMELINESS_LABEL[a.timeliness]}${a.publishedOn ? html`<br><span class="muted">${a.publishedOn}（期限 ${a.deadline ?? '未配置'}）</span>` : ''}</td>
<td class="num-cell">${blank(a.errors)}</td><td class="num-cell">${percent(a.completeness.value)}</td><td class="num-cell">${a.returns}</td><td class="num-cell">${blank(a.warnings)}</td></tr>`;
}

const regionRow = (year: number) => (r: RegionRank) =>
  html`<tr data-region="${r.regionId}"><td>${r.rank}</td><td><a href="/regions/${r.regionId}/ranking${query({ year })}">${r.region}</a></td><td class="num-cell">${r.agencies}</td><td class="num-cell">${r.reports}</td>
<td class="num-cell">${percent(r.onTimeRate.value)}<br><span class="muted">按时 ${r.onTime}，逾期发布 ${r.late}，逾期未发布 ${r.overdue}</span></td>
<td class="num-cell">${average(r.errorsPerReport.value)}</td><td class="num-cell">${percent(r.completeness.value)}</td>
<td class="num-cell">${average(r.returnsPerReport.value)}</td><td class="num-cell">${average(r.warningsPerReport.value)}</td></tr>`;

const exportsOf = (regionId: number, year: number, level: 'agencies' | 'regions') => exportLinks('导出', [
  ['CSV', `/api/regions/${regionId}/ranking${query({ year, level, format: 'csv' })}`],
  ['Excel', `/api/regions/${regionId}/ranking${query({ year, level, format: 'xlsx' })}`],
]);

/** The region's ranking for 政务公开考核: its direct sub-regions and its agencies, every measure shown, each defined. */
export async function regionRankingPage(store: Store, auth: Auth, regionId: number, year: number, today: string): Promise<string> {
  const { head, title, crumbs } = await regionHead(store, regionId, year, 'ranking');
  const agencies = await agencyRanking(store.db, regionId, year, store.checkConfig, today);
  const regions = await subRegionRanking(store.db, regionId, year, store.checkConfig, today);
  const content = html`${head}
<section class="block" id="ranking-definitions">
  <h2>指标定义</h2>
  <p class="muted">截至 ${today}。每项指标都列出，名次只是按下面的规则排列的结果。</p>
  <dl class="definitions">${Object.values(M).map((m) => html`<dt>${m.label}</dt><dd>${m.definition}</dd>`)}</dl>
</section>
<section class="block">
  <h2>下级区域排名</h2>
  <p class="muted">${REGION_ORDER}</p>
  <div class="export-bar">${exportsOf(regionId, year, 'regions')}</div>
  ${regions.items.length
    ? html`<table class="data ranking" id="ranking-regions"><thead><tr><th>名次</th><th>区域</th><th>机关数</th><th>报告数</th><th>按时发布率</th><th>平均${M.errors.label}</th><th>${M.completeness.label}</th><th>平均${M.returns.label}</th><th>平均${M.warnings.label}</th></tr></thead><tbody>${regions.items.map(regionRow(year))}</tbody></table>`
    : html`<p class="muted" id="ranking-regions">该区域没有下级区域。</p>`}
</section>
<section class="block">
  <h2>机关排名</h2>
  <p class="muted">${AGENCY_ORDER}</p>
  <div class="export-bar">${exportsOf(regionId, year, 'agencies')}</div>
  ${agencies.items.length
    ? html`<table class="data ranking" id="ranking-agencies"><thead><tr><th>名次</th><th>机关</th><th>区域</th><th>状态</th><th>${M.timeliness.label}</th><th>${M.errors.label}</th><th>${M.completeness.label}</th><th>${M.returns.label}</th><th>${M.warnings.label}</th></tr></thead><tbody>${agencies.items.map(agencyRow)}</tbody></table>`
    : html`<p class="muted" id="ranking-agencies">该区域还没有机关。</p>`}
</section>`;
  return page({ title: `${title}考核排名`, section: 'regions', crumbs, auth }, content);
}
