import { sql } from 'kysely';
import { now, type Store } from './db.ts';
import { StoreError } from './errors.ts';
import { importBatch, importOne, type ImportContext } from './import.ts';
import { expandArchives, lazyTempDir } from './import-archives.ts';
import { DEFAULT_LIMITS, groupsWithin, loadWithin, type ImportFile, type ImportItem, type ImportLimits, type RecordedItem } from './import-files.ts';
import { createJob, jobScope, type ItemInput, type ItemOutcome, type JobHandler, type JobHandlers, type JobOwner, type JobRow, type WorkItem } from './jobs.ts';

/**
 * Import as a background job: the files are kept in job_items (so a worker on
 * any machine can read them) and each is imported all or nothing, keyed by its
 * sha256: a task's files are stored in one transaction, or each in its own when
 * that one fails. A file retried after its worker died finds its report already
 * stored under the job's import and counts as imported, not as a duplicate.
 */

async function* importItems(files: readonly ImportFile[], limits: ImportLimits): AsyncGenerator<ItemInput> {
  const temp = lazyTempDir('ogi-unzip-');
  try {
    yield* keptItems(files, limits, temp.dir);
  } finally {
    await temp.remove();
  }
}

async function* keptItems(files: readonly ImportFile[], limits: ImportLimits, tmp: () => Promise<string>): AsyncGenerator<ItemInput> {
  const { files: expanded, failed } = await expandArchives(files, limits, tmp);
  for (const f of failed) yield { name: f.name, failed: f.reason ?? '无法导入' };
  for (const f of expanded) {
    const loaded = await loadWithin(f, limits.maxFileBytes);
    yield 'failed' in loaded ? { name: f.name, failed: loaded.failed } : { name: f.name, bytes: loaded.file.bytes };
  }
}

/** Queues an import of files (archives unpacked now); returns the job's id. */
export async function enqueueImport(
  store: Store,
  handlers: JobHandlers,
  files: readonly ImportFile[],
  options: { owner: JobOwner; source: string; limits?: Partial<ImportLimits> },
): Promise<number> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (files.length > limits.maxFiles) throw new StoreError('too-large', `一次最多导入 ${limits.maxFiles} 个文件，收到 ${files.length} 个；请分批导入`);
  const batch = await store.db
    .insertInto('imports')
    .values({ source: options.source, author: options.owner.author, created_at: now(), total: files.length, imported: 0, duplicates: 0, failed: 0, items: '[]', user_id: options.owner.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return createJob(store, handlers, { kind: 'import', owner: options.owner, importId: batch.id, params: { limits } }, importItems(files, limits));
}

const STATUS_OF: Record<ImportItem['status'], 'imported' | 'duplicate' | 'failed'> = { imported: 'imported', duplicate: 'duplicate', failed: 'failed' };

/** What an import runs its files with: the job's author, import record, limits and requester's scope. */
function importContext(job: JobRow): ImportContext {
  const params = JSON.parse(job.params) as { limits?: Partial<ImportLimits> };
  return {
    author: job.author, importId: job.import_id!, limits: { ...DEFAULT_LIMITS, ...params.limits }, scope: jobScope(job),
    actor: { userId: job.user_id, username: job.author, address: null },
  };
}

const GONE: ItemOutcome = { status: 'failed', reason: '文件内容已不在任务中，请重新上传' };

async function importItem(store: Store, job: JobRow, item: WorkItem): Promise<ItemOutcome> {
  const row = await store.db.selectFrom('job_items').select('bytes').where('id', '=', item.id).executeTakeFirstOrThrow();
  if (!row.bytes) return GONE;
  return outcome(store, job, item, await importOne(store, { name: item.name, bytes: row.bytes }, importContext(job)));
}

/**
 * The files of a task: read together and stored in one transaction (src/store/import.ts `importBatch`), in groups
 * of at most the limits' `batchBytes`.
 */
async function importTask(store: Store, job: JobRow, items: readonly WorkItem[]): Promise<ItemOutcome[]> {
  const sizes = await store.db
    .selectFrom('job_items').select(['id', sql<number | string | null>`length(bytes)`.as('size')])
    .where('id', 'in', items.map((i) => i.id)).execute();
  const size = new Map(sizes.map((r) => [r.id, r.size === null ? null : Number(r.size)]));
  const kept = items.filter((i) => size.get(i.id) != null);
  const context = importContext(job);
  const byItem = new Map<WorkItem, ImportItem>();
  for (const group of groupsWithin(kept, (i) => size.get(i.id)!, { bytes: context.limits.batchBytes, count: kept.length })) {
    const rows = await store.db.selectFrom('job_items').select(['id', 'bytes']).where('id', 'in', group.map((i) => i.id)).execute();
    const bytes = new Map(rows.map((r) => [r.id, r.bytes]));
    // Bytes cleared since the sizes were read count as gone.
    const present = group.filter((i) => bytes.get(i.id));
    const done = await importBatch(store, present.map((i) => ({ name: i.name, bytes: bytes.get(i.id)! })), context);
    present.forEach((item, k) => byItem.set(item, done[k]!));
  }
  // The outcomes are written after the task: an item before this one in it has claimed its report already.
  const claimed = new Set<number>();
  const out: ItemOutcome[] = [];
  for (const item of items) {
    const imported = byItem.get(item);
    const o = imported ? await outcome(store, job, item, imported, claimed) : GONE;
    if (o.reportId) claimed.add(o.reportId);
    out.push(o);
  }
  return out;
}

/**
 * The item's outcome from its file's: a duplicate of the report an earlier try of this very item stored is that
 * item's import, unless another item has claimed that report (`claimedBefore`: by items whose outcomes are not written yet).
 */
async function outcome(store: Store, job: JobRow, item: WorkItem, imported: ImportItem, claimedBefore: ReadonlySet<number> = new Set()): Promise<ItemOutcome> {
  let out = imported;
  if (out.status === 'duplicate' && out.reportId !== undefined && !claimedBefore.has(out.reportId)) {
    // Stored by an earlier try of this very item (its worker died before writing the outcome)?
    const db = store.db;
    const report = await db.selectFrom('reports').select(['import_id', 'agency', 'year', 'template', 'errors', 'warnings']).where('id', '=', out.reportId).executeTakeFirst();
    const claimed = await db.selectFrom('job_items').select('id').where('job_id', '=', job.id).where('report_id', '=', out.reportId).where('id', '!=', item.id).executeTakeFirst();
    if (report && report.import_id === job.import_id && !claimed) {
      out = { name: out.name, status: 'imported', reportId: out.reportId, agency: report.agency, year: report.year, template: report.template, errors: report.errors, warnings: report.warnings };
    }
  }
  const { name: _name, status, reportId, reason, ...detail } = out;
  return { status: STATUS_OF[status], reportId: reportId ?? null, reason: reason ?? null, detail };
}

export const importJob: JobHandler = {
  chunk: 10,
  runItem: importItem,
  batch: { of: importItem, run: importTask },
  finish: recordImport,
  stopped: recordImport,
};

const NOT_RUN = '任务已取消，未处理；可在任务中心重试';

/** Writes the job's import record as it stands: a cancelled job's files not yet run are listed as cancelled. */
async function recordImport(store: Store, job: JobRow): Promise<void> {
  const db = store.db;
  const items = await db.selectFrom('job_items').select(['name', 'status', 'report_id', 'reason', 'detail']).where('job_id', '=', job.id).orderBy('seq').execute();
  const list: RecordedItem[] = items.map((i) => i.status === 'pending' ? { name: i.name, status: 'cancelled', reason: NOT_RUN } : {
    name: i.name, status: i.status as ImportItem['status'], ...(i.report_id !== null ? { reportId: i.report_id } : {}), ...(i.detail ? JSON.parse(i.detail) : {}), ...(i.reason ? { reason: i.reason } : {}),
  });
  const count = (s: string) => items.filter((i) => i.status === s).length;
  if (job.import_id !== null) {
    await db.updateTable('imports')
      .set({ total: items.length, imported: count('imported'), duplicates: count('duplicate'), failed: count('failed'), items: JSON.stringify(list) })
      .where('id', '=', job.import_id).execute();
  }
  // The kept bytes are no longer needed once a file is in (those that failed or were not run stay, for a retry).
  await db.updateTable('job_items').set({ bytes: null }).where('job_id', '=', job.id).where('status', 'not in', ['failed', 'pending']).execute();
}
