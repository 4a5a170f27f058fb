import { z } from 'zod';
import { checkLedger, ledgerTemplate } from '../check/ledger/check.ts';
import { dueList } from '../check/ledger/due.ts';
import { ledgerTables } from '../check/ledger/tables.ts';
import type { Finding } from '../check/types.ts';
import { LEDGER_REGISTERS, type Ledger, type LedgerRegister } from '../schema/ledger.ts';
import { ActiveFigureSchema, ApplicationSchema, DocumentSchema, ReviewCaseSchema } from '../schema/ledger-records.ts';
import type { Tables } from '../schema/types.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { bumpDataVersion, inTx, now, type Q } from './db.ts';
import { StoreError } from './errors.ts';

/**
 * The year's ledger of each agency (migration 10): one row per record, the record as the schema
 * declares it. An application holds the applicant's personal data (name, contact, ID number, the
 * request): the records are returned only to the agency's own clerks and admins (src/server/routes-ledger.ts);
 * other roles get counts, computed tables and findings, which name records by number only. Personal
 * data is never written to the audit log or into an error message.
 */

const SCHEMAS = { applications: ApplicationSchema, cases: ReviewCaseSchema, documents: DocumentSchema, figures: ActiveFigureSchema } as const;
export const REGISTER_KEYS = LEDGER_REGISTERS.map((r) => r.key) as [LedgerRegister, ...LedgerRegister[]];
const registerLabel = (register: LedgerRegister) => LEDGER_REGISTERS.find((r) => r.key === register)!.label;

type RecordOf<R extends LedgerRegister> = z.output<(typeof SCHEMAS)[R]>;
export interface LedgerRecord {
  id: number;
  register: LedgerRegister;
  number: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

/** A figure of table 二 is numbered by its place: year/item/row/column. */
function numberOf(register: LedgerRegister, record: Record<string, unknown>): string {
  if (register === 'figures') return [record.year, record.item, record.row, record.column].join('/');
  return String(record.number);
}

/** Validates a record; the message names the fields, never their values (they may be personal data). */
export function parseRecord<R extends LedgerRegister>(register: R, value: unknown): RecordOf<R> {
  const r = SCHEMAS[register].safeParse(value, { error: z.locales.zhCN().localeError });
  if (r.success) return r.data as RecordOf<R>;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new StoreError('invalid', `${registerLabel(register)}的记录有误：${issues.map((i) => `${i.path || '记录'}：${i.message}`).join('；')}`, issues);
}

export async function listLedgerRecords(db: Q, agencyId: number, register: LedgerRegister): Promise<LedgerRecord[]> {
  const rows = await db.selectFrom('ledger_records').select(['id', 'number', 'data', 'updated_at'])
    .where('agency_id', '=', agencyId).where('register', '=', register).orderBy('number').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, register, number: r.number, data: JSON.parse(r.data) as Record<string, unknown>, updatedAt: r.updated_at }));
}

/** The agency's whole ledger, as the checks and the report by construction read it. */
export async function loadLedger(db: Q, agencyId: number): Promise<Ledger> {
  const rows = await db.selectFrom('ledger_records').select(['register', 'data']).where('agency_id', '=', agencyId).orderBy('id').execute();
  const ledger: Ledger = { applications: [], cases: [], documents: [], figures: [] };
  for (const r of rows) (ledger[r.register as LedgerRegister] as unknown[]).push(JSON.parse(r.data));
  return ledger;
}

async function taken(trx: Q, agencyId: number, register: LedgerRegister, number: string, except?: number): Promise<boolean> {
  let q = trx.selectFrom('ledger_records').select('id').where('agency_id', '=', agencyId).where('register', '=', register).where('number', '=', number);
  if (except !== undefined) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

const conflict = (register: LedgerRegister, number: string) => new StoreError('conflict', `${registerLabel(register)}中已有第 ${number} 号记录`);

export async function addLedgerRecord(db: Q, agencyId: number, register: LedgerRegister, value: unknown, actor: AuditActor | null): Promise<LedgerRecord> {
  const record = parseRecord(register, value) as Record<string, unknown>;
  const number = numberOf(register, record);
  return inTx(db, async (trx) => {
    if (await taken(trx, agencyId, register, number)) throw conflict(register, number);
    const at = now();
    const row = await trx.insertInto('ledger_records')
      .values({ agency_id: agencyId, register, number, data: JSON.stringify(record), created_at: at, updated_at: at })
      .returning('id').executeTakeFirstOrThrow();
    await audit(trx, actor, 'ledger.add', `新增${registerLabel(register)}第 ${number} 号`, agencyId, register, number);
    await bumpDataVersion(trx);
    return { id: row.id, register, number, data: record, updatedAt: at };
  });
}

async function requireRecord(trx: Q, agencyId: number, register: LedgerRegister, id: number) {
  const row = await trx.selectFrom('ledger_records').select(['id', 'number']).where('id', '=', id)
    .where('agency_id', '=', agencyId).where('register', '=', register).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `${registerLabel(register)}中没有编号为 ${id} 的记录`);
  return row;
}

export async function updateLedgerRecord(db: Q, agencyId: number, register: LedgerRegister, id: number, value: unknown, actor: AuditActor | null): Promise<LedgerRecord> {
  const record = parseRecord(register, value) as Record<string, unknown>;
  const number = numberOf(register, record);
  return inTx(db, async (trx) => {
    await requireRecord(trx, agencyId, register, id);
    if (await taken(trx, agencyId, register, number, id)) throw conflict(register, number);
    const at = now();
    await trx.updateTable('ledger_records').set({ number, data: JSON.stringify(record), updated_at: at }).where('id', '=', id).execute();
    await audit(trx, actor, 'ledger.update', `修改${registerLabel(register)}第 ${number} 号`, agencyId, register, number);
    await bumpDataVersion(trx);
    return { id, register, number, data: record, updatedAt: at };
  });
}

export async function deleteLedgerRecord(db: Q, agencyId: number, register: LedgerRegister, id: number, actor: AuditActor | null): Promise<void> {
  await inTx(db, async (trx) => {
    const row = await requireRecord(trx, agencyId, register, id);
    await trx.deleteFrom('ledger_records').where('id', '=', id).execute();
    await audit(trx, actor, 'ledger.delete', `删除${registerLabel(register)}第 ${row.number} 号`, agencyId, register, row.number);
    await bumpDataVersion(trx);
  });
}

/** The audit entry names the register and the record's number only: never the applicant. */
function audit(trx: Q, actor: AuditActor | null, action: string, summary: string, agencyId: number, register: LedgerRegister, number: string) {
  return recordAudit(trx, actor, { action, summary, detail: { agencyId, register, number }, agencyId });
}

export interface DueItem {
  number: string;
  receivedOn: string;
  applicantCategory: string;
  dueOn: string;
  overdue: boolean;
}

/** Overdue applications and those due within 5 working days on `asOf`: numbers and dates only. */
export async function ledgerDue(db: Q, agencyId: number, asOf: string): Promise<{ asOf: string; overdue: DueItem[]; dueSoon: DueItem[] }> {
  const { applications } = await loadLedger(db, agencyId);
  const list = dueList(applications, asOf);
  const item = (e: (typeof list.overdue)[number]): DueItem => ({
    number: e.app.number, receivedOn: e.app.receivedOn, applicantCategory: e.app.applicant.category, dueOn: e.dueOn, overdue: e.overdue,
  });
  return { asOf, overdue: list.overdue.map(item), dueSoon: list.dueSoon.map(item) };
}

export interface LedgerSummary {
  year: number;
  template: '2019' | '2021';
  /** Records per register (anonymous counts). */
  records: Record<LedgerRegister, number>;
  /** Tables 二, 三 and 四 computed from the ledger. */
  tables: Tables;
  /** The ledger rules' findings: they name records by number only. */
  findings: Finding[];
}

/** What any user who may see the agency may see of its ledger: counts, the computed tables and the rules' findings. */
export async function ledgerSummary(db: Q, agencyId: number, year: number, asOf?: string): Promise<LedgerSummary> {
  const ledger = await loadLedger(db, agencyId);
  const template = ledgerTemplate(year);
  const records = Object.fromEntries(REGISTER_KEYS.map((k) => [k, ledger[k].length])) as Record<LedgerRegister, number>;
  return { year, template, records, tables: ledgerTables(ledger, year, template).tables, findings: await checkLedger(ledger, year, asOf ? { asOf } : {}) };
}

/** Adds every record of an imported ledger in one transaction: a number already used (in the file or the ledger) adds nothing. */
export async function importLedger(db: Q, agencyId: number, ledger: Ledger, actor: AuditActor | null, source: string): Promise<Record<LedgerRegister, number>> {
  return inTx(db, async (trx) => {
    const added = Object.fromEntries(REGISTER_KEYS.map((k) => [k, 0])) as Record<LedgerRegister, number>;
    const at = now();
    for (const register of REGISTER_KEYS) {
      const seen = new Set<string>();
      for (const record of ledger[register] as Record<string, unknown>[]) {
        const number = numberOf(register, record);
        if (seen.has(number) || (await taken(trx, agencyId, register, number))) throw conflict(register, number);
        seen.add(number);
        await trx.insertInto('ledger_records')
          .values({ agency_id: agencyId, register, number, data: JSON.stringify(record), created_at: at, updated_at: at }).execute();
        added[register]++;
      }
    }
    const counts = REGISTER_KEYS.filter((k) => added[k]).map((k) => `${registerLabel(k)} ${added[k]} 条`).join('、') || '没有记录';
    await recordAudit(trx, actor, { action: 'ledger.import', summary: `从 ${source} 导入台账：${counts}`, detail: { agencyId, added }, agencyId });
    await bumpDataVersion(trx);
    return added;
  });
}
