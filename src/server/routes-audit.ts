import { AUDIT_ACTIONS, listAudit, type AuditFilter, type AuditRecord } from '../store/audit.ts';
import type { Store } from '../store/db.ts';
import type { Api } from './api.ts';
import { authOf } from './auth/scope.ts';
import { localTime, sheet, tabular } from './export.ts';
import { sheetColumns } from './routes-reports.ts';
import * as S from './schemas.ts';

/** Most entries one CSV export holds. */
const MAX_CSV_ROWS = 100_000;

const withLabel = (r: AuditRecord) => ({ ...r, actionLabel: AUDIT_ACTIONS[r.action] ?? r.action });

const auditColumns = sheetColumns<AuditRecord>([
  ['编号', (r) => r.id], ['时间', (r) => localTime(r.at)], ['用户编号', (r) => r.userId], ['用户名', (r) => r.username], ['地址', (r) => r.address],
  ['操作代码', (r) => r.action], ['操作', (r) => AUDIT_ACTIONS[r.action] ?? r.action], ['摘要', (r) => r.summary],
  ['报告编号', (r) => r.reportId], ['机关编号', (r) => r.agencyId], ['区域编号', (r) => r.regionId], ['详情', (r) => JSON.stringify(r.detail)],
]);

export function auditRoutes(api: Api, store: Store): void {
  const db = store.db;
  const filterOf = (q: { from?: string; to?: string; action?: string; user?: string }): AuditFilter => ({ from: q.from, to: q.to, action: q.action, user: q.user });
  const description = '管理员看全部；政务公开办看所辖区域的机关和区域的记录以及自己的操作；机关经办人和只读用户 404。';

  api.route(
    { method: 'get', access: 'manage', hidden: true, path: '/api/audit', tag: '审计', summary: '审计日志：登录、退出、导入、修改、恢复、删除报告、用户和角色变更、机关改名与合并（最近的在前）',
      description, query: S.AuditQuery, response: S.AuditList },
    async (c, { query }) => {
      const { user, scope } = authOf(c);
      const { total, items } = await listAudit(db, { id: user.id, scope }, { ...filterOf(query), limit: query.limit, offset: query.offset });
      return { total, limit: query.limit, offset: query.offset, items: items.map(withLabel) };
    },
  );
  api.route(
    { method: 'get', access: 'manage', hidden: true, path: '/api/audit.csv', tag: '审计', summary: '审计日志导出为 CSV（UTF-8 带 BOM；以 = + - @ 开头的内容前加撇号，防公式注入）',
      description, query: S.AuditQuery.omit({ limit: true, offset: true }), produces: { 'text/csv': 'CSV 文件' } },
    async (c, { query }) => {
      const { user, scope } = authOf(c);
      const { items } = await listAudit(db, { id: user.id, scope }, { ...filterOf(query), limit: MAX_CSV_ROWS, offset: 0 });
      return tabular('csv', '审计日志', [sheet('审计日志', auditColumns, items)]);
    },
  );
}
