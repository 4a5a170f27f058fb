import type { Generated, Kysely } from 'kysely';
import type { CheckConfig } from '../check/types.ts';

/**
 * The database, one typed interface for SQLite and PostgreSQL. JSON is stored as
 * text and times as ISO 8601 text written by the application (never the
 * database's CURRENT_TIMESTAMP, whose format differs between the two).
 */

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RegionsTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  created_at: string;
}

export interface AgenciesTable {
  id: Generated<number>;
  name: string;
  /** The name's series key: how reports of one agency are matched (`seriesKey`, src/schema/issuer.ts; migration 4). */
  name_key: string;
  issuer_type: string;
  region_id: number | null;
  created_at: string;
}

export interface ReportsTable {
  id: Generated<number>;
  /** sha256 (hex) of the original bytes: duplicates are recognised by it. */
  content_hash: string;
  file_name: string;
  format: string;
  size: number;
  agency_id: number | null;
  agency: string | null;
  year: number | null;
  template: string;
  issuer_type: string;
  /** Current version number (1 = as imported). */
  version: number;
  /** JSON: the report (contract plus `structure`) as of the current version. */
  data: string;
  /** JSON: `tables` of the current version, for roll-ups without reading `data`. */
  tables: string;
  /** JSON: findings of the current version (cross-year findings included). */
  findings: string;
  /** The rule catalogue's version that produced `findings` (src/check/pipeline.ts); null before it was recorded. */
  rules_version: string | null;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings a reviewer dismissed as 误报 (still applying); errors, warnings and infos count the open ones. */
  dismissed: Generated<number>;
  /** The reporting workflow: draft, submitted, returned, accepted or published (src/store/workflow.ts; migration 8). */
  status: Generated<string>;
  /** Where and when the report was published (registered with the 登记发布 step). */
  published_url: string | null;
  published_on: string | null;
  import_id: number | null;
  imported_at: string;
  updated_at: string;
}

export interface OriginalsTable {
  report_id: number;
  bytes: Buffer;
  /** The decoded text that provenance offsets point into. */
  text: string;
  encoding: string;
}

export interface ReportVersionsTable {
  id: Generated<number>;
  report_id: number;
  version: number;
  kind: string;
  author: string;
  reason: string | null;
  /** JSON: [{ path, old, new }] */
  changes: string;
  created_at: string;
}

export interface ImportsTable {
  id: Generated<number>;
  source: string;
  author: string;
  created_at: string;
  total: number;
  imported: number;
  duplicates: number;
  failed: number;
  /** JSON: RecordedItem[] (src/store/import-files.ts) */
  items: string;
  /** The account that made the import (null: command line, preload, or before accounts). */
  user_id: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** admin, supervisor, clerk or viewer (src/store/users.ts). */
  role: string;
  region_id: number | null;
  agency_id: number | null;
  /** scrypt, self-describing (src/server/auth/passwords.ts). */
  password_hash: string;
  created_at: string;
  /** 1 when the account may not log in. */
  disabled: number;
}

export interface SessionsTable {
  id: Generated<number>;
  /** sha256 (hex) of the cookie's token: the token itself is never stored. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end of the session, whatever its activity. */
  expires_at: string;
  address: string | null;
}

export interface FindingTriageTable {
  id: Generated<number>;
  report_id: number;
  /** src/check/finding-key.ts findingKey */
  finding_key: string;
  /** confirmed, dismissed or pending (src/store/triage.ts). */
  status: string;
  reason: string | null;
  comment: string | null;
  /** The finding's values when decided (findingFingerprint): a change makes the decision stale. */
  fingerprint: string;
  user_id: number | null;
  username: string;
  created_at: string;
  updated_at: string;
}

export interface ReportWorkflowTable {
  id: Generated<number>;
  report_id: number;
  /** submit, return, accept or publish. */
  step: string;
  from_status: string;
  to_status: string;
  user_id: number | null;
  username: string;
  at: string;
  comment: string | null;
  /** JSON: cell (or meta.) paths a return points at. */
  cells: string;
  /** JSON: finding keys a return points at. */
  finding_keys: string;
  published_url: string | null;
  published_on: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** Null for the command line and for failed logins. */
  user_id: number | null;
  /** The user name at the time (for a failed login: the name tried). */
  username: string | null;
  address: string | null;
  action: string;
  summary: string;
  /** JSON, never secrets or applicants' personal data. */
  detail: string;
  report_id: number | null;
  agency_id: number | null;
  /** The region of the agency (or user) concerned at the time: what a supervisor's scope is matched on. */
  region_id: number | null;
}

export interface AgencyAliasesTable {
  id: Generated<number>;
  /** The former name's series key, unique across aliases (and never another agency's name_key). */
  name_key: string;
  name: string;
  agency_id: number;
  created_at: string;
}

export interface JobsTable {
  id: Generated<number>;
  /** import, recheck, rollup or render (src/store/job-kinds.ts). */
  kind: string;
  /** queued, running, done, failed or cancelled. */
  status: string;
  user_id: number | null;
  author: string;
  /** JSON: the DataScope the job runs with (null: everything, as on the command line). */
  scope: string | null;
  /** JSON: what the kind needs (e.g. the region and year of a roll-up). */
  params: string;
  total: number;
  /** The imports row of an import job: its reports carry it, which tells a retried file's own report from a duplicate. */
  import_id: number | null;
  error: string | null;
  /** A roll-up export or a batch render: the file made. */
  result: Buffer | null;
  result_name: string | null;
  result_type: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface JobItemsTable {
  id: Generated<number>;
  job_id: number;
  /** 0, 1, … within the job: tasks are ranges of it. */
  seq: number;
  name: string;
  /** An import's file, kept until the job is done, so a worker on any machine can read it. */
  bytes: Buffer | null;
  report_id: number | null;
  /** pending, then imported, duplicate, failed or done. */
  status: string;
  reason: string | null;
  /** JSON: what the item yielded (agency, year, errors, warnings). */
  detail: string | null;
  updated_at: string;
}

export interface JobTasksTable {
  id: Generated<number>;
  job_id: number;
  first_seq: number;
  last_seq: number;
  /** pending, running, done or failed (SQLite queue; on PostgreSQL pg-boss holds the tasks). */
  state: string;
  attempts: number;
  /** A running task whose lease has passed is claimed again (its worker died). */
  lease_until: string | null;
  worker: string | null;
  /** Tasks of the job when these were queued: smaller jobs' tasks are taken first (src/store/job-queue.ts `jobSize`). */
  job_size: Generated<number>;
}

/** One record of an agency's ledger (migration 10): `data` is the record as the schema declares it (src/schema/ledger.ts). */
export interface LedgerRecordsTable {
  id: Generated<number>;
  agency_id: number;
  /** applications, cases, documents or figures. */
  register: string;
  /** The record's number in its register (登记号; for figures year/item/row/column). */
  number: string;
  /** JSON; an application's holds the applicant's personal data, never shown outside the agency (src/store/ledger.ts). */
  data: string;
  created_at: string;
  updated_at: string;
}

export interface DataVersionTable {
  id: number;
  n: number;
}

export interface DB {
  ogi_migrations: MigrationsTable;
  data_version: DataVersionTable;
  settings: SettingsTable;
  regions: RegionsTable;
  agencies: AgenciesTable;
  reports: ReportsTable;
  originals: OriginalsTable;
  report_versions: ReportVersionsTable;
  imports: ImportsTable;
  users: UsersTable;
  sessions: SessionsTable;
  finding_triage: FindingTriageTable;
  report_workflow: ReportWorkflowTable;
  audit_log: AuditLogTable;
  agency_aliases: AgencyAliasesTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
  job_tasks: JobTasksTable;
  ledger_records: LedgerRecordsTable;
}

export type Dialect = 'sqlite' | 'postgres';

/** An open store: the query builder, which database it is, and how to close it. */
export interface Store {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /** Where it is, for messages: the SQLite file or the PostgreSQL URL without password. */
  readonly location: string;
  /** Local rules for the checks (deadlines, DATE-06); {} when none. */
  readonly checkConfig: CheckConfig;
  /** PostgreSQL: the connection URL, for the job queue's own connections (pg-boss); never shown. */
  readonly databaseUrl?: string;
  close(): Promise<void>;
}

/** A query builder that may be the store's or a transaction's. */
export type Q = Kysely<DB>;

/** pg returns count(*) and sums as strings (bigint); SQLite as numbers. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

export const now = (): string => new Date().toISOString();

/** Transactions opened by `inTx` that have asked for a data-version bump, done just before they commit. */
const BUMP_AT_COMMIT = new WeakMap<Q, boolean>();

/**
 * Every write that changes what the API shows bumps the data version in its own
 * transaction; cached answers are valid while the version is unchanged (also
 * across several server processes on one database). Inside `inTx` the bump is
 * the transaction's last statement: the version row is locked from its update
 * to the commit, and concurrent imports wait on that lock only for the commit.
 */
export async function bumpDataVersion(trx: Q): Promise<void> {
  if (BUMP_AT_COMMIT.has(trx)) BUMP_AT_COMMIT.set(trx, true);
  else await incrementDataVersion(trx);
}

async function incrementDataVersion(trx: Q): Promise<void> {
  await trx.updateTable('data_version').set((eb) => ({ n: eb('n', '+', 1) })).where('id', '=', 1).execute();
}

/** The query of the data version, also for use as a subquery (`.as(name)`) beside other columns. */
export const dataVersionQuery = (db: Q) => db.selectFrom('data_version').select('n').where('id', '=', 1);

export async function dataVersion(db: Q): Promise<number> {
  return num((await dataVersionQuery(db).executeTakeFirst())?.n);
}

/** Runs `fn` in a transaction: the given one, or a new one (Kysely does not nest transactions). */
export function inTx<T>(db: Q, fn: (trx: Q) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(async (trx) => {
    BUMP_AT_COMMIT.set(trx, false);
    const result = await fn(trx);
    if (BUMP_AT_COMMIT.get(trx)) await incrementDataVersion(trx);
    return result;
  });
}

const COLLATOR = new Intl.Collator('zh-CN');
/** Chinese (pinyin) order of names, the same on SQLite and PostgreSQL whatever the database collation. */
export const compareNames = (a: string, b: string): number => COLLATOR.compare(a, b);
