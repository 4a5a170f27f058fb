import { AUDIT_ACTIONS, listAudit, type AuditRecord } from '../../store/audit.ts';
import type { Store } from '../../store/db.ts';
import type { Auth } from '../context.ts';
import { when } from '../format.ts';
import { html, query } from '../html.ts';
import { exportLinks, page } from '../layout.ts';

const PAGE_SIZE = 100;

export interface AuditPageQuery {
  from?: string;
  to?: string;
  action?: string;
  user?: string;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The page's filters from the address: malformed values are dropped rather than refused. */
export function parseAuditQuery(q: Record<string, string>): AuditPageQuery {
  const day = (v: string | undefined) => (v && DAY.test(v) ? v : undefined);
  const page = /^\d{1,6}$/.test(q.page ?? '') ? Math.max(1, Number(q.page)) : 1;
  return { from: day(q.from), to: day(q.to), action: q.action && q.action in AUDIT_ACTIONS ? q.action : undefined, user: q.user?.trim().slice(0, 100) || undefined, page };
}

function target(r: AuditRecord) {
  const parts = [];
  if (r.reportId !== null) parts.push(r.action === 'report.delete' ? html`报告 #${r.reportId}（已删除）` : html`<a href="/reports/${r.reportId}">报告 #${r.reportId}</a>`);
  if (r.agencyId !== null) parts.push(html`<a href="/agencies/${r.agencyId}">机关 #${r.agencyId}</a>`);
  return parts.map((p, i) => html`${i ? html`<br>` : ''}${p}`);
}

/** 审计日志: admins see every entry; supervisors those of their region subtree and their own. */
export async function auditPage(store: Store, auth: Auth, q: AuditPageQuery): Promise<string> {
  const filters = { from: q.from, to: q.to, action: q.action, user: q.user };
  const { total, items } = await listAudit(store.db, { id: auth.user.id, scope: auth.scope }, { ...filters, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const here = (p: number) => `/audit${query({ ...filters, page: p > 1 ? p : undefined })}`;
  const content = html`
<div class="page-head">
  <h1>审计日志</h1>
  <p class="lead">${auth.user.role === 'admin' ? '全部记录' : '您所辖区域内的机关和区域的记录，以及您自己的操作'}：登录（含失败）、退出、导入、修改和恢复报告、删除报告、用户和角色变更、机关改名与合并。记录不含密码和报告内容。</p>
</div>
<form class="filters" method="get" action="/audit" data-autosubmit>
  <label>从 <input type="date" name="from" value="${q.from ?? ''}"></label>
  <label>到 <input type="date" name="to" value="${q.to ?? ''}"></label>
  <label>操作 <select name="action"><option value="">全部</option>${Object.entries(AUDIT_ACTIONS).map(([k, l]) => html`<option value="${k}"${k === q.action ? html` selected` : ''}>${l}</option>`)}</select></label>
  <label>用户名 <input type="search" name="user" value="${q.user ?? ''}" maxlength="100"></label>
  <button type="submit" class="btn">筛选</button>
  ${Object.values(filters).some((v) => v !== undefined) ? html`<a class="btn btn-link" href="/audit">清除筛选</a>` : ''}
</form>
<div class="list-head"><p><strong>${total}</strong> 条记录</p>${exportLinks('导出', [['CSV', `/api/audit.csv${query(filters)}`]])}</div>
${items.length ? html`<div class="table-wrap"><table class="list" id="audit-list"><thead><tr><th>时间</th><th>用户</th><th>地址</th><th>操作</th><th>摘要</th><th>对象</th></tr></thead><tbody>
${items.map((r) => html`<tr data-action="${r.action}"><td title="${r.at}">${when(r.at)}</td><td>${r.username ?? html`<span class="muted">—</span>`}</td><td>${r.address ?? ''}</td><td>${AUDIT_ACTIONS[r.action] ?? r.action}</td><td>${r.summary}</td><td>${target(r)}</td></tr>`)}
</tbody></table></div>` : html`<p class="empty">没有符合条件的记录。</p>`}
${pages > 1 ? html`<nav class="pager" aria-label="分页">${q.page > 1 ? html`<a class="btn" href="${here(q.page - 1)}">上一页</a>` : ''}<span>第 ${q.page} / ${pages} 页</span>${q.page < pages ? html`<a class="btn" href="${here(q.page + 1)}">下一页</a>` : ''}</nav>` : ''}`;
  return page({ title: '审计日志', section: 'audit', auth }, content);
}
