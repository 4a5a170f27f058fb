import { sql } from 'kysely';
import { messagesOf } from '../check/messages.ts';
import type { Finding, Severity } from '../check/types.ts';
import type { Message } from '../schema/message.ts';
import type { ExtractedReport } from '../extract/index.ts';
import type { Cell } from '../schema/types.ts';
import { recheck } from './checks.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { bumpDataVersion, dataVersion, inTx, num, type Q, type Store } from './db.ts';
import { StoreError } from './errors.ts';
import { withTriage, type TriagedFinding } from './triage.ts';
import { listPage } from './list-pages.ts';
import { listRegions, regionPath, subtreeIds } from './regions.ts';
import type { DataScope } from './scope.ts';
import type { ReportStatus } from './workflow-steps.ts';

export interface ReportSummary {
  id: number;
  fileName: string;
  format: string;
  size: number;
  agencyId: number | null;
  agency: string | null;
  regionId: number | null;
  regionPath: string[];
  year: number | null;
  template: string;
  issuerType: string;
  version: number;
  /** Open findings by severity: a finding a reviewer dismissed as 误报 is counted in `dismissed` instead. */
  errors: number;
  warnings: number;
  infos: number;
  dismissed: number;
  /** The reporting workflow's status (src/store/workflow.ts). */
  status: ReportStatus;
  publishedUrl: string | null;
  publishedOn: string | null;
  importId: number | null;
  importedAt: string;
  updatedAt: string;
}

export const SORTS = ['year', 'agency', 'errors', 'warnings', 'imported', 'id'] as const;
export type ReportSort = (typeof SORTS)[number];

export interface ReportFilter {
  year?: number;
  agencyId?: number;
  /** Part of the agency name. */
  agency?: string;
  /** Reports of agencies in this region or below. */
  regionId?: number;
  template?: string;
  /** error: has errors; warning: has warnings; info: has notes; clean: neither errors nor warnings. */
  severity?: Severity | 'clean';
  importId?: number;
  sort?: ReportSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  /** Only the reports the user may see (default: all). */
  scope?: DataScope;
}

const SUMMARY_COLUMNS = [
  'reports.id', 'reports.file_name', 'reports.format', 'reports.size', 'reports.agency_id', 'reports.agency', 'reports.year',
  'reports.template', 'reports.issuer_type', 'reports.version', 'reports.errors', 'reports.warnings', 'reports.infos',
  'reports.dismissed', 'reports.status', 'reports.published_url', 'reports.published_on', 'reports.import_id', 'reports.imported_at', 'reports.updated_at', 'agencies.region_id',
] as const;

type SummaryRow = {
  id: number; file_name: string; format: string; size: number; agency_id: number | null; agency: string | null; year: number | null;
  template: string; issuer_type: string; version: number; errors: number; warnings: number; infos: number; dismissed: number; status: string; published_url: string | null; published_on: string | null; import_id: number | null;
  imported_at: string; updated_at: string; region_id: number | null;
};

function toSummary(r: SummaryRow, paths: (id: number | null) => string[]): ReportSummary {
  return {
    id: r.id, fileName: r.file_name, format: r.format, size: num(r.size), agencyId: r.agency_id, agency: r.agency,
    regionId: r.region_id, regionPath: paths(r.region_id), year: r.year, template: r.template, issuerType: r.issuer_type,
    version: r.version, errors: r.errors, warnings: r.warnings, infos: r.infos, dismissed: num(r.dismissed),
    status: r.status as ReportStatus, publishedUrl: r.published_url, publishedOn: r.published_on, importId: r.import_id,
    importedAt: r.imported_at, updatedAt: r.updated_at,
  };
}

/**
 * The filtered list, one page of it, and how many reports match in all.
 * `seenVersion`: the data version the caller has just read (see `listPage`).
 */
export async function listReports(db: Q, filter: ReportFilter = {}, seenVersion?: number): Promise<{ total: number; items: ReportSummary[] }> {
  // One read of the data version for the regions and the list kept under it.
  const seen = db.isTransaction ? undefined : (seenVersion ?? (await dataVersion(db)));
  const regions = await listRegions(db, seen);
  let q = db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id');
  const scope = filter.scope ?? { kind: 'all' };
  if (scope.kind === 'regions') q = q.where('agencies.region_id', 'in', scope.regionIds);
  if (scope.kind === 'agency') q = q.where('reports.agency_id', '=', scope.agencyId);
  if (filter.year !== undefined) q = q.where('reports.year', '=', filter.year);
  if (filter.agencyId !== undefined) q = q.where('reports.agency_id', '=', filter.agencyId);
  if (filter.agency) {
    const part = filter.agency.replace(/\s+/g, '').replace(/[%_\\]/g, '');
    if (part) q = q.where('agencies.name_key', 'like', `%${part}%`);
  }
  if (filter.regionId !== undefined) {
    const outside = scope.kind === 'regions' && !scope.regionIds.includes(filter.regionId);
    if (outside || !regions.some((r) => r.id === filter.regionId)) throw new StoreError('not-found', `区域 ${filter.regionId} 不存在`);
    q = q.where('agencies.region_id', 'in', subtreeIds(regions, filter.regionId));
  }
  if (filter.template) q = q.where('reports.template', '=', filter.template);
  if (filter.importId !== undefined) q = q.where('reports.import_id', '=', filter.importId);
  switch (filter.severity) {
    case 'error': q = q.where('reports.errors', '>', 0); break;
    case 'warning': q = q.where('reports.warnings', '>', 0); break;
    case 'info': q = q.where('reports.infos', '>', 0); break;
    case 'clean': q = q.where('reports.errors', '=', 0).where('reports.warnings', '=', 0); break;
  }
  const dir = filter.order ?? (filter.sort === 'agency' || filter.sort === 'id' ? 'asc' : 'desc');
  // The page's ids first, then their rows: a report's later columns are stored after its data (tens of KB), so
  // sorting every matching row with all the list's columns would read each one whole.
  let ordered = q.select('reports.id');
  // In the default order the first ids come from an index (migration 13) and the total is counted apart; a window
  // count beside them would make the database read and sort every matching row. Other orders sort every matching
  // row anyway: there the total rides on the ids, saving a second pass over them.
  const indexed = (filter.sort ?? 'year') === 'year' && dir === 'desc';
  switch (filter.sort ?? 'year') {
    case 'year': ordered = ordered.orderBy('reports.year', (o) => (dir === 'asc' ? o.asc() : o.desc()).nullsLast()).orderBy('reports.agency', (o) => o.asc().nullsLast()); break;
    case 'agency': ordered = ordered.orderBy('reports.agency', (o) => (dir === 'asc' ? o.asc() : o.desc()).nullsLast()).orderBy('reports.year', (o) => o.desc().nullsLast()); break;
    case 'errors': ordered = ordered.orderBy('reports.errors', dir).orderBy('reports.warnings', dir); break;
    case 'warnings': ordered = ordered.orderBy('reports.warnings', dir).orderBy('reports.errors', dir); break;
    case 'imported': ordered = ordered.orderBy('reports.imported_at', dir); break;
    case 'id': ordered = ordered.orderBy('reports.id', dir); break;
  }
  ordered = ordered.orderBy('reports.id', 'asc');
  const { limit = 50, offset = 0, ...listed } = filter;
  const { total, ids } = await listPage(
    db,
    JSON.stringify({ ...listed, sort: filter.sort ?? 'year', order: dir }),
    { limit, offset },
    (n, from) => (indexed ? ordered : ordered.select((eb) => eb.fn.countAll().over().as('n'))).limit(n).offset(from).execute(),
    async () => (await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    seen,
  );
  const byId = new Map(
    ids.length
      ? ((await db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id').select([...SUMMARY_COLUMNS]).where('reports.id', 'in', ids).execute()) as SummaryRow[]).map((r) => [r.id, r])
      : [],
  );
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const cache = new Map<number | null, string[]>();
  const paths = (id: number | null) => {
    if (!cache.has(id)) cache.set(id, regionPath(regions, id));
    return cache.get(id)!;
  };
  return { total, items: rows.map((r) => toSummary(r, paths)) };
}

export interface Correction {
  path: string;
  /** The value as imported (read from the original). */
  imported: Cell | string | null;
  value: Cell | string | null;
  version: number;
  author: string;
  at: string;
  reason: string | null;
}

export interface ReportDetail extends ReportSummary {
  contentHash: string;
  report: ExtractedReport;
  /** Every finding with its key and reviewers' decision (dismissed ones included). */
  findings: TriagedFinding[];
  /** One list: the findings, and the extractor's notes no finding reports. */
  messages: Message[];
  /** The reading that produced the data and the rules that produced the findings (null when not recorded). */
  versions: { extractor: string | null; rules: string | null };
  /** Cells and fields whose current value differs from the one imported, with the last correction. */
  corrections: Correction[];
  /** The decoded text the provenance offsets point into (omitted when not asked for). */
  text?: string;
  encoding: string;
}

export async function reportSummary(db: Q, id: number): Promise<ReportSummary> {
  const row = (await db
    .selectFrom('reports')
    .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select([...SUMMARY_COLUMNS])
    .where('reports.id', '=', id)
    .executeTakeFirst()) as SummaryRow | undefined;
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const regions = row.region_id === null ? [] : await listRegions(db);
  return toSummary(row, (r) => regionPath(regions, r));
}

/** `seenVersion`: the data version the caller has just read (see `listRegions`). */
export async function getReport(db: Q, id: number, options: { text?: boolean; seenVersion?: number } = {}): Promise<ReportDetail> {
  const row = (await db
    .selectFrom('reports')
    .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
    .leftJoin('originals', 'originals.report_id', 'reports.id')
    .select([...SUMMARY_COLUMNS, 'reports.data', 'reports.findings', 'reports.rules_version', 'reports.content_hash', 'originals.encoding'])
    .$if(options.text !== false, (q) => q.select('originals.text'))
    .where('reports.id', '=', id)
    .executeTakeFirst()) as (SummaryRow & { data: string; findings: string; rules_version: string | null; content_hash: string; encoding: string | null; text?: string | null }) | undefined;
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const regions = row.region_id === null ? [] : await listRegions(db, options.seenVersion);
  const summary = toSummary(row, (r) => regionPath(regions, r));
  const report = JSON.parse(row.data) as ExtractedReport;
  const findings = await withTriage(db, id, storedFindings(row.findings), report.tables);
  return {
    ...summary,
    contentHash: row.content_hash,
    report,
    findings,
    messages: messagesOf(report, findings),
    versions: { extractor: report.producedBy?.extractor ?? null, rules: row.rules_version },
    corrections: row.version > 1 ? await corrections(db, id) : [],
    ...(options.text === false ? {} : { text: row.text ?? '' }),
    encoding: row.encoding ?? '',
  };
}

export interface VersionChange {
  path: string;
  old: Cell | string | null;
  new: Cell | string | null;
}

/** The current corrections: for each path changed since import and not back to its imported value. */
async function corrections(db: Q, id: number): Promise<Correction[]> {
  const versions = await db
    .selectFrom('report_versions')
    .select(['version', 'author', 'reason', 'changes', 'created_at'])
    .where('report_id', '=', id)
    .where('version', '>', 1)
    .orderBy('version')
    .execute();
  const byPath = new Map<string, Correction>();
  for (const v of versions) {
    for (const c of JSON.parse(v.changes) as VersionChange[]) {
      const first = byPath.get(c.path)?.imported;
      byPath.set(c.path, {
        path: c.path, imported: byPath.has(c.path) ? first! : c.old, value: c.new,
        version: v.version, author: v.author, at: v.created_at, reason: v.reason,
      });
    }
  }
  return [...byPath.values()].filter((c) => c.value !== c.imported);
}

/** The findings of a report with their keys and reviewers' decisions. */
export async function getFindings(db: Q, id: number): Promise<TriagedFinding[]> {
  const row = await db.selectFrom('reports').select(['findings', 'data']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  return withTriage(db, id, storedFindings(row.findings), (JSON.parse(row.data) as ExtractedReport).tables);
}

/** Findings as stored; those stored before findings carried `source` and `code` get them from `rule`. */
function storedFindings(json: string): Finding[] {
  return (JSON.parse(json) as Finding[]).map((f) => (f.code ? f : { ...f, source: 'check', code: f.rule }));
}

export async function getOriginal(db: Q, id: number): Promise<{ bytes: Buffer; text: string; encoding: string; fileName: string; format: string }> {
  const row = await db
    .selectFrom('originals')
    .innerJoin('reports', 'reports.id', 'originals.report_id')
    .select(['originals.bytes', 'originals.text', 'originals.encoding', 'reports.file_name', 'reports.format'])
    .where('originals.report_id', '=', id)
    .executeTakeFirst();
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  return { bytes: Buffer.from(row.bytes), text: row.text, encoding: row.encoding, fileName: row.file_name, format: row.format };
}

/** The current data of several reports, in the order given (missing ids are left out). */
export async function reportData(db: Q, ids: readonly number[]): Promise<ExtractedReport[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('reports').select(['id', 'data']).where('id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.data) as ExtractedReport]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Deletes a report with its original and versions; the checks of its agency's other reports run again. */
export async function deleteReport(store: Store, id: number, actor: AuditActor | null = null): Promise<void> {
  await inTx(store.db, async (trx) => {
    const row = await trx.selectFrom('reports').select(['agency_id', 'agency', 'year', 'file_name', 'content_hash']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
    // The entry keeps what identifies the report, never its content.
    await recordAudit(trx, actor, {
      action: 'report.delete',
      summary: `删除报告 ${id}：${row.agency ?? '（未识别机关）'}${row.year ? ` ${row.year} 年度` : ''}（${row.file_name.split('/').pop()}）`,
      detail: { reportId: id, agencyId: row.agency_id, agency: row.agency, year: row.year, fileName: row.file_name, sha256: row.content_hash },
      reportId: id,
      agencyId: row.agency_id,
    });
    await trx.deleteFrom('report_workflow').where('report_id', '=', id).execute();
    await trx.deleteFrom('report_versions').where('report_id', '=', id).execute();
    await trx.deleteFrom('originals').where('report_id', '=', id).execute();
    await trx.deleteFrom('reports').where('id', '=', id).execute();
    await bumpDataVersion(trx);
    if (row.agency_id !== null) await recheck(trx, { agencyId: row.agency_id }, store.checkConfig);
  });
}

/** Counts for a dashboard: reports, agencies, regions, years and templates present, findings — within the scope given. */
export async function storeSummary(db: Q, scope: DataScope = { kind: 'all' }): Promise<{
  reports: number; agencies: number; regions: number; years: number[]; templates: string[];
  withErrors: number; withWarnings: number; errors: number; warnings: number;
}> {
  const scoped = () => {
    let q = db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id');
    if (scope.kind === 'regions') q = q.where('agencies.region_id', 'in', scope.regionIds);
    if (scope.kind === 'agency') q = q.where('reports.agency_id', '=', scope.agencyId);
    return q;
  };
  const totals = await scoped()
    .select((eb) => [
      eb.fn.countAll().as('n'),
      eb.fn.sum('reports.errors').as('errors'),
      eb.fn.sum('reports.warnings').as('warnings'),
      sql<number>`sum(case when reports.errors > 0 then 1 else 0 end)`.as('with_errors'),
      sql<number>`sum(case when reports.warnings > 0 then 1 else 0 end)`.as('with_warnings'),
    ])
    .executeTakeFirstOrThrow();
  let agencyQuery = db.selectFrom('agencies').select((eb) => eb.fn.countAll().as('n'));
  if (scope.kind === 'regions') agencyQuery = agencyQuery.where('region_id', 'in', scope.regionIds);
  if (scope.kind === 'agency') agencyQuery = agencyQuery.where('id', '=', scope.agencyId);
  const agencies = await agencyQuery.executeTakeFirstOrThrow();
  const regions = scope.kind === 'all' ? num((await db.selectFrom('regions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : scope.kind === 'regions' ? scope.regionIds.length : 0;
  const years = await scoped().select('reports.year').distinct().where('reports.year', 'is not', null).execute();
  const templates = await scoped().select('reports.template').distinct().execute();
  return {
    reports: num(totals.n), agencies: num(agencies.n), regions,
    years: years.map((y) => y.year!).sort((a, b) => b - a),
    templates: templates.map((t) => t.template).sort(),
    withErrors: num(totals.with_errors), withWarnings: num(totals.with_warnings), errors: num(totals.errors), warnings: num(totals.warnings),
  };
}
