import { randomUUID } from 'node:crypto';
import type { ExtractedReport } from '../extract/index.ts';
import { defaultPreamble } from '../ingest/authoring.ts';
import { startingTables } from '../schema/carry-over.ts';
import { SECTIONS } from '../schema/sections.ts';
import { templateForYear, type TableTemplate } from '../schema/templates.ts';
import type { Report } from '../schema/types.ts';
import { getAgency, lockAgencies } from './agencies.ts';
import type { AuditActor } from './audit.ts';
import type { Q, Store } from './db.ts';
import { StoreError } from './errors.ts';
import { storeReport } from './import.ts';
import { sha256 } from './import-files.ts';

/**
 * A new report written in the browser (新建报告): a draft of an agency and year in the statutory
 * format of that year, pre-filled from the agency's report of the year before in the store —
 * the carried cells (src/schema/carry-over.ts), the issuer type and the preamble (its year moved on).
 */

export interface DraftInput {
  agencyId: number;
  year: number;
}

export interface NewDraft {
  id: number;
  /** The previous year's report it was pre-filled from, or null. */
  previousReportId: number | null;
  /** The cells that got a value from it. */
  carried: string[];
}

/** The agency's report of a year (the latest stored when there are several), or undefined. */
export async function reportOfYear(db: Q, agencyId: number, year: number): Promise<{ id: number; data: string } | undefined> {
  return db.selectFrom('reports').select(['id', 'data']).where('agency_id', '=', agencyId).where('year', '=', year).orderBy('id', 'desc').executeTakeFirst();
}

const tableTemplate = (t: string): TableTemplate | null => (t === '2019' || t === '2021' ? t : null);

/** The previous year's preamble for the new year: its year numbers moved on by one. */
const movedOn = (preamble: string, year: number) => preamble.replaceAll(`${year - 1}年`, `${year}年`);

export const alreadyWritten = (agency: string, year: number, reportId: number) =>
  new StoreError('conflict', `“${agency}”${year} 年度的报告已经存在（报告 ${reportId}），请打开它继续编写`, { reportId });

/**
 * Run inside the draft's transaction: two clerks pressing 新建报告 at once get one report. The second waits for the
 * first's transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a lock per agency), then finds its report.
 */
export function onlyDraftOfYear(store: Store, agency: { id: number; name: string }, year: number) {
  return async (trx: Q): Promise<void> => {
    await lockAgencies(trx, store.dialect, [agency.id]);
    const created = await reportOfYear(trx, agency.id, year);
    if (created) throw alreadyWritten(agency.name, year, created.id);
  };
}

/** The agency's report of the year, when there is one already: 409 naming it. */
export async function refuseSecondDraft(db: Q, agency: { id: number; name: string }, year: number): Promise<void> {
  const existing = await reportOfYear(db, agency.id, year);
  if (existing) throw alreadyWritten(agency.name, year, existing.id);
}

/**
 * Stores a report started in the browser as the agency's draft of its year, with the reason of its first
 * version: one report per agency and year (`onlyDraftOfYear`, inside the transaction).
 */
export async function storeDraft(store: Store, agency: { id: number; name: string }, report: Report & { year: number }, reason: string, author: string, actor: AuditActor): Promise<number> {
  const name = report.source.name;
  // The original of a draft is the report it started as; its hash is made unique, since two drafts may start alike.
  const bytes = Buffer.from(JSON.stringify(report, null, 1), 'utf8');
  return storeReport(store, {
    file: { name, bytes },
    hash: sha256(Buffer.concat([bytes, Buffer.from(randomUUID())])),
    source: { path: name, name, format: 'json', encoding: 'utf-8', text: '' },
    report,
    author,
    importId: null,
    scope: { kind: 'agency', agencyId: agency.id },
    actor,
    draft: { reason, guard: onlyDraftOfYear(store, agency, report.year) },
  });
}

/** A report's six sections, all still to write. */
export const emptySections = (): Report['sections'] => Object.fromEntries(SECTIONS.map((s) => [s.key, null])) as Report['sections'];

export async function createDraft(store: Store, input: DraftInput, author: string, actor: AuditActor): Promise<NewDraft> {
  const template = tableTemplate(templateForYear(input.year));
  if (!template) throw new StoreError('invalid', `${input.year} 年度应使用 2019 年以前的格式，没有法定统计表，不能在网页中编写；请填写 2019 年度起的报告`);
  const agency = await getAgency(store.db, input.agencyId);
  await refuseSecondDraft(store.db, agency, input.year);
  const previousRow = await reportOfYear(store.db, agency.id, input.year - 1);
  const previous = previousRow ? (JSON.parse(previousRow.data) as ExtractedReport) : null;
  const previousTemplate = previous ? tableTemplate(previous.template) : null;
  const { tables, carried } = startingTables(template, previous && previousTemplate ? { template: previousTemplate, tables: previous.tables } : undefined);
  const name = `${agency.name}${input.year}年度政府信息公开工作年度报告（网页编写）.json`;
  const report: Report & { year: number } = {
    agency: agency.name,
    year: input.year,
    template,
    signedOn: null,
    publishedOn: null,
    issuerType: agency.issuerType,
    sections: emptySections(),
    tables,
    source: { name, format: 'json', encoding: 'utf-8' },
    preamble: previous?.preamble ? movedOn(previous.preamble, input.year) : defaultPreamble(agency.name, input.year),
    provenance: {},
    notes: [],
  };
  const reason = previousRow ? `依据 ${input.year - 1} 年度报告（报告 ${previousRow.id}）预填` : '新建（没有上一年度的报告可预填）';
  const id = await storeDraft(store, agency, report, reason, author, actor);
  return { id, previousReportId: previousRow?.id ?? null, carried };
}
