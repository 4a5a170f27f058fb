import { num, now, type Q } from './db.ts';
import { StoreError } from './errors.ts';
import type { DataScope } from './scope.ts';

/**
 * The audit log: who did what, when, from where. Each change writes its entry in the
 * transaction of the change itself (pass the transaction as `db`), so a change is never
 * without its entry nor an entry without its change.
 */

/** Who acts: a user (userId set), the command line (userId null, a name), or a failed login (the name tried). */
export interface AuditActor {
  userId: number | null;
  username: string | null;
  address: string | null;
}

export interface AuditEntry {
  action: string;
  /** One line in Chinese. */
  summary: string;
  /** Facts for the record: ids, names, counts — never passwords, tokens or applicants' personal data. */
  detail?: Record<string, unknown>;
  reportId?: number | null;
  agencyId?: number | null;
  /** Defaults to the region of `agencyId` at the time. */
  regionId?: number | null;
}

export const AUDIT_ACTIONS: Record<string, string> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  import: '导入报告',
  'report.correct': '修改报告',
  'report.revert': '恢复版本',
  'report.delete': '删除报告',
  'report.draft': '新建报告',
  'report.edit': '编写报告',
  'user.create': '添加用户',
  'user.update': '修改用户',
  'user.role': '修改角色或数据范围',
  'user.password': '重设密码',
  'user.delete': '删除用户',
  'agency.rename': '机关改名',
  'agency.merge': '合并机关',
  'finding.triage': '审核判断',
  'report.submit': '报送报告',
  'report.return': '退回修改',
  'report.accept': '审核通过',
  'report.publish': '登记发布',
};

const SECRET_KEY = /password|passwd|token|secret|hash/i;

/** Drops any key that names a secret, however deep: a careless detail cannot leak one. */
function withoutSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutSecrets);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => !SECRET_KEY.test(k)).map(([k, x]) => [k, withoutSecrets(x)]));
  }
  return v;
}

export async function recordAudit(db: Q, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await recordAudits(db, [{ ...entry, actor }]);
}

/** Several entries in one statement (the files of an import stored together), each with who acted. */
export async function recordAudits(db: Q, entries: readonly (AuditEntry & { actor: AuditActor | null })[]): Promise<void> {
  if (!entries.length) return;
  const unplaced = [...new Set(entries.flatMap((e) => (e.regionId === undefined && e.agencyId != null ? [e.agencyId] : [])))];
  const regionOf = new Map(unplaced.length ? (await db.selectFrom('agencies').select(['id', 'region_id']).where('id', 'in', unplaced).execute()).map((a) => [a.id, a.region_id]) : []);
  const at = now();
  await db
    .insertInto('audit_log')
    .values(entries.map(({ actor, ...entry }) => ({
      at,
      user_id: actor?.userId ?? null,
      username: actor?.username?.slice(0, 100) ?? null,
      address: actor?.address?.slice(0, 100) ?? null,
      action: entry.action,
      summary: entry.summary.slice(0, 500),
      detail: JSON.stringify(withoutSecrets(entry.detail ?? {})),
      report_id: entry.reportId ?? null,
      agency_id: entry.agencyId ?? null,
      region_id: (entry.regionId === undefined && entry.agencyId != null ? regionOf.get(entry.agencyId) : entry.regionId) ?? null,
    })))
    .execute();
}

export interface AuditRecord {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  address: string | null;
  action: string;
  summary: string;
  detail: Record<string, unknown>;
  reportId: number | null;
  agencyId: number | null;
  regionId: number | null;
}

export interface AuditFilter {
  /** From this day (YYYY-MM-DD) or instant (ISO), inclusive. */
  from?: string;
  /** To this day (inclusive) or instant (exclusive). */
  to?: string;
  action?: string;
  /** The user name. */
  user?: string;
  limit?: number;
  offset?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function instant(v: string, what: string, endOfDay: boolean): string {
  const t = Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v);
  if (!Number.isFinite(t)) throw new StoreError('invalid', `${what}应为日期（如 2026-01-31）或 ISO 时间，收到“${v}”`);
  return new Date(DAY.test(v) && endOfDay ? t + 86_400_000 : t).toISOString();
}

/**
 * Entries newest first. Admins see all; supervisors the entries of agencies and regions of their
 * subtree and their own actions (`viewer` is the asking user; other roles see none).
 */
export async function listAudit(db: Q, viewer: { id: number; scope: DataScope }, filter: AuditFilter = {}): Promise<{ total: number; items: AuditRecord[] }> {
  let q = db.selectFrom('audit_log');
  const scope = viewer.scope;
  if (scope.kind === 'agency') return { total: 0, items: [] };
  if (scope.kind === 'regions') {
    q = q.where((eb) => eb.or([eb('user_id', '=', viewer.id), ...(scope.regionIds.length ? [eb('region_id', 'in', scope.regionIds)] : [])]));
  }
  if (filter.from) q = q.where('at', '>=', instant(filter.from, '开始日期', false));
  if (filter.to) q = q.where('at', '<', instant(filter.to, '结束日期', true));
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.user) q = q.where('username', '=', filter.user.trim());
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return {
    total: num(count.n),
    items: rows.map((r) => ({
      id: r.id, at: r.at, userId: r.user_id, username: r.username, address: r.address, action: r.action, summary: r.summary,
      detail: JSON.parse(r.detail) as Record<string, unknown>, reportId: r.report_id, agencyId: r.agency_id, regionId: r.region_id,
    })),
  };
}
