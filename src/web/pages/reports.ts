import { STATUS_LABEL } from '../../store/workflow-steps.ts';
import type { Store } from '../../store/db.ts';
import { getAgency } from '../../store/agencies.ts';
import { newReportForm } from './new-report.ts';
import type { Auth } from '../context.ts';
import { regionTree, type RegionNode } from '../../store/regions.ts';
import { listReports, storeSummary, type ReportFilter, type ReportSort } from '../../store/reports.ts';
import { TEMPLATE_LABEL, when } from '../format.ts';
import { html, query, type Html } from '../html.ts';
import { exportLinks, page } from '../layout.ts';

export const PAGE_SIZE = 50;

export interface ListQuery {
  year?: number;
  agency?: string;
  regionId?: number;
  template?: string;
  severity?: ReportFilter['severity'];
  importId?: number;
  sort?: ReportSort;
  order?: 'asc' | 'desc';
  page: number;
}

const int = (v: string | undefined, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  if (v === undefined || !/^\d{1,9}$/.test(v.trim())) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
};

/** The list's query string, read leniently: a value that makes no sense is left out (the form shows what applies). */
export function parseListQuery(q: Record<string, string>): ListQuery {
  const pick = <T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
  return {
    year: int(q.year, 1990, 2100),
    agency: q.agency?.trim().slice(0, 100) || undefined,
    regionId: int(q.regionId),
    template: pick(q.template, ['2019', '2021', 'legacy']),
    severity: pick(q.severity, ['error', 'warning', 'info', 'clean'] as const),
    importId: int(q.importId),
    sort: pick(q.sort, ['year', 'agency', 'errors', 'warnings', 'imported', 'id'] as const),
    order: pick(q.order, ['asc', 'desc'] as const),
    page: int(q.page) ?? 1,
  };
}

/** Options of a region select, indented by depth (the tree order). */
export function regionOptions(tree: readonly RegionNode[], selected: number | undefined | null, exclude?: ReadonlySet<number>): Html {
  const out: Html[] = [];
  const walk = (nodes: readonly RegionNode[]) => {
    for (const n of nodes) {
      if (exclude?.has(n.id)) continue;
      out.push(html`<option value="${n.id}"${n.id === selected ? html` selected` : ''}>${'\u3000'.repeat(n.depth)}${n.name}</option>`);
      walk(n.children);
    }
  };
  walk(tree);
  return html`${out}`;
}

const SEVERITY_OPTIONS: [string, string][] = [['', '全部'], ['error', '有错误'], ['warning', '有警告'], ['info', '有提示'], ['clean', '无错误和警告']];
const SORT_OPTIONS: [string, string][] = [['year', '年度'], ['agency', '机关'], ['errors', '错误数'], ['warnings', '警告数'], ['imported', '导入时间']];

const option = (value: string, label: string, selected: string | number | undefined) =>
  html`<option value="${value}"${String(selected ?? '') === value ? html` selected` : ''}>${label}</option>`;

export async function reportListPage(store: Store, auth: Auth, q: ListQuery): Promise<string> {
  const db = store.db;
  const summary = await storeSummary(db, auth.scope);
  const tree = await regionTree(db, auth.scope);
  const filter: ReportFilter = {
    year: q.year, agency: q.agency, regionId: q.regionId, template: q.template, severity: q.severity, importId: q.importId,
    sort: q.sort, order: q.order, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE, scope: auth.scope,
  };
  const { total, items } = await listReports(db, filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filters = { year: q.year, agency: q.agency, regionId: q.regionId, template: q.template, severity: q.severity, importId: q.importId };
  const here = (p: number) => `/reports${query({ ...filters, sort: q.sort, order: q.order, page: p > 1 ? p : undefined })}`;
  const active = Object.values(filters).some((v) => v !== undefined);

  const rows = items.map((r) => html`<tr>
<td class="agency-cell"><a href="/reports/${r.id}">${r.agency ?? '（未读出机关名称）'}</a></td>
<td class="num-cell">${r.year ?? '—'}</td>
<td>${r.regionPath.length ? r.regionPath.join(' / ') : html`<span class="muted">未归属</span>`}</td>
<td>${TEMPLATE_LABEL[r.template] ?? r.template}</td>
<td class="num-cell">${r.errors ? html`<span class="count count-error">${r.errors}</span>` : html`<span class="count zero">0</span>`}</td>
<td class="num-cell">${r.warnings ? html`<span class="count count-warning">${r.warnings}</span>` : html`<span class="count zero">0</span>`}</td>
<td class="num-cell">${r.infos ? html`<span class="count count-info">${r.infos}</span>` : html`<span class="count zero">0</span>`}</td>
<td class="num-cell">${r.version > 1 ? html`<span title="已修改">第 ${r.version} 版</span>` : '1'}</td>
<td class="file-cell" title="${r.fileName}">${r.fileName.split('/').pop()}</td>
<td class="time-cell">${when(r.importedAt)}</td>
<td><span class="status-badge status-${r.status}">${STATUS_LABEL[r.status]}</span></td>
</tr>`);

  const own = auth.user.role === 'clerk' && auth.user.agencyId !== null ? await getAgency(db, auth.user.agencyId).catch(() => null) : null;
  const content = html`
<div class="page-head">
  <h1>报告核查</h1>
  ${own ? newReportForm(own.id, own.name) : ''}
  <p class="lead">共 ${summary.reports} 份报告，${summary.agencies} 个机关；${summary.withErrors} 份有错误，${summary.withWarnings} 份有警告。<a class="btn btn-primary" href="/import">导入报告</a></p>
</div>
<form class="filters" method="get" action="/reports" data-autosubmit>
  <label>年度 <select name="year">${option('', '全部', q.year)}${summary.years.map((y) => option(String(y), `${y} 年度`, q.year))}</select></label>
  <label>机关 <input type="search" name="agency" value="${q.agency ?? ''}" placeholder="名称的一部分" maxlength="100"></label>
  <label>区域 <select name="regionId"><option value="">全部</option>${regionOptions(tree, q.regionId)}</select></label>
  <label>格式 <select name="template">${option('', '全部', q.template)}${['2021', '2019', 'legacy'].map((t) => option(t, TEMPLATE_LABEL[t]!, q.template))}</select></label>
  <label>问题 <select name="severity">${SEVERITY_OPTIONS.map(([v, l]) => option(v, l, q.severity))}</select></label>
  <label>排序 <select name="sort">${SORT_OPTIONS.map(([v, l]) => option(v, l, q.sort ?? 'year'))}</select></label>
  ${q.importId ? html`<input type="hidden" name="importId" value="${q.importId}"><span class="chip-static">导入批次 #${q.importId}</span>` : ''}
  <button type="submit" class="btn">筛选</button>
  ${active ? html`<a class="btn btn-link" href="/reports">清除筛选</a>` : ''}
</form>
<div class="list-head">
  <p id="total"><strong>${total}</strong> 份报告${active ? '符合条件' : ''}${pages > 1 ? html`，第 ${q.page}/${pages} 页` : ''}</p>
  <div class="export-bar">
    ${exportLinks('导出列表', [['CSV', `/api/reports${query({ ...filters, format: 'csv' })}`], ['Excel', `/api/reports${query({ ...filters, format: 'xlsx' })}`]])}
    ${exportLinks('统计表数据', [['CSV', `/api/reports/data${query({ ...filters, format: 'csv' })}`], ['Excel', `/api/reports/data${query({ ...filters, format: 'xlsx' })}`]])}
  </div>
</div>
${items.length ? html`<div class="table-wrap"><table class="list" id="report-list">
<thead><tr><th>机关</th><th class="num-cell">年度</th><th>区域</th><th>格式</th><th class="num-cell">错误</th><th class="num-cell">警告</th><th class="num-cell">提示</th><th class="num-cell">版本</th><th>文件</th><th>导入时间</th><th>报送状态</th></tr></thead>
<tbody>${rows}</tbody></table></div>` : html`<p class="empty">${active ? '没有符合条件的报告。' : html`还没有报告。<a href="/import">导入报告</a>`}</p>`}
${pages > 1 ? html`<nav class="pager" aria-label="分页">${q.page > 1 ? html`<a class="btn" href="${here(q.page - 1)}">上一页</a>` : ''}<span>第 ${q.page} / ${pages} 页</span>${q.page < pages ? html`<a class="btn" href="${here(q.page + 1)}">下一页</a>` : ''}</nav>` : ''}`;
  return page({ title: '报告核查', section: 'reports', auth, scripts: own ? ['new-report.js'] : [] }, content);
}
