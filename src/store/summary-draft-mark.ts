import { isRegionGovernment } from '../schema/issuer.ts';
import type { Q } from './db.ts';

/**
 * A region's summary draft (POST /api/regions/{id}/summary-draft) is recognised by two marks
 * together: its agency is the government of the region the agency belongs to (src/schema/issuer.ts
 * `isRegionGovernment`), and its first version is a draft whose reason starts with `区域汇总：`
 * (only the server writes that reason). Such a report is the region's, not an agency's: the region's
 * summary does not sum it, and the region's supervisors may write it.
 */
export const SUMMARY_DRAFT_MARK = '区域汇总：';

/** The ids among these reports that are region summary drafts, each with its region. */
export async function summaryDraftRegions(db: Q, reportIds: readonly number[]): Promise<Map<number, number>> {
  if (!reportIds.length) return new Map();
  const rows = await db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .innerJoin('regions', 'regions.id', 'agencies.region_id')
    .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').on('report_versions.version', '=', 1))
    .select(['reports.id', 'agencies.name as agency', 'regions.id as regionId', 'regions.name as region', 'report_versions.kind', 'report_versions.reason'])
    .where('reports.id', 'in', [...reportIds])
    .execute();
  return new Map(
    rows
      .filter((r) => r.kind === 'draft' && (r.reason ?? '').startsWith(SUMMARY_DRAFT_MARK) && isRegionGovernment(r.agency, r.region))
      .map((r) => [r.id, r.regionId]),
  );
}

/** The region whose summary draft the report is, or null when it is an agency's report. */
export async function summaryDraftRegion(db: Q, reportId: number): Promise<number | null> {
  return (await summaryDraftRegions(db, [reportId])).get(reportId) ?? null;
}
