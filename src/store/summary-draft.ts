import { defaultPreamble } from '../ingest/authoring.ts';
import { isRegionGovernment, regionGovernment } from '../schema/issuer.ts';
import type { Provenance, Report } from '../schema/types.ts';
import { agencyIdByKey, agencyKey, cleanName } from './agencies.ts';
import type { AuditActor } from './audit.ts';
import { bumpDataVersion, inTx, now, type Q, type Store } from './db.ts';
import { emptySections, refuseSecondDraft, storeDraft } from './drafts.ts';
import { StoreError } from './errors.ts';
import { regionSummary, type SummaryReports } from './region-summary.ts';
import { getRegion, type Region } from './regions.ts';
import { SUMMARY_DRAFT_MARK } from './summary-draft-mark.ts';

/**
 * The region's summary report opened in the authoring form: a draft of the region's government for
 * the year whose three tables are the region's summary (src/store/region-summary.ts), its sections
 * left for the office to write. Each summed cell notes how many reports it adds up; the per-report
 * terms stay in the summary report's json.
 */

export interface SummaryDraftInput {
  regionId: number;
  year: number;
  reports: SummaryReports;
}

export interface NewSummaryDraft {
  id: number;
  /** The reports summed and those left out. */
  reports: number;
  skipped: number;
}

/** The region's government among the agencies: the one of its name, else the region's one agency whose name ends with it (“淄博市淄川区人民政府”). */
async function findRegionGovernment(db: Q, region: Region): Promise<number | null> {
  const known = await agencyIdByKey(db, agencyKey(regionGovernment(region.name)));
  if (known !== null) return known;
  const own = (await db.selectFrom('agencies').select(['id', 'name']).where('region_id', '=', region.id).execute()).filter((a) => isRegionGovernment(a.name, region.name));
  return own.length === 1 ? own[0]!.id : null;
}

/** The region's government, created in the region when there is none; refused when it is registered elsewhere. */
export async function regionGovernmentAgency(db: Q, region: Region, create: boolean): Promise<{ id: number; name: string } | null> {
  const name = cleanName(regionGovernment(region.name));
  const key = agencyKey(name);
  const found = await inTx(db, async (trx) => {
    const known = await findRegionGovernment(trx, region);
    if (known !== null || !create) return known;
    const created = await trx
      .insertInto('agencies')
      .values({ name, name_key: key, issuer_type: 'government', region_id: region.id, created_at: now() })
      .onConflict((oc) => oc.column('name_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created) await bumpDataVersion(trx);
    return created?.id ?? agencyIdByKey(trx, key);
  });
  if (found === null) return null;
  const row = await db.selectFrom('agencies').select(['id', 'name', 'region_id']).where('id', '=', found).executeTakeFirstOrThrow();
  if (row.region_id !== region.id) {
    throw new StoreError('conflict', `机关“${row.name}”已登记${row.region_id === null ? '但没有归入区域' : '在另一区域'}，请先把它移到区域“${region.name}”，再生成汇总报告`, { agencyId: row.id });
  }
  return { id: row.id, name: row.name };
}

/** The summary's provenance with the per-report terms left out: the note (“N 份报告相加”) says where a cell comes from. */
const shortNotes = (provenance: Record<string, Provenance>): Record<string, Provenance> =>
  Object.fromEntries(Object.entries(provenance).map(([path, p]) => [path, { ...p, text: '', note: `${SUMMARY_DRAFT_MARK}${p.note ?? ''}` }]));

export async function createSummaryDraft(store: Store, input: SummaryDraftInput, author: string, actor: AuditActor): Promise<NewSummaryDraft> {
  const region = await getRegion(store.db, input.regionId);
  // A report of the year already there is answered first (409 naming it), whatever the summary would be.
  const registered = await regionGovernmentAgency(store.db, region, false);
  if (registered) await refuseSecondDraft(store.db, registered, input.year);
  const summary = await regionSummary(store.db, region.id, input.year, input.reports);
  const agency = registered ?? (await regionGovernmentAgency(store.db, region, true))!;
  const name = `${agency.name}${input.year}年度政府信息公开工作年度报告（区域汇总，网页编写）.json`;
  const report: Report & { year: number } = {
    agency: agency.name,
    year: input.year,
    template: summary.template,
    signedOn: null,
    publishedOn: null,
    issuerType: 'government',
    sections: emptySections(),
    tables: summary.report.tables,
    source: { name, format: 'json', encoding: 'utf-8' },
    preamble: defaultPreamble(agency.name, input.year),
    provenance: shortNotes(summary.report.provenance),
    notes: [],
  };
  const n = summary.included.length;
  const left = summary.skipped.length ? `，${summary.skipped.length} 份未计入` : '';
  const reason = `${SUMMARY_DRAFT_MARK}由 ${n} 份${input.reports === 'accepted' ? '已通过的' : ''}报告逐格相加${left}`;
  const id = await storeDraft(store, agency, report, reason, author, actor);
  return { id, reports: n, skipped: summary.skipped.length };
}
