import { applicableDeadline } from '../check/dates.ts';
import type { CheckConfig, CheckableReport } from '../check/types.ts';
import type { IssuerType } from '../schema/types.ts';
import { agenciesIn, agencyIdsIn } from './agencies.ts';
import type { Q } from './db.ts';
import { getRegion, listRegions, regionPath } from './regions.ts';
import type { ReportStatus } from './workflow-steps.ts';

/**
 * The supervisor's status list for a region (sub-regions included) and a year: every agency with
 * its report's workflow status (or missing), the publication deadline that applies to it (art. 49:
 * departments 1月31日, governments 3月31日 of the next year; an earlier matching local deadline from
 * the check configuration; for townships and others only a configured one), whether it is overdue
 * (today is after the deadline and the report is not published) and the publication date.
 */

export interface AgencyStatus {
  agencyId: number;
  agency: string;
  issuerType: IssuerType;
  regionId: number | null;
  regionPath: string[];
  /** The agency's report of the year (the latest imported when there are several), or null: 未报送. */
  reportId: number | null;
  status: ReportStatus | 'missing';
  deadline: string | null;
  deadlineSource: string | null;
  overdue: boolean;
  /** Published after the deadline. */
  late: boolean;
  publishedOn: string | null;
  publishedUrl: string | null;
}

export interface RegionStatus {
  region: { id: number; name: string; path: string[] };
  year: number;
  today: string;
  counts: Record<ReportStatus | 'missing' | 'overdue', number>;
  items: AgencyStatus[];
}

/** Today as YYYY-MM-DD (local time of the server). */
export function todayIso(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export async function regionStatus(db: Q, regionId: number, year: number, config: CheckConfig, today: string): Promise<RegionStatus> {
  const region = await getRegion(db, regionId);
  const regions = await listRegions(db);
  const agencies = await agenciesIn(db, regionId);
  const rows = agencies.length
    ? await db.selectFrom('reports').select(['id', 'agency_id', 'status', 'published_on', 'published_url'])
      .where('agency_id', 'in', agencyIdsIn(db, regions, regionId)).where('year', '=', year).orderBy('id', 'desc').execute()
    : [];
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.agency_id!)) latest.set(r.agency_id!, r);
  const items = agencies.map((a): AgencyStatus => {
    const r = latest.get(a.id);
    const doc = { year, issuerType: a.issuerType, agency: a.name } as CheckableReport;
    const deadline = applicableDeadline(doc, config);
    const status = (r?.status as ReportStatus | undefined) ?? 'missing';
    const publishedOn = status === 'published' ? (r?.published_on ?? null) : null;
    return {
      agencyId: a.id, agency: a.name, issuerType: a.issuerType, regionId: a.regionId, regionPath: regionPath(regions, a.regionId), reportId: r?.id ?? null, status,
      deadline: deadline?.date ?? null, deadlineSource: deadline?.source ?? null,
      overdue: deadline !== null && today > deadline.date && status !== 'published',
      late: deadline !== null && publishedOn !== null && publishedOn > deadline.date,
      publishedOn, publishedUrl: status === 'published' ? (r?.published_url ?? null) : null,
    };
  });
  // Overdue first; otherwise the agencies' order (by name).
  items.sort((x, y) => Number(y.overdue) - Number(x.overdue));
  const counts = { draft: 0, submitted: 0, returned: 0, accepted: 0, published: 0, missing: 0, overdue: 0 };
  for (const i of items) {
    counts[i.status]++;
    if (i.overdue) counts.overdue++;
  }
  return { region: { id: region.id, name: region.name, path: regionPath(regions, region.id) }, year, today, counts, items };
}
