import type { Application } from '../schema/ledger.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { bumpDataVersion, inTx, now, type Q } from './db.ts';

/** Default years an application's personal data is kept after the year it was decided (OGI_LEDGER_RETENTION_YEARS). */
export const DEFAULT_RETENTION_YEARS = 5;

/** The first day whose decisions are still kept: 1 January of (this year − years). */
export function retentionCutoff(today: string, years: number): string {
  return `${Number(today.slice(0, 4)) - years}-01-01`;
}

const hasPersonalData = (a: Application) => Boolean(a.applicant.name || a.applicant.contact || a.applicant.idNumber || a.request);

/** The application without the applicant's name, contact, ID number and request: what the counts need stays. */
export function withoutPersonalData(a: Application): Application {
  const { name: _n, contact: _c, idNumber: _i, ...applicant } = a.applicant;
  const { request: _r, ...rest } = a;
  return { ...rest, applicant };
}

/**
 * Deletes the personal data of the agency's applications decided before `cutoff` (pending ones keep
 * theirs). One transaction; the audit entry counts records, it names no applicant.
 */
export async function purgeLedgerPersonalData(db: Q, agencyId: number, cutoff: string, actor: AuditActor | null): Promise<number> {
  return inTx(db, async (trx) => {
    const rows = await trx.selectFrom('ledger_records').select(['id', 'data'])
      .where('agency_id', '=', agencyId).where('register', '=', 'applications').execute();
    const at = now();
    let purged = 0;
    for (const row of rows) {
      const app = JSON.parse(row.data) as Application;
      if (!app.decidedOn || app.decidedOn >= cutoff || !hasPersonalData(app)) continue;
      await trx.updateTable('ledger_records').set({ data: JSON.stringify(withoutPersonalData(app)), updated_at: at }).where('id', '=', row.id).execute();
      purged++;
    }
    await recordAudit(trx, actor, {
      action: 'ledger.purge', summary: `删除 ${cutoff} 以前办结的 ${purged} 件申请中的申请人个人信息`, detail: { agencyId, cutoff, purged }, agencyId,
    });
    if (purged) await bumpDataVersion(trx);
    return purged;
  });
}
