import type { Finding } from '../check/types.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Cell, IssuerType, Tables } from '../schema/types.ts';
import { agenciesIn, agencyIdsIn, getAgency } from './agencies.ts';
import { cellList, readCell, readerOf, type CellDef } from '../schema/cells.ts';
import { compareNames, type Q } from './db.ts';
import { StoreError } from './errors.ts';
import {
  DISTRIBUTION_GROUPS, pooled, rank, reportMetrics, sumCells,
  type DistributionKey, type PooledRate, type Rate, type ReportMetrics, type Sum,
} from './metrics.ts';
import { getRegion, listRegions, regionPath, type Region } from './regions.ts';

/** A report behind a regional figure. */
export interface SourceReport {
  reportId: number;
  agencyId: number;
  agency: string;
  regionPath: string[];
  template: string;
}

interface LoadedReport extends SourceReport {
  year: number;
  tables: Tables;
}

export interface RegionRef {
  id: number;
  name: string;
  path: string[];
}

async function regionRef(db: Q, id: number): Promise<{ ref: RegionRef; regions: readonly Region[] }> {
  const region = await getRegion(db, id);
  const regions = await listRegions(db);
  return { ref: { id: region.id, name: region.name, path: regionPath(regions, region.id) }, regions };
}

/** Tables are read and parsed this many reports at a time, other requests running in between (a province has tens of thousands). */
const TABLES_PER_READ = 250;
const letOthersRun = () => new Promise<void>((ok) => setImmediate(ok));

/** A break for other requests whenever `everyMs` of work has passed since the last one (a province's figures take seconds). */
function breaks(everyMs = 15): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < everyMs) return;
    await letOthersRun();
    since = performance.now();
  };
}

/** `fn` over the items, with breaks for other requests. */
async function mapWithBreaks<T, U>(items: readonly T[], fn: (item: T) => U): Promise<U[]> {
  const pause = breaks();
  const out: U[] = [];
  for (const item of items) {
    await pause();
    out.push(fn(item));
  }
  return out;
}

/**
 * The reports of a region's agencies (sub-regions included) for some years:
 * one per agency and year — the latest imported when there are several; the
 * others are returned as superseded so that nothing is counted twice silently.
 */
async function regionReports(db: Q, regionId: number, years?: readonly number[]) {
  const { ref, regions } = await regionRef(db, regionId);
  const agencies = await agenciesIn(db, regionId);
  const byId = new Map(agencies.map((a, order) => [a.id, { agency: a, order }]));
  let rows: { id: number; agency_id: number | null; year: number | null; template: string }[] = [];
  if (agencies.length) {
    let q = db.selectFrom('reports').select(['id', 'agency_id', 'year', 'template']).where('agency_id', 'in', agencyIdsIn(db, regions, regionId));
    if (years) q = q.where('year', 'in', [...years]);
    else q = q.where('year', 'is not', null);
    rows = await q.orderBy('id', 'desc').execute();
  }
  const chosen = new Map<string, SourceReport & { year: number; order: number }>();
  const superseded: { reportId: number; agency: string; year: number; keptReportId: number }[] = [];
  for (const r of rows) {
    const { agency, order } = byId.get(r.agency_id!)!;
    const key = `${r.agency_id}:${r.year}`;
    const kept = chosen.get(key);
    if (kept) {
      superseded.push({ reportId: r.id, agency: agency.name, year: r.year!, keptReportId: kept.reportId });
      continue;
    }
    chosen.set(key, { reportId: r.id, agencyId: agency.id, agency: agency.name, regionPath: regionPath(regions, agency.regionId), template: r.template, year: r.year!, order });
  }
  // Agencies come in Chinese name order: their position sorts the reports without comparing names again.
  const reports = await withTables(db, [...chosen.values()].sort((a, b) => a.order - b.order || a.year - b.year));
  return { region: ref, agencies, reports, superseded: superseded.sort((a, b) => a.reportId - b.reportId) };
}

/** The reports with their parsed tables, read in parts; a report deleted meanwhile is left out. */
async function withTables(db: Q, reports: readonly (SourceReport & { year: number })[]): Promise<LoadedReport[]> {
  const out: LoadedReport[] = [];
  for (let i = 0; i < reports.length; i += TABLES_PER_READ) {
    if (i) await letOthersRun();
    const part = reports.slice(i, i + TABLES_PER_READ);
    const rows = await db.selectFrom('reports').select(['id', 'tables']).where('id', 'in', part.map((r) => r.reportId)).execute();
    const tables = new Map(rows.map((r) => [r.id, r.tables]));
    for (const r of part) {
      const json = tables.get(r.reportId);
      if (json !== undefined) out.push({ ...source(r), year: r.year, tables: JSON.parse(json) as Tables });
    }
  }
  return out;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export interface RollupCell extends CellDef {
  /** Sum of the non-blank cells; null when every cell is blank. */
  sum: number | null;
  /** Reports whose cell holds a number. */
  reported: number;
  /** Reports whose cell is blank (null): not in the sum, never counted as 0. */
  blanks: number;
  /** The value of each report, in the order of the group's `reports`. */
  values: Cell[];
}

export interface RollupGroup {
  template: TableTemplate;
  reports: SourceReport[];
  cells: RollupCell[];
}

export interface Rollup {
  region: RegionRef;
  year: number;
  /** Agencies of the region (sub-regions included). */
  agencies: number;
  /** Agencies with a report for the year. */
  reporting: number;
  /** One group per table format: cells differ between the 2019 and 2021 formats. */
  groups: RollupGroup[];
  /** Reports in the pre-2019 format: no tables to sum. */
  legacy: SourceReport[];
  /** Other reports of the same agency and year, left out (the latest import is used). */
  superseded: { reportId: number; agency: string; year: number; keptReportId: number }[];
}

/** One cell summed over the reports: blanks counted apart, never as 0. */
function rollupCell(def: CellDef, reports: readonly LoadedReport[]): RollupCell {
  const read = readerOf(def);
  const values = reports.map((r) => read(r.tables));
  const s = sumCells(values);
  return { ...def, sum: s.value === null ? null : round(s.value), reported: values.length - s.blanks, blanks: s.blanks, values };
}

/** Sums every cell over a region's agencies for a year; every figure names the reports it came from. */
export async function rollup(db: Q, regionId: number, year: number): Promise<Rollup> {
  const { region, agencies, reports, superseded } = await regionReports(db, regionId, [year]);
  const groups: RollupGroup[] = [];
  for (const template of ['2019', '2021'] as const) {
    const members = reports.filter((r) => r.template === template);
    if (!members.length) continue;
    const cells = await mapWithBreaks(cellList(template), (def) => rollupCell(def, members));
    groups.push({ template, reports: members.map(source), cells });
  }
  return {
    region, year, agencies: agencies.length, reporting: new Set(reports.map((r) => r.agencyId)).size, groups,
    legacy: reports.filter((r) => r.template === 'legacy').map(source), superseded,
  };
}

export interface CellSources extends CellDef {
  region: RegionRef;
  year: number;
  template: TableTemplate;
  sum: number | null;
  reported: number;
  blanks: number;
  /** Every report of the roll-up group with its value of the cell (null: blank). */
  sources: (SourceReport & { value: Cell })[];
}

/** The reports behind one cell of a region's roll-up, each with its value: what a reviewer sees on clicking a sum. */
export async function rollupSources(db: Q, regionId: number, year: number, template: TableTemplate, path: string): Promise<CellSources> {
  const def = cellList(template).find((d) => d.path === path);
  if (!def) throw new StoreError('invalid', `${template} 格式的统计表没有单元格“${path}”`);
  const { region, reports } = await regionReports(db, regionId, [year]);
  const members = reports.filter((r) => r.template === template);
  const { values, ...cell } = rollupCell(def, members);
  return { ...cell, region, year, template, sources: members.map((m, i) => ({ ...source(m), value: values[i]! })) };
}

const source = (r: SourceReport): SourceReport => ({ reportId: r.reportId, agencyId: r.agencyId, agency: r.agency, regionPath: r.regionPath, template: r.template });

export interface AgencyFigures extends SourceReport, ReportMetrics {}

export interface RegionTotals {
  received: Sum;
  resultTotal: Sum;
  distribution: Record<DistributionKey, Sum>;
  openRate: PooledRate;
  correctionRate: PooledRate;
}

export interface RankingEntry {
  rank: number | null;
  value: number | null;
  reportId: number;
  agencyId: number;
  agency: string;
}

export interface RegionStats {
  region: RegionRef;
  year: number;
  agencies: number;
  reporting: number;
  /** Figures of each reporting agency (legacy-format reports have no tables and are left out). */
  items: AgencyFigures[];
  totals: RegionTotals;
  rankings: Record<'received' | 'resultTotal' | 'openRate' | 'correctionRate', RankingEntry[]>;
  superseded: Rollup['superseded'];
}

function totalsOf(items: readonly ReportMetrics[]): RegionTotals {
  const distribution = {} as Record<DistributionKey, Sum>;
  for (const k of DISTRIBUTION_GROUPS) {
    let value: number | null = null;
    let blanks = 0;
    for (const i of items) {
      const s = i.distribution[k];
      blanks += s.blanks;
      if (s.value !== null) value = (value ?? 0) + s.value;
    }
    distribution[k] = { value, blanks };
  }
  return {
    received: sumCells(items.map((i) => i.received)),
    resultTotal: sumCells(items.map((i) => i.resultTotal)),
    distribution,
    openRate: pooled(items.map((i) => i.openRate)),
    correctionRate: pooled(items.map((i) => i.correctionRate)),
  };
}

function figures(r: LoadedReport): AgencyFigures | null {
  if (r.template !== '2019' && r.template !== '2021') return null;
  return { ...source(r), ...reportMetrics(r.template, r.tables) };
}

/** Per-agency figures of a region for a year, the region's totals and the rankings. */
export async function regionStats(db: Q, regionId: number, year: number): Promise<RegionStats> {
  const { region, agencies, reports, superseded } = await regionReports(db, regionId, [year]);
  const items = (await mapWithBreaks(reports, figures)).filter((x): x is AgencyFigures => x !== null);
  const ranking = (value: (i: AgencyFigures) => number | null): RankingEntry[] =>
    rank(items, value).map((r) => ({ rank: r.rank, value: r.value, reportId: r.item.reportId, agencyId: r.item.agencyId, agency: r.item.agency }));
  return {
    region, year, agencies: agencies.length, reporting: new Set(reports.map((r) => r.agencyId)).size, items, totals: totalsOf(items),
    rankings: {
      received: ranking((i) => i.received),
      resultTotal: ranking((i) => i.resultTotal),
      openRate: ranking((i) => i.openRate.value),
      correctionRate: ranking((i) => i.correctionRate.value),
    },
    superseded,
  };
}

export interface TrendPoint extends RegionTotals {
  year: number;
  reporting: number;
}

/** The region's totals year by year (every year with a report). */
export async function regionTrends(db: Q, regionId: number): Promise<{ region: RegionRef; agencies: number; years: TrendPoint[] }> {
  const { region, agencies, reports } = await regionReports(db, regionId);
  const years = [...new Set(reports.map((r) => r.year))].sort((a, b) => a - b);
  const points: TrendPoint[] = [];
  for (const year of years) {
    const ofYear = reports.filter((r) => r.year === year);
    const items = (await mapWithBreaks(ofYear, figures)).filter((x): x is AgencyFigures => x !== null);
    points.push({ year, reporting: new Set(ofYear.map((r) => r.agencyId)).size, ...totalsOf(items) });
  }
  return { region, agencies: agencies.length, years: points };
}

export interface UnpublishedAgency {
  agencyId: number;
  agency: string;
  issuerType: IssuerType;
  regionPath: string[];
  /** The latest year the agency has a report for, or null. */
  lastYear: number | null;
}

/** The region's agencies (sub-regions included) with no report for the year. */
export async function unpublished(db: Q, regionId: number, year: number): Promise<{ region: RegionRef; year: number; agencies: number; items: UnpublishedAgency[] }> {
  const { ref, regions } = await regionRef(db, regionId);
  const agencies = await agenciesIn(db, regionId);
  const rows = agencies.length
    ? await db.selectFrom('reports').select(['agency_id', 'year']).where('agency_id', 'in', agencyIdsIn(db, regions, regionId)).where('year', 'is not', null).execute()
    : [];
  const years = new Map<number, number[]>();
  for (const r of rows) years.set(r.agency_id!, [...(years.get(r.agency_id!) ?? []), r.year!]);
  const items = agencies
    .filter((a) => !(years.get(a.id) ?? []).includes(year))
    .map((a) => {
      const ys = years.get(a.id) ?? [];
      return { agencyId: a.id, agency: a.name, issuerType: a.issuerType, regionPath: regionPath(regions, a.regionId), lastYear: ys.length ? Math.max(...ys) : null };
    });
  return { region: ref, year, agencies: agencies.length, items };
}

export interface CrossYearFinding {
  reportId: number;
  agencyId: number;
  agency: string;
  year: number;
  finding: Finding;
}

/** The cross-year (X-) findings of the region's reports of a year (computed against each agency's previous year). */
export async function crossYear(db: Q, regionId: number, year: number): Promise<{ region: RegionRef; year: number; items: CrossYearFinding[] }> {
  const { ref, regions } = await regionRef(db, regionId);
  const agencies = await agenciesIn(db, regionId);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const rows = agencies.length
    ? await db.selectFrom('reports').select(['id', 'agency_id', 'year', 'findings']).where('agency_id', 'in', agencyIdsIn(db, regions, regionId)).where('year', '=', year).orderBy('id').execute()
    : [];
  const items: CrossYearFinding[] = [];
  for (const r of rows) {
    for (const f of JSON.parse(r.findings) as Finding[]) {
      if (f.rule.startsWith('X-')) items.push({ reportId: r.id, agencyId: r.agency_id!, agency: names.get(r.agency_id!)!, year: r.year!, finding: f });
    }
  }
  items.sort((a, b) => compareNames(a.agency, b.agency) || a.reportId - b.reportId);
  return { region: ref, year, items };
}

export interface AgencyYear {
  year: number;
  reportId: number;
  template: string;
  errors: number;
  warnings: number;
  metrics: ReportMetrics | null;
}

export interface YearCell extends CellDef {
  /** Formats whose tables have this cell. */
  templates: TableTemplate[];
  /** One value per year, in the order of `years`; null when blank or when that year's format has no such cell. */
  values: Cell[];
}

/** One agency's tables year by year (the latest report of each year). */
export async function agencyYears(db: Q, agencyId: number): Promise<{ agency: Awaited<ReturnType<typeof getAgency>>; years: AgencyYear[]; cells: YearCell[]; superseded: number[] }> {
  const agency = await getAgency(db, agencyId);
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'year', 'template', 'tables', 'errors', 'warnings'])
    .where('agency_id', '=', agencyId)
    .where('year', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  const byYear = new Map<number, (typeof rows)[number]>();
  const superseded: number[] = [];
  for (const r of rows) {
    if (byYear.has(r.year!)) superseded.push(r.id);
    else byYear.set(r.year!, r);
  }
  const chosen = [...byYear.values()].sort((a, b) => a.year! - b.year!);
  const tables = chosen.map((r) => JSON.parse(r.tables) as Tables);
  const present = (['2021', '2019'] as const).filter((t) => chosen.some((r) => r.template === t));
  const cells = new Map<string, YearCell>();
  for (const t of present) {
    for (const def of cellList(t)) {
      const cell = cells.get(def.path);
      if (cell) cell.templates.push(t);
      else cells.set(def.path, { ...def, templates: [t], values: [] });
    }
  }
  for (const cell of cells.values()) {
    cell.templates.sort();
    cell.values = chosen.map((r, i) => (cell.templates.includes(r.template as TableTemplate) ? (readCell(tables[i]!, cell.path) ?? null) : null));
  }
  return {
    agency,
    years: chosen.map((r, i) => ({
      year: r.year!, reportId: r.id, template: r.template, errors: r.errors, warnings: r.warnings,
      metrics: r.template === '2019' || r.template === '2021' ? reportMetrics(r.template, tables[i]!) : null,
    })),
    cells: [...cells.values()],
    superseded: superseded.sort((a, b) => a - b),
  };
}

export function requireYear(year: number | undefined): number {
  if (year === undefined) throw new StoreError('invalid', '请指定年度（year）');
  return year;
}

export type { Rate };
