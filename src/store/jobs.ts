import { sql, type Selectable } from 'kysely';
import { inTx, now, type JobsTable, type Store } from './db.ts';
import { StoreError } from './errors.ts';
import { ownerNow } from './job-owner.ts';
import { jobQueueOf, TASK_ATTEMPTS, type TaskRef } from './job-queue.ts';
import type { DataScope } from './scope.ts';

/**
 * Background jobs: a job (import, re-check, roll-up export, batch render) has
 * items — files or reports — each with its own outcome, and runs as tasks, each
 * a range of items, on the store's queue (src/store/job-queue.ts). Every item is
 * done all or nothing (in its own transaction, or in one with the other items of
 * its task: `batch`) and its outcome written after it: a task retried after its
 * worker died skips the items already done and redoes the rest.
 */

export type JobRow = Selectable<JobsTable>;
export type JobStatus = 'preparing' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ItemInput {
  name: string;
  bytes?: Buffer | null;
  reportId?: number | null;
  /** An item that failed before the job ran (e.g. a damaged archive): kept with its reason. */
  failed?: string;
}

export interface WorkItem {
  id: number;
  seq: number;
  name: string;
  report_id: number | null;
}

export interface ItemOutcome {
  status: 'imported' | 'duplicate' | 'failed' | 'done';
  reportId?: number | null;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface JobHandler {
  /** Items per task: what one worker takes at a time. */
  chunk: number;
  runItem(store: Store, job: JobRow, item: WorkItem): Promise<ItemOutcome>;
  /**
   * Runs a task's items together, each with the outcome `runItem` would give it, one after another (an import
   * reads a task's files at once and stores them in one transaction). Taken only while `runItem` is `batch.of`:
   * a handler that replaces `runItem` (wrapping it, say) runs item by item.
   */
  batch?: { of: JobHandler['runItem']; run(store: Store, job: JobRow, items: readonly WorkItem[]): Promise<ItemOutcome[]> };
  /** After the last item (once per job). */
  finish?(store: Store, job: JobRow): Promise<void>;
  /** After the job was cancelled, each time a runner stops on it: records what was done so far. */
  stopped?(store: Store, job: JobRow): Promise<void>;
}

export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobOwner {
  userId: number | null;
  author: string;
  scope: DataScope | null;
}

export const JOB_KIND_LABELS: Readonly<Record<string, string>> = { import: '导入', recheck: '重新核查', rollup: '汇总导出', render: '批量生成' };

/** Items inserted together while a job is created: at most this many, and at most INSERT_BYTES of kept files. */
const INSERT_BATCH = 50;
const INSERT_BYTES = 16 * 1024 * 1024;

/** Ranges of `chunk` consecutive pending items. */
async function pendingTasks(store: Store, jobId: number, chunk: number): Promise<TaskRef[]> {
  const rows = await store.db.selectFrom('job_items').select('seq').where('job_id', '=', jobId).where('status', '=', 'pending').orderBy('seq').execute();
  const tasks: TaskRef[] = [];
  for (let i = 0; i < rows.length; i += chunk) tasks.push({ jobId, from: rows[i]!.seq, to: rows[Math.min(i + chunk, rows.length) - 1]!.seq });
  return tasks;
}

/** Creates a job with its items and queues its tasks; returns its id. */
export async function createJob(
  store: Store,
  handlers: JobHandlers,
  input: { kind: string; owner: JobOwner; params?: Record<string, unknown>; importId?: number | null },
  items: Iterable<ItemInput> | AsyncIterable<ItemInput>,
): Promise<number> {
  const handler = handlers[input.kind];
  if (!handler) throw new StoreError('invalid', `未知的任务类型：${input.kind}`);
  const job = await store.db
    .insertInto('jobs')
    .values({
      kind: input.kind, status: 'preparing', user_id: input.owner.userId, author: input.owner.author,
      scope: input.owner.scope ? JSON.stringify(input.owner.scope) : null, params: JSON.stringify(input.params ?? {}),
      total: 0, import_id: input.importId ?? null, created_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let seq = 0;
  let batch: ItemInput[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    const at = now();
    const rows = batch.map((it) => ({
      job_id: job.id, seq: seq++, name: it.name, bytes: it.bytes ?? null, report_id: it.reportId ?? null,
      status: it.failed ? 'failed' : 'pending', reason: it.failed ?? null, updated_at: at,
    }));
    await inTx(store.db, (trx) => trx.insertInto('job_items').values(rows).execute());
    batch = [];
    batchBytes = 0;
  };
  for await (const item of items) {
    batch.push(item);
    batchBytes += item.bytes?.length ?? 0;
    if (batch.length >= INSERT_BATCH || batchBytes >= INSERT_BYTES) await flush();
  }
  await flush();
  // Only a job still preparing is queued: one cancelled meanwhile stays cancelled, its items kept for a retry.
  const queued = await store.db.updateTable('jobs').set({ total: seq, status: 'queued' }).where('id', '=', job.id).where('status', '=', 'preparing').executeTakeFirst();
  if (Number(queued.numUpdatedRows) !== 1) {
    await store.db.updateTable('jobs').set({ total: seq }).where('id', '=', job.id).execute();
    await recordIfCancelled(store, handlers, job.id);
    return job.id;
  }
  await (await jobQueueOf(store)).dispatch(await pendingTasks(store, job.id, handler.chunk));
  await finishIfComplete(store, handlers, job.id);
  return job.id;
}

/** Runs one task: the pending items of its range, one after another, unless the job was cancelled. */
export async function runTask(store: Store, handlers: JobHandlers, task: TaskRef, attempt: number): Promise<void> {
  const db = store.db;
  const job = await db.selectFrom('jobs').selectAll().where('id', '=', task.jobId).executeTakeFirst();
  if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
  const range = db.updateTable('job_items').where('job_id', '=', job.id).where('seq', '>=', task.from).where('seq', '<=', task.to).where('status', '=', 'pending');
  if (attempt > TASK_ATTEMPTS) {
    await range.set({ status: 'failed', reason: `${TASK_ATTEMPTS} 次处理均未完成（处理进程中断或超时），已放弃；可在任务中心重试`, updated_at: now() }).execute();
    await finishIfComplete(store, handlers, job.id);
    return;
  }
  const handler = handlers[job.kind];
  if (!handler) throw new Error(`未知的任务类型：${job.kind}`);
  const owner = await ownerNow(db, job);
  if (!owner.ok) {
    await range.set({ status: 'failed', reason: `${owner.reason}，未处理`, updated_at: now() }).execute();
    await finishIfComplete(store, handlers, job.id);
    return;
  }
  // Each item runs with the scope its requester has now, not the one stored when the job was queued.
  const acting: JobRow = { ...job, scope: owner.scope ? JSON.stringify(owner.scope) : null };
  if (job.status === 'queued') await db.updateTable('jobs').set({ status: 'running', started_at: now() }).where('id', '=', job.id).where('status', '=', 'queued').execute();
  const items = await db
    .selectFrom('job_items').select(['id', 'seq', 'name', 'report_id'])
    .where('job_id', '=', job.id).where('seq', '>=', task.from).where('seq', '<=', task.to).where('status', '=', 'pending')
    .orderBy('seq').execute();
  if (handler.batch && handler.batch.of === handler.runItem) {
    // Outcomes are written once the batch is done, each only if no other runner wrote its item's first.
    if (items.length) await writeOutcomes(store, items, await handler.batch.run(store, acting, items));
  } else {
    // A range may be delivered twice (a cancelled job's task and its retry's, or a redelivery while the first
    // worker still runs): an item another runner finished is skipped, and only the first outcome is kept.
    for (const item of items) {
      const current = await db
        .selectFrom('job_items').innerJoin('jobs', 'jobs.id', 'job_items.job_id')
        .select(['job_items.status as item', 'jobs.status as job']).where('job_items.id', '=', item.id)
        .executeTakeFirst();
      if (current?.job === 'cancelled') break;
      if (current?.item !== 'pending') continue;
      await writeOutcomes(store, [item], [await handler.runItem(store, acting, item)]);
    }
  }
  await finishIfComplete(store, handlers, job.id);
  await recordIfCancelled(store, handlers, job.id);
}

/** Writes items' outcomes in one statement, each only if no other runner wrote its item's first. */
async function writeOutcomes(store: Store, items: readonly WorkItem[], outs: readonly ItemOutcome[]): Promise<void> {
  // Each column by item id (PostgreSQL takes the branches as text, so report_id is cast back).
  const byItem = (value: (out: ItemOutcome) => string | number | null, cast?: 'integer') =>
    sql<never>`case ${sql.ref('id')} ${sql.join(items.map((item, k) => {
      const v = value(outs[k]!);
      return sql`when ${item.id} then ${cast ? sql`cast(${v} as integer)` : v}`;
    }), sql` `)} end`;
  await store.db
    .updateTable('job_items')
    .set({
      status: byItem((o) => o.status), report_id: byItem((o) => o.reportId ?? null, 'integer'), reason: byItem((o) => o.reason ?? null),
      detail: byItem((o) => (o.detail ? JSON.stringify(o.detail) : null)), updated_at: now(),
    })
    .where('id', 'in', items.map((i) => i.id))
    .where('status', '=', 'pending')
    .execute();
}

/** Lets a cancelled job's kind record what was done (its last item may have finished after the cancel). */
async function recordIfCancelled(store: Store, handlers: JobHandlers, jobId: number): Promise<void> {
  const row = await store.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirst();
  if (row?.status !== 'cancelled') return;
  const job = await store.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  await handlers[job.kind]?.stopped?.(store, job);
}

/** Marks the job done when no item is pending (once, whoever gets there first) and lets its kind finish. */
async function finishIfComplete(store: Store, handlers: JobHandlers, jobId: number): Promise<void> {
  const db = store.db;
  const pending = await db.selectFrom('job_items').select('id').where('job_id', '=', jobId).where('status', '=', 'pending').limit(1).executeTakeFirst();
  if (pending) return;
  const r = await db.updateTable('jobs').set({ status: 'done', finished_at: now() }).where('id', '=', jobId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return;
  const job = await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  try {
    await handlers[job.kind]?.finish?.(store, job);
  } catch (err) {
    await db.updateTable('jobs').set({ status: 'failed', error: `完成时出错（${(err as Error).message}）` }).where('id', '=', jobId).execute();
  }
}

export interface JobViewer {
  id: number;
  role: string;
}

export interface JobCounts {
  pending: number;
  imported: number;
  duplicate: number;
  failed: number;
  done: number;
}

export interface JobSummary {
  id: number;
  kind: string;
  kindLabel: string;
  status: string;
  author: string;
  total: number;
  counts: JobCounts;
  importId: number | null;
  error: string | null;
  hasResult: boolean;
  resultName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const emptyCounts = (): JobCounts => ({ pending: 0, imported: 0, duplicate: 0, failed: 0, done: 0 });

async function countsOf(store: Store, ids: readonly number[]): Promise<Map<number, JobCounts>> {
  const out = new Map<number, JobCounts>(ids.map((id) => [id, emptyCounts()]));
  if (!ids.length) return out;
  const rows = await store.db
    .selectFrom('job_items').select(['job_id', 'status', sql<number>`count(*)`.as('n')])
    .where('job_id', 'in', ids).groupBy(['job_id', 'status']).execute();
  for (const r of rows) {
    const c = out.get(r.job_id)!;
    if (r.status in c) c[r.status as keyof JobCounts] = Number(r.n);
  }
  return out;
}

const summary = (j: Omit<JobRow, 'result'> & { has_result?: unknown }, counts: JobCounts): JobSummary => ({
  id: j.id, kind: j.kind, kindLabel: JOB_KIND_LABELS[j.kind] ?? j.kind, status: j.status, author: j.author, total: j.total, counts,
  importId: j.import_id, error: j.error, hasResult: j.result_name !== null, resultName: j.result_name,
  createdAt: j.created_at, startedAt: j.started_at, finishedAt: j.finished_at,
});

const SUMMARY_COLUMNS = ['id', 'kind', 'status', 'user_id', 'author', 'scope', 'params', 'total', 'import_id', 'error', 'result_name', 'result_type', 'created_at', 'started_at', 'finished_at'] as const;

/** The viewer's jobs (an admin's: everyone's), newest first. */
export async function listJobs(store: Store, viewer: JobViewer, limit = 100): Promise<JobSummary[]> {
  let q = store.db.selectFrom('jobs').select([...SUMMARY_COLUMNS]);
  if (viewer.role !== 'admin') q = q.where('user_id', '=', viewer.id);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  const counts = await countsOf(store, rows.map((r) => r.id));
  return rows.map((r) => summary(r, counts.get(r.id)!));
}

async function ownJob(store: Store, viewer: JobViewer | null, id: number) {
  const row = await store.db.selectFrom('jobs').select([...SUMMARY_COLUMNS]).where('id', '=', id).executeTakeFirst();
  if (!row || (viewer && viewer.role !== 'admin' && row.user_id !== viewer.id)) throw new StoreError('not-found', `任务 ${id} 不存在`);
  return row;
}

export interface JobItemView {
  seq: number;
  name: string;
  status: string;
  reportId: number | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

/** A job with its counts (null viewer: the command line, which sees every job). */
export async function jobSummary(store: Store, viewer: JobViewer | null, id: number): Promise<JobSummary> {
  const row = await ownJob(store, viewer, id);
  return summary(row, (await countsOf(store, [id])).get(id)!);
}

export const ITEMS_LIMIT = 200;
export const MAX_ITEMS_LIMIT = 1000;

export interface JobDetail extends JobSummary {
  /** Items in the job; `items` is the page of them from `offset`. */
  itemsTotal: number;
  offset: number;
  limit: number;
  items: JobItemView[];
}

/** A job with the outcome of a page of its items, in order (a job may have 100 000). */
export async function jobDetail(store: Store, viewer: JobViewer | null, id: number, page: { offset?: number; limit?: number } = {}): Promise<JobDetail> {
  const job = await jobSummary(store, viewer, id);
  const offset = page.offset ?? 0;
  const limit = Math.min(page.limit ?? ITEMS_LIMIT, MAX_ITEMS_LIMIT);
  const items = await store.db.selectFrom('job_items').select(['seq', 'name', 'status', 'report_id', 'reason', 'detail'])
    .where('job_id', '=', id).orderBy('seq').limit(limit).offset(offset).execute();
  return {
    ...job,
    itemsTotal: Object.values(job.counts).reduce((a, b) => a + b, 0),
    offset,
    limit,
    items: items.map((i) => ({ seq: i.seq, name: i.name, status: i.status, reportId: i.report_id, reason: i.reason, detail: i.detail ? JSON.parse(i.detail) : null })),
  };
}

const ACTIVE: readonly string[] = ['preparing', 'queued', 'running'];

/** Stops a job being prepared, queued or running: items not yet done stay pending (a retry takes them up). */
export async function cancelJob(store: Store, handlers: JobHandlers, viewer: JobViewer | null, id: number): Promise<void> {
  await ownJob(store, viewer, id);
  const r = await store.db.updateTable('jobs').set({ status: 'cancelled', finished_at: now() }).where('id', '=', id).where('status', 'in', ACTIVE).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new StoreError('conflict', `任务 ${id} 已结束，无法取消`);
  await store.db.updateTable('job_tasks').set({ state: 'done' }).where('job_id', '=', id).where('state', '=', 'pending').execute();
  await recordIfCancelled(store, handlers, id);
}

/** Runs a finished job's failed items (and a cancelled job's pending ones) again. */
export async function retryJob(store: Store, handlers: JobHandlers, viewer: JobViewer | null, id: number): Promise<void> {
  const row = await ownJob(store, viewer, id);
  if (row.status !== 'done' && row.status !== 'failed' && row.status !== 'cancelled') throw new StoreError('conflict', `任务 ${id} 尚未结束，无需重试`);
  const handler = handlers[row.kind];
  if (!handler) throw new StoreError('invalid', `未知的任务类型：${row.kind}`);
  // A retry runs with what the job's requester may do now (an admin's retry of another's job too: never more).
  const owner = await ownerNow(store.db, row);
  if (!owner.ok) throw new StoreError('forbidden', `${owner.reason}，不能重试此任务；如仍需要，请由有权限的账户重新发起`);
  // Items that failed before the job ran have nothing to run again (an import's unreadable archive entry keeps no bytes).
  let again = store.db.updateTable('job_items').set({ status: 'pending', reason: null, updated_at: now() }).where('job_id', '=', id).where('status', '=', 'failed');
  if (row.kind === 'import') again = again.where('bytes', 'is not', null);
  await again.execute();
  const tasks = await pendingTasks(store, id, handler.chunk);
  if (!tasks.length) throw new StoreError('conflict', `任务 ${id} 没有可重试的项目`);
  await store.db.updateTable('jobs').set({ status: 'queued', scope: owner.scope ? JSON.stringify(owner.scope) : null, error: null, finished_at: null }).where('id', '=', id).execute();
  await (await jobQueueOf(store)).dispatch(tasks);
}

/** The file a roll-up export or batch render made. */
export async function jobResult(store: Store, viewer: JobViewer | null, id: number): Promise<{ name: string; type: string; bytes: Buffer }> {
  await ownJob(store, viewer, id);
  const row = await store.db.selectFrom('jobs').select(['result', 'result_name', 'result_type']).where('id', '=', id).executeTakeFirstOrThrow();
  if (!row.result || !row.result_name) throw new StoreError('not-found', `任务 ${id} 没有生成文件`);
  return { name: row.result_name, type: row.result_type ?? 'application/octet-stream', bytes: Buffer.from(row.result) };
}

/** Why an item of a job was not run: its requester's scope no longer holds it. */
export const OUTSIDE_SCOPE = '不在任务发起人现在的数据范围内，未处理';

/** The scope a job runs with. */
export const jobScope = (job: JobRow): DataScope | undefined => (job.scope ? (JSON.parse(job.scope) as DataScope) : undefined);
