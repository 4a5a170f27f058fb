import { InputError } from '../errors.ts';
import { sumReports, type RegionSummary, type SkippedInput, type SummaryInput } from '../render/region-summary.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Report } from '../schema/types.ts';
import { agenciesIn } from './agencies.ts';
import type { Q } from './db.ts';
import { StoreError } from './errors.ts';
import { getRegion } from './regions.ts';
import { summaryDraftRegions } from './summary-draft-mark.ts';
import { STATUS_LABEL, type ReportStatus } from './workflow-steps.ts';

export interface StoredRegionSummary extends RegionSummary {
  region: { id: number; name: string };
  /** Other reports of the same agency and year, left out (the latest import is used, as in the roll-up). */
  superseded: { reportId: number; agency: string; keptReportId: number }[];
}

/** Which reports a summary sums: every agency's (a researcher's view) or only those the office accepted (已通过, 已发布). */
export const SUMMARY_REPORTS = ['all', 'accepted'] as const;
export type SummaryReports = (typeof SUMMARY_REPORTS)[number];
const ACCEPTED: readonly string[] = ['accepted', 'published'] satisfies ReportStatus[];

/**
 * The summary report of a region (sub-regions included) for a year, from the current version of
 * each agency's stored report. When the year's reports are in two formats, the format most of them
 * use is summed and the others are listed as skipped. With `accepted`, a report not yet accepted is
 * listed as skipped, its figures not summed. A region's own summary draft (src/store/summary-draft-mark.ts),
 * of the region or of a sub-region, is the sum of these reports and not an agency's: it is listed as skipped.
 */
export async function regionSummary(db: Q, regionId: number, year: number, reports: SummaryReports = 'all'): Promise<StoredRegionSummary> {
  const region = await getRegion(db, regionId);
  const agencies = await agenciesIn(db, regionId);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const rows = agencies.length
    ? await db.selectFrom('reports').select(['id', 'agency_id', 'data', 'status']).where('agency_id', 'in', [...names.keys()]).where('year', '=', year).orderBy('id', 'desc').execute()
    : [];
  const statusOf = new Map(rows.map((r) => [`#${r.id}`, r.status as ReportStatus]));
  const exclude = reports === 'all' ? undefined : (input: SummaryInput) => {
    const status = statusOf.get(input.file)!;
    return ACCEPTED.includes(status) ? null : `尚未审核通过（${STATUS_LABEL[status]}）`;
  };
  const drafts = await summaryDraftRegions(db, rows.map((r) => r.id));
  const kept = new Map<number, number>();
  const inputs: SummaryInput[] = [];
  const superseded: StoredRegionSummary['superseded'] = [];
  const summaries: SkippedInput[] = [];
  for (const r of rows) {
    const agency = names.get(r.agency_id!)!;
    if (drafts.has(r.id)) {
      summaries.push({ file: `#${r.id}`, agency, reason: '区域汇总报告（由各机关的报告相加而成），不再计入' });
      continue;
    }
    const keptId = kept.get(r.agency_id!);
    if (keptId !== undefined) {
      superseded.push({ reportId: r.id, agency, keptReportId: keptId });
      continue;
    }
    kept.set(r.agency_id!, r.id);
    const report = JSON.parse(r.data) as Report;
    inputs.push({ file: `#${r.id}`, report: { ...report, agency } });
  }
  const counts = new Map<TableTemplate, number>();
  for (const i of inputs) if (i.report.template !== 'legacy') counts.set(i.report.template, (counts.get(i.report.template) ?? 0) + 1);
  const template = [...counts].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0];
  if (!template) throw new StoreError('not-found', `区域“${region.name}”没有 ${year} 年有统计表的报告，无法生成汇总报告`);
  let summary: RegionSummary;
  try {
    summary = sumReports(inputs.reverse(), { region: region.name, year, template, mismatched: 'skip', exclude });
  } catch (err) {
    if (err instanceof InputError) throw new StoreError('not-found', `区域“${region.name}”：${err.message}`);
    throw err;
  }
  return { ...summary, skipped: [...summary.skipped, ...summaries.reverse()], region: { id: region.id, name: region.name }, superseded };
}
