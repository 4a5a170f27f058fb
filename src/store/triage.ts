import { findingFingerprint, findingKey } from '../check/finding-key.ts';
import type { Finding } from '../check/types.ts';
import type { Tables } from '../schema/types.ts';
import { bumpDataVersion, inTx, now, type Q, type Store } from './db.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { StoreError } from './errors.ts';

/**
 * A reviewer's decision about a finding (triage): 确认 (a real problem), 误报 (not one, with a
 * reason), 待定 (undecided), and a comment. It is kept by the finding's key (rule, message and
 * place) and holds across re-checks while the values the finding is about are unchanged; a
 * correction of one of its cells makes it stale, and the finding is open again.
 */
export const TRIAGE_STATUSES = ['confirmed', 'dismissed', 'pending'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
export const TRIAGE_LABEL: Record<TriageStatus, string> = { confirmed: '确认', dismissed: '误报', pending: '待定' };

export interface Triage {
  status: TriageStatus;
  reason: string | null;
  comment: string | null;
  by: string;
  at: string;
  /** The finding's values changed since the decision: it no longer applies. */
  stale: boolean;
}

/** A finding with its key and, when a reviewer decided about it, the decision. */
export type TriagedFinding = Finding & { key: string; triage?: Triage };

interface TriageRow {
  finding_key: string;
  status: string;
  reason: string | null;
  comment: string | null;
  fingerprint: string;
  username: string;
  updated_at: string;
}

async function triageRows(db: Q, reportIds: readonly number[]): Promise<Map<number, Map<string, TriageRow>>> {
  const out = new Map<number, Map<string, TriageRow>>();
  if (!reportIds.length) return out;
  const rows = await db.selectFrom('finding_triage')
    .select(['report_id', 'finding_key', 'status', 'reason', 'comment', 'fingerprint', 'username', 'updated_at'])
    .where('report_id', 'in', [...reportIds])
    .execute();
  for (const r of rows) {
    if (!out.has(r.report_id)) out.set(r.report_id, new Map());
    out.get(r.report_id)!.set(r.finding_key, r);
  }
  return out;
}

function attach(findings: readonly Finding[], rows: Map<string, TriageRow> | undefined, tables: Tables): TriagedFinding[] {
  return findings.map((f) => {
    const key = findingKey(f);
    const row = rows?.get(key);
    if (!row) return { ...f, key };
    const triage: Triage = {
      status: row.status as TriageStatus, reason: row.reason, comment: row.comment, by: row.username, at: row.updated_at,
      stale: row.fingerprint !== findingFingerprint(f, tables),
    };
    return { ...f, key, triage };
  });
}

/** Dismissed as 误报 by a decision that still applies. */
export const isDismissed = (f: TriagedFinding): boolean => f.triage?.status === 'dismissed' && !f.triage.stale;

/** The findings of a report with their keys and decisions. */
export async function withTriage(db: Q, reportId: number, findings: readonly Finding[], tables: Tables): Promise<TriagedFinding[]> {
  return attach(findings, (await triageRows(db, [reportId])).get(reportId), tables);
}

/** Counts of open findings (a dismissal that still applies takes a finding out) and of dismissed ones. */
export function openCounts(findings: readonly TriagedFinding[]): { errors: number; warnings: number; infos: number; dismissed: number } {
  const c = { errors: 0, warnings: 0, infos: 0, dismissed: 0 };
  for (const f of findings) {
    if (isDismissed(f)) c.dismissed++;
    else if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** `countsWithTriage` of a report no reviewer has seen yet (one being added). */
export const countsWithoutTriage = (findings: readonly Finding[], tables: Tables) => openCounts(attach(findings, undefined, tables));

/** Counts for reports being (re)checked, with the decisions stored for them. */
export async function countsWithTriage(db: Q, reports: readonly { id: number; findings: readonly Finding[]; tables: Tables }[]) {
  const rows = await triageRows(db, reports.map((r) => r.id));
  return reports.map((r) => openCounts(attach(r.findings, rows.get(r.id), r.tables)));
}

export interface TriageInput {
  key: string;
  status: TriageStatus;
  reason?: string | null;
  comment?: string | null;
}

/** Records a decision about one current finding of a report, in one transaction with the report's counts and the audit log. */
export async function setTriage(
  store: Store,
  reportId: number,
  input: TriageInput,
  user: { id: number; username: string },
  actor: AuditActor,
): Promise<TriagedFinding> {
  if (input.status === 'dismissed' && !input.reason?.trim()) throw new StoreError('invalid', '标为误报时须写明理由');
  return inTx(store.db, async (trx) => {
    const row = await trx.selectFrom('reports').select(['findings', 'data', 'agency_id', 'agency', 'year']).where('id', '=', reportId).executeTakeFirst();
    if (!row) throw new StoreError('not-found', `报告 ${reportId} 不存在`);
    const tables = (JSON.parse(row.data) as { tables: Tables }).tables;
    const findings = JSON.parse(row.findings) as Finding[];
    const finding = findings.find((f) => findingKey(f) === input.key);
    if (!finding) throw new StoreError('not-found', '报告中已没有这条核查结果（报告可能已被修改并重新核查），请刷新页面');
    const values = {
      status: input.status,
      reason: input.reason?.trim() || null,
      comment: input.comment?.trim() || null,
      fingerprint: findingFingerprint(finding, tables),
      user_id: user.id,
      username: user.username,
      updated_at: now(),
    };
    const existing = await trx.selectFrom('finding_triage').select('id').where('report_id', '=', reportId).where('finding_key', '=', input.key).executeTakeFirst();
    if (existing) await trx.updateTable('finding_triage').set(values).where('id', '=', existing.id).execute();
    else await trx.insertInto('finding_triage').values({ report_id: reportId, finding_key: input.key, created_at: values.updated_at, ...values }).execute();
    const triaged = await withTriage(trx, reportId, findings, tables);
    await trx.updateTable('reports').set(openCounts(triaged)).where('id', '=', reportId).execute();
    await bumpDataVersion(trx);
    const result = triaged.find((f) => f.key === input.key)!;
    await recordAudit(trx, actor, {
      action: 'finding.triage',
      summary: `审核判断：报告 ${reportId}（${row.agency ?? '未识别机关'}${row.year ? ` ${row.year} 年度` : ''}）${finding.rule} 标为${TRIAGE_LABEL[input.status]}${values.reason ? `，理由：${values.reason}` : ''}`,
      detail: { reportId, key: input.key, rule: finding.rule, message: finding.message, status: input.status, reason: values.reason, comment: values.comment },
      reportId,
      agencyId: row.agency_id,
    });
    return result;
  });
}
