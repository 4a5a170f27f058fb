import JSZip from 'jszip';
import type { Report } from '../schema/types.ts';
import type { Store } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import { createJob, jobScope, OUTSIDE_SCOPE, type JobHandler, type JobHandlers, type JobOwner } from '../store/jobs.ts';
import { regionVisible, reportVisible, requireRegion, requireReport, type DataScope } from '../store/scope.ts';
import type { ReportFormat } from './export.ts';

/**
 * Roll-up exports and batch renders as background jobs: the file made is kept with the job (GET /api/jobs/{id}/result).
 * The renderers load when such a job runs: an `ogi worker` that imports files never loads them.
 */

const MAX_RENDER = 1000;

export async function enqueueRollup(store: Store, handlers: JobHandlers, owner: JobOwner, input: { regionId: number; year: number; format: 'csv' | 'xlsx' }): Promise<number> {
  await requireRegion(store.db, owner.scope ?? { kind: 'all' }, input.regionId);
  const region = await store.db.selectFrom('regions').select('name').where('id', '=', input.regionId).executeTakeFirstOrThrow();
  return createJob(store, handlers, { kind: 'rollup', owner, params: input }, [{ name: `${region.name}${input.year}年度汇总.${input.format}` }]);
}

export async function enqueueRender(store: Store, handlers: JobHandlers, owner: JobOwner, input: { reportIds: number[]; format: ReportFormat }): Promise<number> {
  if (input.reportIds.length > MAX_RENDER) throw new StoreError('too-large', `一次最多生成 ${MAX_RENDER} 份报告，收到 ${input.reportIds.length} 份`);
  const scope: DataScope = owner.scope ?? { kind: 'all' };
  for (const id of input.reportIds) await requireReport(store.db, scope, id);
  return createJob(store, handlers, { kind: 'render', owner, params: { format: input.format } }, input.reportIds.map((id) => ({ name: `报告 ${id}`, reportId: id })));
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

export const rollupJob: JobHandler = {
  chunk: 1,
  async runItem(store, job, item) {
    const p = JSON.parse(job.params) as { regionId: number; year: number; format: 'csv' | 'xlsx' };
    if (!regionVisible(jobScope(job) ?? { kind: 'all' }, p.regionId)) return { status: 'failed', reason: OUTSIDE_SCOPE };
    const { rollupFile } = await import('./routes-regions.ts');
    const res = await rollupFile(store.db, p.regionId, p.year, p.format);
    await store.db.updateTable('jobs').set({ result: await bytesOf(res), result_name: item.name, result_type: res.headers.get('content-type') }).where('id', '=', job.id).execute();
    return { status: 'done' };
  },
};

export const renderJob: JobHandler = {
  chunk: 20,
  async runItem(store, job, item) {
    const { format } = JSON.parse(job.params) as { format: ReportFormat };
    const row = await store.db.selectFrom('reports').select(['id', 'agency', 'year', 'data']).where('id', '=', item.report_id ?? -1).executeTakeFirst();
    if (!row) return { status: 'failed', reportId: item.report_id, reason: '报告已删除' };
    if (!(await reportVisible(store.db, jobScope(job) ?? { kind: 'all' }, row.id))) return { status: 'failed', reportId: row.id, reason: OUTSIDE_SCOPE };
    const name = `${String(item.seq + 1).padStart(4, '0')}-${row.agency ?? '未识别机关'}${row.year ?? ''}`.replace(/[\\/:*?"<>|]/g, '_');
    const { renderReport } = await import('./export.ts');
    const bytes = await bytesOf(await renderReport(JSON.parse(row.data) as Report, format, name));
    await store.db.updateTable('job_items').set({ bytes, name: `${name}.${format}` }).where('id', '=', item.id).execute();
    return { status: 'done', reportId: row.id };
  },
  async finish(store, job) {
    const zip = new JSZip();
    const items = await store.db.selectFrom('job_items').select(['id', 'name', 'bytes']).where('job_id', '=', job.id).where('status', '=', 'done').orderBy('seq').execute();
    for (const i of items) if (i.bytes) zip.file(i.name, i.bytes);
    const result = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await store.db.updateTable('jobs').set({ result, result_name: `批量生成-${job.id}.zip`, result_type: 'application/zip' }).where('id', '=', job.id).execute();
    await store.db.updateTable('job_items').set({ bytes: null }).where('job_id', '=', job.id).execute();
  },
};
