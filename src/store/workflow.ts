import { findingKey } from '../check/finding-key.ts';
import type { Finding } from '../check/types.ts';
import type { ExtractedReport } from '../extract/index.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { correctReport, readValue } from './corrections.ts';
import { bumpDataVersion, inTx, now, type Q, type Store } from './db.ts';
import { StoreError } from './errors.ts';
import { illegalStepMessage, STATUS_LABEL, STEP_RULES, stepAllowedFrom, type ReportStatus, type WorkflowStep } from './workflow-steps.ts';

/**
 * The reporting workflow's steps on the store: each checks the report's current status, writes
 * the new status, the step (who, when, comment, the cells and findings it points at) and the
 * audit entry in one transaction. Who may take a step is checked by the caller (workflow-steps.ts).
 */

export interface WorkflowRecord {
  id: number;
  step: WorkflowStep;
  from: ReportStatus;
  to: ReportStatus;
  userId: number | null;
  username: string;
  at: string;
  comment: string | null;
  cells: string[];
  findingKeys: string[];
  publishedUrl: string | null;
  publishedOn: string | null;
}

export interface StepUser {
  id: number;
  username: string;
}

export interface ReturnInput {
  comment: string;
  cells?: string[];
  findingKeys?: string[];
}

export interface PublishInput {
  url: string;
  /** YYYY-MM-DD */
  date: string;
}

type Row = { id: number; status: string; agency_id: number | null; agency: string | null; year: number | null; data: string; findings: string; region_id: number | null };

async function lockForStep(store: Store, trx: Q, id: number, step: WorkflowStep): Promise<Row & { status: ReportStatus }> {
  let q = trx
    .selectFrom('reports')
    .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.status', 'reports.agency_id', 'reports.agency', 'reports.year', 'reports.data', 'reports.findings', 'agencies.region_id'])
    .where('reports.id', '=', id);
  if (store.dialect === 'postgres') q = q.forUpdate('reports');
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const status = row.status as ReportStatus;
  if (!stepAllowedFrom(step, status)) throw new StoreError('conflict', illegalStepMessage(step, status), { status });
  return { ...row, status };
}

const describe = (r: Row) => `报告 ${r.id}（${r.agency ?? '未识别机关'}${r.year ? ` ${r.year} 年度` : ''}）`;

/** Writes the status, the step and its audit entry (in the caller's transaction). */
async function recordStep(
  trx: Q,
  row: Row & { status: ReportStatus },
  step: WorkflowStep,
  user: StepUser,
  actor: AuditActor,
  extra: { comment?: string | null; cells?: string[]; findingKeys?: string[]; publishedUrl?: string; publishedOn?: string; summary: string },
): Promise<WorkflowRecord> {
  const to = STEP_RULES[step].to;
  const at = now();
  await trx
    .updateTable('reports')
    .set({ status: to, ...(extra.publishedUrl ? { published_url: extra.publishedUrl, published_on: extra.publishedOn ?? null } : {}) })
    .where('id', '=', row.id)
    .execute();
  const inserted = await trx
    .insertInto('report_workflow')
    .values({
      report_id: row.id, step, from_status: row.status, to_status: to, user_id: user.id, username: user.username, at,
      comment: extra.comment ?? null, cells: JSON.stringify(extra.cells ?? []), finding_keys: JSON.stringify(extra.findingKeys ?? []),
      published_url: extra.publishedUrl ?? null, published_on: extra.publishedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpDataVersion(trx);
  await recordAudit(trx, actor, {
    action: `report.${step}`,
    summary: extra.summary,
    detail: {
      reportId: row.id, from: row.status, to, ...(extra.comment ? { comment: extra.comment } : {}),
      ...(extra.cells?.length ? { cells: extra.cells } : {}), ...(extra.findingKeys?.length ? { findingKeys: extra.findingKeys } : {}),
      ...(extra.publishedUrl ? { url: extra.publishedUrl, date: extra.publishedOn } : {}),
    },
    reportId: row.id,
    agencyId: row.agency_id,
  });
  return {
    id: inserted.id, step, from: row.status, to, userId: user.id, username: user.username, at, comment: extra.comment ?? null,
    cells: extra.cells ?? [], findingKeys: extra.findingKeys ?? [], publishedUrl: extra.publishedUrl ?? null, publishedOn: extra.publishedOn ?? null,
  };
}

/** 报送 (or 再次报送) to the supervising office of the agency's region. */
export async function submitReport(store: Store, id: number, user: StepUser, actor: AuditActor): Promise<WorkflowRecord> {
  return inTx(store.db, async (trx) => {
    const row = await lockForStep(store, trx, id, 'submit');
    if (row.agency_id === null) throw new StoreError('conflict', '报告没有识别出所属机关，无法报送；请先在“基本信息”中填写机关名称');
    if (row.region_id === null) throw new StoreError('conflict', `机关“${row.agency}”尚未归属区域，没有可报送的政务公开办；请管理员先为机关设置区域`);
    const again = row.status === 'returned';
    return recordStep(trx, row, 'submit', user, actor, { summary: `${again ? '再次报送' : '报送'}${describe(row)}` });
  });
}

function cleanList(list: readonly string[] | undefined, what: string, max: number): string[] {
  const out = [...new Set((list ?? []).map((s) => s.trim()).filter(Boolean))];
  if (out.length > max) throw new StoreError('invalid', `${what}最多 ${max} 个`);
  return out;
}

/** 退回修改, with a comment and the cells and findings it points at. */
export async function returnReport(store: Store, id: number, input: ReturnInput, user: StepUser, actor: AuditActor): Promise<WorkflowRecord> {
  const comment = input.comment?.trim() ?? '';
  if (!comment) throw new StoreError('invalid', '退回修改时须写明意见');
  if (comment.length > 2000) throw new StoreError('invalid', '退回意见过长（最多 2000 个字）');
  const cells = cleanList(input.cells, '单元格', 200);
  const findingKeys = cleanList(input.findingKeys, '核查结果', 200);
  return inTx(store.db, async (trx) => {
    const row = await lockForStep(store, trx, id, 'return');
    const report = JSON.parse(row.data) as ExtractedReport;
    const badCells = cells.filter((p) => readValue(report, p) === undefined);
    if (badCells.length) throw new StoreError('invalid', `不是本报告的单元格或字段：${badCells.join('、')}`, { cells: badCells });
    const keys = new Set((JSON.parse(row.findings) as Finding[]).map(findingKey));
    const badKeys = findingKeys.filter((k) => !keys.has(k));
    if (badKeys.length) throw new StoreError('invalid', `报告中没有这些核查结果（报告可能已重新核查），请刷新页面：${badKeys.join('、')}`, { findingKeys: badKeys });
    return recordStep(trx, row, 'return', user, actor, { comment, cells, findingKeys, summary: `退回修改${describe(row)}：${comment}` });
  });
}

/** 通过. */
export async function acceptReport(store: Store, id: number, user: StepUser, actor: AuditActor): Promise<WorkflowRecord> {
  return inTx(store.db, async (trx) => {
    const row = await lockForStep(store, trx, id, 'accept');
    return recordStep(trx, row, 'accept', user, actor, { summary: `通过${describe(row)}` });
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A valid calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** An http or https address. */
export function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * 登记发布: the address and date of publication. The date becomes the report's `publishedOn`
 * (a new version, checked again) so the deadline rules judge the real date.
 */
export async function publishReport(store: Store, id: number, input: PublishInput, user: StepUser, actor: AuditActor): Promise<WorkflowRecord> {
  const url = input.url.trim();
  if (!isWebAddress(url) || url.length > 2000) throw new StoreError('invalid', '发布网址应为以 http:// 或 https:// 开头的有效网址（最多 2000 个字符）');
  if (!isIsoDate(input.date)) throw new StoreError('invalid', `发布日期应为 YYYY-MM-DD 格式的有效日期，收到“${input.date}”`);
  return inTx(store.db, async (trx) => {
    const row = await lockForStep(store, trx, id, 'publish');
    if (row.year !== null && input.date < `${row.year}-01-01`) throw new StoreError('invalid', `发布日期 ${input.date} 早于报告年度 ${row.year} 年，请核对`);
    const report = JSON.parse(row.data) as ExtractedReport;
    const step = await recordStep(trx, row, 'publish', user, actor, { publishedUrl: url, publishedOn: input.date, summary: `登记发布${describe(row)}：${input.date}，${url}` });
    if (report.publishedOn !== input.date) {
      const inner: Store = { db: trx, dialect: store.dialect, location: store.location, checkConfig: store.checkConfig, close: async () => {} };
      await correctReport(inner, id, { author: user.username, reason: `登记发布：发布日期 ${input.date}`, changes: [{ path: 'meta.publishedOn', value: input.date }] }, actor);
    }
    return step;
  });
}

function toRecord(r: {
  id: number; step: string; from_status: string; to_status: string; user_id: number | null; username: string; at: string; comment: string | null;
  cells: string; finding_keys: string; published_url: string | null; published_on: string | null;
}): WorkflowRecord {
  return {
    id: r.id, step: r.step as WorkflowStep, from: r.from_status as ReportStatus, to: r.to_status as ReportStatus, userId: r.user_id, username: r.username,
    at: r.at, comment: r.comment, cells: JSON.parse(r.cells) as string[], findingKeys: JSON.parse(r.finding_keys) as string[],
    publishedUrl: r.published_url, publishedOn: r.published_on,
  };
}

/** The report's steps, oldest first. */
export async function listWorkflow(db: Q, id: number): Promise<WorkflowRecord[]> {
  const exists = await db.selectFrom('reports').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const rows = await db.selectFrom('report_workflow').selectAll().where('report_id', '=', id).orderBy('id').execute();
  return rows.map(toRecord);
}

/** The return the report's clerk has to answer: the last step when it is a return, else null. */
export function pendingReturn(steps: readonly WorkflowRecord[], status: ReportStatus): WorkflowRecord | null {
  if (status !== 'returned') return null;
  const last = [...steps].reverse().find((s) => s.step === 'return');
  return last ?? null;
}

export { STATUS_LABEL };
