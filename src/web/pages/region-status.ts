import type { Store } from '../../store/db.ts';
import { STATUS_OR_MISSING_LABEL } from '../../store/region-status-labels.ts';
import { regionStatus, type AgencyStatus } from '../../store/region-status.ts';
import type { Auth } from '../context.ts';
import { ISSUER_LABEL } from '../format.ts';
import { html, query } from '../html.ts';
import { exportLinks, page } from '../layout.ts';
import { regionHead } from './regions.ts';

function row(a: AgencyStatus) {
  const status = STATUS_OR_MISSING_LABEL[a.status];
  return html`<tr class="${a.overdue ? 'overdue' : ''}" data-agency="${a.agencyId}">
<td><a href="/agencies/${a.agencyId}">${a.agency}</a></td>
<td>${a.regionPath.join(' / ')}</td>
<td>${ISSUER_LABEL[a.issuerType] ?? a.issuerType}</td>
<td>${a.reportId ? html`<a href="/reports/${a.reportId}"><span class="status-badge status-${a.status}">${status}</span></a>` : html`<span class="status-badge status-missing">${status}</span>`}</td>
<td>${a.deadline ?? html`<span class="muted">未配置</span>`}${a.deadlineSource ? html`<br><span class="muted">${a.deadlineSource}</span>` : ''}</td>
<td>${a.overdue ? html`<strong class="overdue-mark">逾期</strong>` : ''}</td>
<td>${a.publishedOn ? html`${a.publishedOn}${a.late ? html` <strong class="overdue-mark">逾期发布</strong>` : ''}` : ''}${a.publishedUrl ? html`<br><a href="${a.publishedUrl}" rel="noopener noreferrer" target="_blank">发布网址</a>` : ''}</td>
</tr>`;
}

/** The supervisor's page: every agency of the region (sub-regions included) with its report's status for the year, its deadline, overdue ones first. */
export async function regionStatusPage(store: Store, auth: Auth, regionId: number, year: number, today: string): Promise<string> {
  const { head, title, crumbs } = await regionHead(store, regionId, year, 'status');
  const s = await regionStatus(store.db, regionId, year, store.checkConfig, today);
  const c = s.counts;
  const content = html`${head}
<section class="block">
  <p class="lead">截至 ${s.today}：共 ${s.items.length} 个机关；未报送 ${c.missing}，草稿 ${c.draft}，已报送 ${c.submitted}，退回修改 ${c.returned}，已通过 ${c.accepted}，已发布 ${c.published}；<strong>逾期 ${c.overdue}</strong>。</p>
  <p class="muted">期限按《政府信息公开条例》第四十九条：政府部门为次年1月31日，人民政府为次年3月31日；核查配置中有更早的地方期限（或乡镇、其他机关的地方期限）时按地方期限。今天已过期限且尚未登记发布的为逾期。</p>
  <p><a href="/regions/${regionId}/ranking${query({ year })}">考核排名</a>：按按时发布、未处理的错误和警告、表格完整率、退回次数排列各机关和下级区域，附每项指标的定义。</p>
  <div class="export-bar">${exportLinks('导出报送状态', [['CSV', `/api/regions/${regionId}/status${query({ year, format: 'csv' })}`], ['Excel', `/api/regions/${regionId}/status${query({ year, format: 'xlsx' })}`]])}</div>
  ${s.items.length
    ? html`<table class="data status-table" id="status-table"><thead><tr><th>机关</th><th>区域</th><th>机关类型</th><th>状态</th><th>发布期限</th><th>逾期</th><th>发布日期</th></tr></thead><tbody>${s.items.map(row)}</tbody></table>`
    : html`<p class="muted">该区域还没有机关。</p>`}
</section>`;
  return page({ title: `${title}报送状态`, section: 'regions', crumbs, auth }, content);
}
