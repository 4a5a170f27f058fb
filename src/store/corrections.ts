import type { ExtractedReport } from '../extract/index.ts';
import { SECTION_KEYS, type SectionKey } from '../schema/sections.ts';
import { ISSUER_TYPES, type Cell } from '../schema/types.ts';
import { findOrCreateAgency } from './agencies.ts';
import { cellDef, invalidValue, readCell, writeCell } from '../schema/cells.ts';
import { recheck } from './checks.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { inTx, now, type Q, type Store } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import type { VersionChange } from './reports.ts';

/** Metadata fields a correction may change, besides the table cells. */
export const META_FIELDS = ['agency', 'year', 'issuerType', 'signedOn', 'publishedOn'] as const;
type MetaField = (typeof META_FIELDS)[number];

export type Value = Cell | string | null;

export interface CorrectionInput {
  author: string;
  reason: string;
  /** The version the corrector saw; refused when the report has changed since. */
  baseVersion?: number;
  changes: { path: string; value: Value }[];
}

export interface VersionInfo {
  version: number;
  kind: 'import' | 'correction' | 'revert' | 'draft' | 'edit';
  author: string;
  reason: string | null;
  at: string;
  changes: VersionChange[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Why a metadata value is refused (Chinese), or null. */
function invalidMeta(field: MetaField, value: unknown): string | null {
  switch (field) {
    case 'agency':
      if (value === null) return null;
      return typeof value === 'string' && value.trim() && value.length <= 100 ? null : '机关名称应为 1–100 个字的文字或 null';
    case 'year':
      if (value === null) return null;
      return Number.isInteger(value) && (value as number) >= 1990 && (value as number) <= 2100 ? null : '年度应为 1990–2100 之间的整数或 null';
    case 'issuerType':
      return (ISSUER_TYPES as readonly unknown[]).includes(value) ? null : `机关类型应为 ${ISSUER_TYPES.join('、')} 之一`;
    case 'signedOn':
    case 'publishedOn':
      return value === null || (typeof value === 'string' && validDate(value)) ? null : '日期应为 YYYY-MM-DD 格式的有效日期或 null';
  }
}

/** The preamble and the six sections: written in the web editor (saveContent), not by corrections. */
const sectionKey = (path: string): SectionKey | undefined =>
  path.startsWith('sections.') && (SECTION_KEYS as string[]).includes(path.slice(9)) ? (path.slice(9) as SectionKey) : undefined;
export const isTextPath = (path: string): boolean => path === 'meta.preamble' || sectionKey(path) !== undefined;

/** Reads a correctable value of the report (or a text of it); undefined when the path is not one. */
export function readValue(report: ExtractedReport, path: string): Value | undefined {
  if (path === 'meta.preamble') return report.preamble ?? null;
  const section = sectionKey(path);
  if (section) return report.sections[section] ?? null;
  if (path.startsWith('meta.')) {
    const field = path.slice(5) as MetaField;
    return META_FIELDS.includes(field) ? (report[field] as Value) : undefined;
  }
  const def = cellDef(report.template, path);
  return def ? (readCell(report.tables, path) ?? null) : undefined;
}

/** Writes a value (checked beforehand with `problem`). */
function writeValue(report: ExtractedReport, path: string, value: Value): void {
  const section = sectionKey(path);
  if (path === 'meta.preamble') report.preamble = value as string | null;
  else if (section) report.sections[section] = value as string | null;
  else if (path.startsWith('meta.')) {
    const field = path.slice(5) as MetaField;
    if (field === 'agency') report.agency = value === null ? null : String(value).replace(/\s+/g, ' ').trim();
    else if (field === 'year') report.year = value as number | null;
    else if (field === 'issuerType') report.issuerType = value as ExtractedReport['issuerType'];
    else report[field] = value as string | null;
  } else writeCell(report.tables, path, value as Cell);
}

/** Why a change is refused (Chinese), or null when it can be applied. */
export function problem(report: ExtractedReport, path: string, value: unknown): string | null {
  if (path.startsWith('meta.')) {
    const field = path.slice(5) as MetaField;
    if (!META_FIELDS.includes(field)) return `“${path}”不能修改（可修改：${META_FIELDS.map((f) => `meta.${f}`).join('、')} 和表格单元格）`;
    return invalidMeta(field, value);
  }
  if (report.template === 'legacy') return '2019 年以前格式的报告没有统计表，不能修改单元格';
  const def = cellDef(report.template, path);
  if (!def) return `“${path}”不是 ${report.template} 格式统计表中的单元格`;
  return invalidValue(def, value);
}

/** Applies changes to a copy of the report; returns the copy and the changes that alter something. */
export function applyChanges(report: ExtractedReport, changes: readonly { path: string; value: Value }[]): { next: ExtractedReport; applied: VersionChange[] } {
  const next = structuredClone(report);
  const applied: VersionChange[] = [];
  for (const c of changes) {
    const old = readValue(next, c.path) ?? null;
    if (old === c.value) continue;
    writeValue(next, c.path, c.value);
    applied.push({ path: c.path, old, new: readValue(next, c.path) ?? null });
  }
  return { next, applied };
}

export async function lockReport(store: Store, trx: Q, id: number) {
  let q = trx.selectFrom('reports').select(['id', 'data', 'version', 'agency_id']).where('id', '=', id);
  if (store.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  return row;
}

/** Stores a new version of a report and runs the checks again, all in the caller's transaction. */
export async function saveVersion(
  store: Store,
  trx: Q,
  row: { id: number; version: number; agency_id: number | null },
  next: ExtractedReport,
  version: { kind: VersionInfo['kind']; author: string; reason: string | null; changes: VersionChange[] },
): Promise<number> {
  const at = now();
  const agencyId = next.agency ? await findOrCreateAgency(trx, next.agency, next.issuerType) : null;
  const number = row.version + 1;
  try {
    await trx
      .insertInto('report_versions')
      .values({ report_id: row.id, version: number, kind: version.kind, author: version.author, reason: version.reason, changes: JSON.stringify(version.changes), created_at: at })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('conflict', `报告 ${row.id} 刚被其他人修改，请刷新后再改`);
    throw err;
  }
  await trx
    .updateTable('reports')
    .set({
      data: JSON.stringify(next), tables: JSON.stringify(next.tables), version: number, updated_at: at,
      agency: next.agency, agency_id: agencyId, year: next.year, issuer_type: next.issuerType,
    })
    .where('id', '=', row.id)
    .execute();
  await recheck(trx, { agencyId, reportId: row.id }, store.checkConfig);
  if (row.agency_id !== null && row.agency_id !== agencyId) await recheck(trx, { agencyId: row.agency_id }, store.checkConfig);
  return number;
}

function requireText(value: string | undefined, what: string): string {
  const v = value?.trim() ?? '';
  if (!v) throw new StoreError('invalid', `请填写${what}`);
  if (v.length > 500) throw new StoreError('invalid', `${what}过长（最多 500 个字）`);
  return v;
}

/**
 * Corrects values of a report: a new version recording who, when, the old and
 * new values and why; the checks run again in the same transaction.
 */
export async function correctReport(store: Store, id: number, input: CorrectionInput, actor: AuditActor | null = null): Promise<VersionInfo> {
  const author = requireText(input.author, '修改人');
  const reason = requireText(input.reason, '修改原因');
  if (!input.changes.length) throw new StoreError('invalid', '没有要修改的内容（changes 为空）');
  const paths = new Set<string>();
  for (const c of input.changes) {
    if (paths.has(c.path)) throw new StoreError('invalid', `“${c.path}”在一次修改中出现了两次`);
    paths.add(c.path);
  }
  return inTx(store.db, async (trx) => {
    const row = await lockReport(store, trx, id);
    if (input.baseVersion !== undefined && input.baseVersion !== row.version) {
      throw new StoreError('conflict', `报告 ${id} 已从第 ${input.baseVersion} 版改到第 ${row.version} 版，请刷新后再改`, { currentVersion: row.version });
    }
    const report = JSON.parse(row.data) as ExtractedReport;
    const problems = input.changes.flatMap((c) => {
      const p = problem(report, c.path, c.value);
      return p ? [{ path: c.path, message: `${c.path}：${p}` }] : [];
    });
    if (problems.length) throw new StoreError('invalid', problems.map((p) => p.message).join('；'), problems);
    const { next, applied } = applyChanges(report, input.changes);
    if (!applied.length) throw new StoreError('invalid', '修改后的值与现有值相同，没有产生新版本');
    const version = await saveVersion(store, trx, row, next, { kind: 'correction', author, reason, changes: applied });
    await auditVersion(trx, actor ?? { userId: null, username: author, address: null }, 'report.correct', id, version, reason, applied);
    return { version, kind: 'correction', author, reason, at: now(), changes: applied };
  });
}

export async function listVersions(db: Q, id: number): Promise<VersionInfo[]> {
  const exists = await db.selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const rows = await db
    .selectFrom('report_versions')
    .select(['version', 'kind', 'author', 'reason', 'changes', 'created_at'])
    .where('report_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: r.version, kind: r.kind as VersionInfo['kind'], author: r.author, reason: r.reason, at: r.created_at,
    changes: JSON.parse(r.changes) as VersionChange[],
  }));
}

/** The report as it was at a version: the current data with the later changes undone, newest first. */
async function dataAt(db: Q, id: number, current: ExtractedReport, currentVersion: number, version: number): Promise<ExtractedReport> {
  if (!Number.isInteger(version) || version < 1 || version > currentVersion) {
    throw new StoreError('not-found', `报告 ${id} 没有第 ${version} 版（现有第 1–${currentVersion} 版）`);
  }
  const later = await db
    .selectFrom('report_versions')
    .select(['version', 'changes'])
    .where('report_id', '=', id)
    .where('version', '>', version)
    .orderBy('version', 'desc')
    .execute();
  const data = structuredClone(current);
  for (const v of later) {
    const changes = JSON.parse(v.changes) as VersionChange[];
    for (const c of [...changes].reverse()) writeValue(data, c.path, c.old);
  }
  return data;
}

export async function reportAtVersion(db: Q, id: number, version: number): Promise<{ version: VersionInfo; report: ExtractedReport }> {
  const row = await db.selectFrom('reports').select(['data', 'version']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const report = await dataAt(db, id, JSON.parse(row.data) as ExtractedReport, row.version, version);
  const info = (await listVersions(db, id)).find((v) => v.version === version)!;
  return { version: info, report };
}

/** Brings a report back to an earlier version, as a new version (the history is kept whole). */
export async function revertReport(store: Store, id: number, input: { version: number; author: string; reason?: string }, actor: AuditActor | null = null): Promise<VersionInfo> {
  const author = requireText(input.author, '修改人');
  const reason = input.reason?.trim() || `恢复到第 ${input.version} 版`;
  return inTx(store.db, async (trx) => {
    const row = await lockReport(store, trx, id);
    const current = JSON.parse(row.data) as ExtractedReport;
    const target = await dataAt(trx, id, current, row.version, input.version);
    const later = await trx.selectFrom('report_versions').select('changes').where('report_id', '=', id).where('version', '>', input.version).execute();
    const paths = [...new Set(later.flatMap((v) => (JSON.parse(v.changes) as VersionChange[]).map((c) => c.path)))];
    const { next, applied } = applyChanges(current, paths.map((path) => ({ path, value: readValue(target, path) ?? null })));
    if (!applied.length) throw new StoreError('invalid', `报告 ${id} 现在的内容与第 ${input.version} 版相同，无需恢复`);
    const version = await saveVersion(store, trx, row, next, { kind: 'revert', author, reason, changes: applied });
    await auditVersion(trx, actor ?? { userId: null, username: author, address: null }, 'report.revert', id, version, reason, applied, input.version);
    return { version, kind: 'revert', author, reason, at: now(), changes: applied };
  });
}

/** The audit entry of a new version: the paths changed and the reason (the values stay in the version history). */
export async function auditVersion(trx: Q, actor: AuditActor, action: 'report.correct' | 'report.revert' | 'report.edit', id: number, version: number, reason: string, changes: VersionChange[], to?: number): Promise<void> {
  const r = await trx.selectFrom('reports').select(['agency_id', 'agency', 'year']).where('id', '=', id).executeTakeFirstOrThrow();
  const what = `${r.agency ?? `报告 ${id}`}${r.year ? ` ${r.year} 年度` : ''}`;
  await recordAudit(trx, actor, {
    action,
    summary: action === 'report.revert' ? `恢复报告 ${id}（${what}）到第 ${to} 版，保存为第 ${version} 版` : `修改报告 ${id}（${what}）${changes.length} 处，保存为第 ${version} 版`,
    detail: { reportId: id, version, ...(to === undefined ? {} : { revertedTo: to }), reason, paths: changes.map((c) => c.path) },
    reportId: id,
    agencyId: r.agency_id,
  });
}
