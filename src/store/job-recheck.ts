import { RULES_VERSION } from '../check/pipeline.ts';
import { EXTRACTOR_VERSION } from '../extract/version.ts';
import type { Report } from '../schema/types.ts';
import { recheck } from './checks.ts';
import { inTx, type Store } from './db.ts';
import { readFileReport } from './import.ts';
import { createJob, jobScope, OUTSIDE_SCOPE, type JobHandler, type JobHandlers, type JobOwner } from './jobs.ts';
import { reportVisible, type DataScope } from './scope.ts';

/**
 * Re-check after an upgrade: reports whose findings came from an older rule
 * catalogue (rules_version) or whose data came from an older extractor
 * (producedBy.extractor) are run again. A report never corrected (version 1) is
 * read again from its kept original; a corrected one keeps its data and is only
 * checked again, so no correction is lost.
 */

const staleExtractor = (data: { producedBy?: { extractor?: string } }) => data.producedBy?.extractor !== EXTRACTOR_VERSION;

/** Queues a re-check of the stale reports in the scope (all reports with `all`); returns the job id. */
export async function enqueueRecheck(store: Store, handlers: JobHandlers, owner: JobOwner, options: { all?: boolean } = {}): Promise<number> {
  let q = store.db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.file_name', 'reports.rules_version', 'reports.data']);
  const scope: DataScope = owner.scope ?? { kind: 'all' };
  if (scope.kind === 'agency') q = q.where('reports.agency_id', '=', scope.agencyId);
  if (scope.kind === 'regions') q = q.where('agencies.region_id', 'in', scope.regionIds.length ? scope.regionIds : [-1]);
  const rows = await q.orderBy('reports.id').execute();
  const items = rows
    .filter((r) => options.all || r.rules_version !== RULES_VERSION || staleExtractor(JSON.parse(r.data)))
    .map((r) => ({ name: `#${r.id} ${r.file_name}`, reportId: r.id }));
  return createJob(store, handlers, { kind: 'recheck', owner, params: { rules: RULES_VERSION, extractor: EXTRACTOR_VERSION } }, items);
}

export const recheckJob: JobHandler = {
  chunk: 50,
  async runItem(store, job, item) {
    const db = store.db;
    const r = await db.selectFrom('reports').select(['id', 'agency_id', 'version', 'format', 'file_name', 'data']).where('id', '=', item.report_id ?? -1).executeTakeFirst();
    if (!r) return { status: 'failed', reportId: item.report_id, reason: '报告已删除' };
    if (!(await reportVisible(db, jobScope(job) ?? { kind: 'all' }, r.id))) return { status: 'failed', reportId: r.id, reason: OUTSIDE_SCOPE };
    const data = JSON.parse(r.data) as Report & { producedBy?: { extractor?: string } };
    let fresh: { report: Report; text: string } | null = null;
    let reason: string | null = null;
    if (staleExtractor(data) && r.format !== 'json') {
      if (r.version > 1) reason = '报告已人工修改，保留修改后的数据，只重新核查';
      else {
        const original = await db.selectFrom('originals').select('bytes').where('report_id', '=', r.id).executeTakeFirst();
        if (original) {
          try {
            const { source, report } = await readFileReport({ name: r.file_name, bytes: Buffer.from(original.bytes) });
            if (report.agency === data.agency && report.year === data.year && report.template === data.template) fresh = { report, text: source.text };
            else reason = '按新版读取后机关、年度或格式与已存的不同，未替换数据，只重新核查';
          } catch (err) {
            reason = `原件无法按新版重新读取（${(err as Error).message}），只重新核查`;
          }
        }
      }
    }
    await inTx(db, async (trx) => {
      if (fresh) {
        await trx.updateTable('reports').set({ data: JSON.stringify(fresh.report), tables: JSON.stringify(fresh.report.tables) }).where('id', '=', r.id).execute();
        await trx.updateTable('originals').set({ text: fresh.text }).where('report_id', '=', r.id).execute();
      }
      await recheck(trx, { agencyId: r.agency_id, reportId: r.id }, store.checkConfig);
    });
    return { status: 'done', reportId: r.id, reason, detail: { reread: fresh !== null } };
  },
};
