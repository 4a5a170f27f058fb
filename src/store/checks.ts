import { addSeries, checkAll, RULES_VERSION, seriesRuleIds } from '../check/pipeline.ts';
import type { CheckConfig, CheckableReport, Finding } from '../check/types.ts';
import { bumpDataVersion, type Q } from './db.ts';
import { countsWithTriage, countsWithoutTriage } from './triage.ts';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/**
 * Runs the checks again for the reports a change touches and stores their
 * findings and counts: every report of the agency (the cross-year rules pair
 * each report with the year before), or the one report when it has no agency.
 * Call it inside the transaction of the change.
 */
export async function recheck(trx: Q, target: { agencyId: number | null; reportId?: number }, config: CheckConfig): Promise<void> {
  await bumpDataVersion(trx);
  let query = trx.selectFrom('reports').select(['id', 'data']);
  if (target.agencyId !== null) query = query.where('agency_id', '=', target.agencyId);
  else if (target.reportId !== undefined) query = query.where('id', '=', target.reportId);
  else return;
  const rows = (await query.orderBy('id').execute()).map((r) => ({ id: r.id, report: JSON.parse(r.data) as CheckableReport }));
  if (!rows.length) return;
  const findings = await checkAll(rows.map((r) => r.report), config);
  await saveFindings(trx, rows.map((r, i) => ({ id: r.id, findings: findings[i]!, tables: r.report.tables })));
}

/** Stores reports' findings with the rules' version and their counts (of open findings: a reviewer's dismissal that still applies takes one out). */
async function saveFindings(trx: Q, rows: readonly { id: number; findings: Finding[]; tables: CheckableReport['tables']; json?: string }[]): Promise<void> {
  const counts = await countsWithTriage(trx, rows);
  for (const [i, r] of rows.entries()) {
    await trx
      .updateTable('reports')
      .set({ findings: r.json ?? JSON.stringify(r.findings), rules_version: RULES_VERSION, ...counts[i]! })
      .where('id', '=', r.id)
      .execute();
  }
}

/** A report about to be inserted, with its one-report findings computed before its transaction. */
export interface AddedReport {
  agencyId: number | null;
  year: number | null;
  report: CheckableReport;
  findings: Finding[];
}

/**
 * What the addition of a report stores: its own findings with their counts, and then `afterInsert` (given its
 * new id), which answers the report's final open error and warning counts.
 */
export interface AddedPlan {
  findings: Finding[];
  counts: Counts & { dismissed: number };
  rulesVersion: string;
  afterInsert: (trx: Q, id: number) => Promise<{ errors: number; warnings: number }>;
}

/**
 * Plans, inside the transaction and before the insert, what adding a report changes: the cross-year rules
 * pair each report of a series with the one of the year before, so only the new report and the reports of
 * its year and the next can gain or lose a finding, and only the years around it are read. The new report
 * is inserted with its final findings (a new report has no reviewer's decisions yet), and only the
 * neighbours whose findings change are written. The other reports' one-report findings are taken from
 * their stored findings (nothing CPU-heavy runs while the transaction holds the database). Falls back to
 * `recheck` after the insert when a neighbour was checked by other rules, or the report has no agency or year.
 */
export async function planAdded(trx: Q, added: AddedReport, config: CheckConfig): Promise<AddedPlan> {
  const { agencyId, year } = added;
  const fallback: AddedPlan = {
    findings: added.findings, counts: countsWithoutTriage(added.findings, added.report.tables), rulesVersion: RULES_VERSION,
    afterInsert: async (t, id) => {
      await recheck(t, { agencyId, reportId: id }, config);
      return t.selectFrom('reports').select(['errors', 'warnings']).where('id', '=', id).executeTakeFirstOrThrow();
    },
  };
  if (agencyId === null || year === null) return fallback;
  const rows = await trx
    .selectFrom('reports')
    .select(['id', 'year', 'data', 'findings', 'rules_version'])
    .where('agency_id', '=', agencyId)
    .where('year', '>=', year - 1)
    .where('year', '<=', year + 1)
    .orderBy('id')
    .execute();
  if (rows.some((r) => r.rules_version !== RULES_VERSION)) return fallback;
  const series = await seriesRuleIds();
  // The new report's id will be above every id visible now (ids are taken at insert), so it sorts last.
  const reports = [...rows.map((r) => JSON.parse(r.data) as CheckableReport), added.report];
  const own = [...rows.map((r) => (JSON.parse(r.findings) as Finding[]).filter((f) => !series.has(f.rule))), added.findings];
  const all = await addSeries(reports, own, config);
  const findings = all[rows.length]!;
  const changed = rows
    .map((r, i) => ({ id: r.id, findings: all[i]!, tables: reports[i]!.tables, json: JSON.stringify(all[i]!), stored: r.findings, year: r.year }))
    .filter((r) => (r.year === year || r.year === year + 1) && r.json !== r.stored);
  const counts = countsWithoutTriage(findings, added.report.tables);
  return {
    findings, counts, rulesVersion: RULES_VERSION,
    afterInsert: async (t) => {
      await bumpDataVersion(t);
      if (changed.length) await saveFindings(t, changed);
      return counts;
    },
  };
}
