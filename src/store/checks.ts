import { addSeries, checkAll, RULES_VERSION, seriesRuleIds } from '../check/pipeline.ts';
import type { CheckConfig, CheckableReport, Finding } from '../check/types.ts';
import { bumpDataVersion, type Q } from './db.ts';
import { countsWithTriage } from './triage.ts';

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

/** A report just inserted, with its one-report findings computed before its transaction. */
export interface AddedReport {
  id: number;
  agencyId: number | null;
  year: number | null;
  report: CheckableReport;
  findings: Finding[];
}

/**
 * `recheck` after a report was added, doing only what the addition can change: the cross-year rules
 * pair each report of a series with the one of the year before, so only the new report and the
 * reports of its year and the next can gain or lose a finding, and only the years around it are
 * read. The other reports' one-report findings are taken from their stored findings (so nothing
 * CPU-heavy runs while the transaction holds the database). Falls back to `recheck` when a
 * neighbour was checked by other rules, or the report has no agency or year.
 */
export async function recheckAdded(trx: Q, added: AddedReport, config: CheckConfig): Promise<void> {
  const { id, agencyId, year } = added;
  if (agencyId === null || year === null) return recheck(trx, { agencyId, reportId: id }, config);
  const rows = await trx
    .selectFrom('reports')
    .select(['id', 'year', 'data', 'findings', 'rules_version'])
    .where('agency_id', '=', agencyId)
    .where('year', '>=', year - 1)
    .where('year', '<=', year + 1)
    .orderBy('id')
    .execute();
  if (rows.some((r) => r.id !== id && r.rules_version !== RULES_VERSION)) return recheck(trx, { agencyId, reportId: id }, config);
  await bumpDataVersion(trx);
  const series = await seriesRuleIds();
  const reports = rows.map((r) => (r.id === id ? added.report : (JSON.parse(r.data) as CheckableReport)));
  const own = rows.map((r) => (r.id === id ? added.findings : (JSON.parse(r.findings) as Finding[]).filter((f) => !series.has(f.rule))));
  const all = await addSeries(reports, own, config);
  const changed = rows
    .map((r, i) => ({ id: r.id, findings: all[i]!, tables: reports[i]!.tables, json: JSON.stringify(all[i]!), stored: r.findings, year: r.year }))
    .filter((r) => r.id === id || ((r.year === year || r.year === year + 1) && r.json !== r.stored));
  await saveFindings(trx, changed);
}
