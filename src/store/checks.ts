import { checkAll, RULES_VERSION } from '../check/pipeline.ts';
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
  // Counts are of open findings: a reviewer's dismissal that still applies takes one out.
  const counts = await countsWithTriage(trx, rows.map((r, i) => ({ id: r.id, findings: findings[i]!, tables: r.report.tables })));
  for (let i = 0; i < rows.length; i++) {
    await trx
      .updateTable('reports')
      .set({ findings: JSON.stringify(findings[i]!), rules_version: RULES_VERSION, ...counts[i]! })
      .where('id', '=', rows[i]!.id)
      .execute();
  }
}
