import type { CheckConfig } from '../check/types.ts';
import { cellList, readerOf } from '../schema/cells.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { IssuerType, Tables } from '../schema/types.ts';
import { compareNames, num, type Q } from './db.ts';
import { rate, type Rate } from './metrics.ts';
import { TIMELINESS, type Timeliness } from './ranking-measures.ts';
import { regionStatus, type AgencyStatus } from './region-status.ts';
import { listRegions, subtreeIds } from './regions.ts';
import type { ReportStatus } from './workflow-steps.ts';

/**
 * The region's ranking for a year (政务公开考核): its agencies, or its direct sub-regions over
 * their agencies, by the measures of ranking-measures.ts in the documented order. Every measure is
 * returned, not only the place.
 */

export const RANKING_LEVELS = ['agencies', 'regions'] as const;
export type RankingLevel = (typeof RANKING_LEVELS)[number];

export interface AgencyRank {
  rank: number;
  agencyId: number;
  agency: string;
  issuerType: IssuerType;
  regionId: number | null;
  regionPath: string[];
  reportId: number | null;
  status: ReportStatus | 'missing';
  deadline: string | null;
  publishedOn: string | null;
  timeliness: Timeliness;
  /** Open findings of the report (dismissed ones left out); null: no report. */
  errors: number | null;
  warnings: number | null;
  /** Filled cells ÷ the template's cells; null: no report, or no statutory tables. */
  completeness: Rate;
  returns: number;
}

export interface RegionRank {
  rank: number;
  regionId: number;
  region: string;
  agencies: number;
  reports: number;
  onTime: number;
  late: number;
  overdue: number;
  onTimeRate: Rate;
  errors: number;
  warnings: number;
  returns: number;
  errorsPerReport: Rate;
  warningsPerReport: Rate;
  returnsPerReport: Rate;
  completeness: Rate;
}

export interface Ranking<T> {
  region: { id: number; name: string; path: string[] };
  year: number;
  today: string;
  level: RankingLevel;
  items: T[];
}

function timeliness(s: AgencyStatus): Timeliness {
  if (s.status === 'published') return s.late ? 'late' : 'onTime';
  return s.overdue ? 'overdue' : 'pending';
}

function completeness(template: string, tables: Tables): Rate {
  if (template !== '2019' && template !== '2021') return rate(null, null);
  const cells = cellList(template as TableTemplate);
  return rate(cells.filter((def) => readerOf(def)(tables) !== null).length, cells.length);
}

/** Sort keys, smaller is better; missing values are Infinity so that they go last. */
type Keys = readonly number[];
const orNone = (v: number | null | undefined) => v ?? Infinity;
const compareKeys = (a: Keys, b: Keys) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};

/** Sorted by keys, then by name; equal keys share the place of the first of them (1, 2, 2, 4). */
function ranked<T extends { rank: number }>(rows: T[], keys: (t: T) => Keys, name: (t: T) => string): T[] {
  const withKeys = rows.map((row) => ({ row, keys: keys(row) }));
  withKeys.sort((a, b) => compareKeys(a.keys, b.keys) || compareNames(name(a.row), name(b.row)));
  withKeys.forEach((x, i) => {
    const prev = withKeys[i - 1];
    x.row.rank = prev && compareKeys(prev.keys, x.keys) === 0 ? prev.row.rank : i + 1;
  });
  return withKeys.map((x) => x.row);
}

export async function agencyRanking(db: Q, regionId: number, year: number, config: CheckConfig, today: string): Promise<Ranking<AgencyRank>> {
  const status = await regionStatus(db, regionId, year, config, today);
  const latest = status.items.flatMap((s) => (s.reportId === null ? [] : [s.reportId]));
  const reports = latest.length
    ? await db.selectFrom('reports').select(['id', 'errors', 'warnings', 'template', 'tables']).where('id', 'in', latest).execute()
    : [];
  const byId = new Map(reports.map((r) => [r.id, r]));
  const returns = await returnCounts(db, status.items.map((s) => s.agencyId), year);
  const items = status.items.map((s): AgencyRank => {
    const r = s.reportId === null ? undefined : byId.get(s.reportId);
    return {
      rank: 0, agencyId: s.agencyId, agency: s.agency, issuerType: s.issuerType, regionId: s.regionId, regionPath: s.regionPath, reportId: s.reportId, status: s.status,
      deadline: s.deadline, publishedOn: s.publishedOn, timeliness: timeliness(s),
      errors: r ? num(r.errors) : null, warnings: r ? num(r.warnings) : null,
      completeness: r ? completeness(r.template, JSON.parse(r.tables) as Tables) : rate(null, null),
      returns: returns.get(s.agencyId) ?? 0,
    };
  });
  const keys = (a: AgencyRank): Keys => [
    TIMELINESS.indexOf(a.timeliness), orNone(a.errors), -(a.completeness.value ?? -1), a.returns, orNone(a.warnings),
  ];
  return { region: status.region, year, today, level: 'agencies', items: ranked(items, keys, (a) => a.agency) };
}

/** 退回修改 steps per agency, over all its reports of the year. */
async function returnCounts(db: Q, agencyIds: readonly number[], year: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!agencyIds.length) return out;
  const rows = await db.selectFrom('report_workflow')
    .innerJoin('reports', 'reports.id', 'report_workflow.report_id')
    .select(['reports.agency_id', (eb) => eb.fn.countAll().as('n')])
    .where('report_workflow.step', '=', 'return').where('reports.year', '=', year).where('reports.agency_id', 'in', [...agencyIds])
    .groupBy('reports.agency_id')
    .execute();
  for (const r of rows) out.set(r.agency_id!, num(r.n));
  return out;
}

export async function subRegionRanking(db: Q, regionId: number, year: number, config: CheckConfig, today: string): Promise<Ranking<RegionRank>> {
  const agencies = await agencyRanking(db, regionId, year, config, today);
  const regions = await listRegions(db);
  const regionOf = new Map(agencies.items.map((a) => [a.agencyId, a.regionId]));
  const items = regions.filter((r) => r.parentId === regionId).map((child): RegionRank => {
    const inside = new Set(subtreeIds(regions, child.id));
    const members = agencies.items.filter((a) => inside.has(regionOf.get(a.agencyId) ?? -1));
    const withReport = members.filter((a) => a.reportId !== null);
    const count = (t: Timeliness) => members.filter((a) => a.timeliness === t).length;
    const total = (f: (a: AgencyRank) => number | null) => withReport.reduce((s, a) => s + (f(a) ?? 0), 0);
    const known = withReport.filter((a) => a.completeness.value !== null);
    const errors = total((a) => a.errors);
    const warnings = total((a) => a.warnings);
    const returns = members.reduce((s, a) => s + a.returns, 0);
    const per = (n: number) => rate(withReport.length ? n : null, withReport.length || null);
    return {
      rank: 0, regionId: child.id, region: child.name, agencies: members.length, reports: withReport.length,
      onTime: count('onTime'), late: count('late'), overdue: count('overdue'),
      onTimeRate: rate(count('onTime'), members.length),
      errors, warnings, returns, errorsPerReport: per(errors), warningsPerReport: per(warnings), returnsPerReport: per(returns),
      completeness: known.length ? rate(known.reduce((s, a) => s + a.completeness.numerator!, 0), known.reduce((s, a) => s + a.completeness.denominator!, 0)) : rate(null, null),
    };
  });
  const keys = (r: RegionRank): Keys => [
    -(r.onTimeRate.value ?? -1), orNone(r.errorsPerReport.value), -(r.completeness.value ?? -1), orNone(r.returnsPerReport.value), orNone(r.warningsPerReport.value),
  ];
  return { region: agencies.region, year, today, level: 'regions', items: ranked(items, keys, (r) => r.region) };
}
