import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { seriesKey } from '../schema/issuer.ts';
import { now, type DB, type Dialect } from './db.ts';

/**
 * Versioned migrations, applied in order at start-up. Each runs in its own
 * transaction together with the row that records it, so a migration is either
 * applied and recorded or not at all; running them again does nothing.
 * Add a new entry at the end; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<DB>, dialect: Dialect): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the schema builder works on tables not yet in DB
type AnyDb = Kysely<any>;

/** `integer primary key autoincrement` on SQLite, `serial primary key` on PostgreSQL. */
const idType = (dialect: Dialect) => (dialect === 'postgres' ? 'serial' : 'integer');
const idColumn = (dialect: Dialect) => (c: ColumnDefinitionBuilder) =>
  dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
const bytesType = (dialect: Dialect) => (dialect === 'postgres' ? 'bytea' : 'blob');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'regions, agencies, reports, originals, versions, imports',
    async up(database, dialect) {
      const db = database as AnyDb;
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('regions')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('parent_id', 'integer', (c) => c.references('regions.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('regions_parent').on('regions').column('parent_id').execute();
      await db.schema
        .createTable('agencies')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('issuer_type', 'text', (c) => c.notNull())
        .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agencies_region').on('agencies').column('region_id').execute();
      await db.schema
        .createTable('imports')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('imported', 'integer', (c) => c.notNull())
        .addColumn('duplicates', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('content_hash', 'text', (c) => c.notNull().unique())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
        .addColumn('agency', 'text')
        .addColumn('year', 'integer')
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('issuer_type', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('warnings', 'integer', (c) => c.notNull())
        .addColumn('infos', 'integer', (c) => c.notNull())
        .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // The large JSON columns last: SQLite reads a row's columns in order, so lists never touch them.
        .addColumn('tables', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_agency_year').on('reports').columns(['agency_id', 'year']).execute();
      await db.schema.createIndex('reports_year').on('reports').column('year').execute();
      await db.schema
        .createTable('originals')
        .addColumn('report_id', 'integer', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
        .addColumn('bytes', bytesType(dialect), (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('report_versions')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('report_versions_report_version', ['report_id', 'version'])
        .execute();
    },
  },
  {
    version: 2,
    name: 'data version for cached answers',
    async up(database) {
      const db = database as AnyDb;
      await db.schema
        .createTable('data_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('n', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('data_version').values({ id: 1, n: 0 }).execute();
    },
  },
  {
    version: 3,
    name: 'the version of the rules that produced the stored findings',
    async up(database) {
      const db = database as AnyDb;
      await db.schema.alterTable('reports').addColumn('rules_version', 'text').execute();
    },
  },
  {
    version: 4,
    name: 'agencies matched by the series key of their name',
    async up(database) {
      const db = database as AnyDb;
      // Re-key in id order; an agency whose new key another one already holds keeps its old key
      // (the two stay apart until a correction moves the reports). Findings are checked again on
      // the next change of the agency's reports.
      const rows = (await db.selectFrom('agencies').select(['id', 'name', 'name_key']).orderBy('id').execute()) as { id: number; name: string; name_key: string }[];
      const held = new Set(rows.map((r) => r.name_key));
      for (const r of rows) {
        const key = seriesKey(r.name);
        if (key === r.name_key || held.has(key)) continue;
        await db.updateTable('agencies').set({ name_key: key }).where('id', '=', r.id).execute();
        held.delete(r.name_key);
        held.add(key);
      }
    },
  },
  {
    version: 5,
    name: 'user accounts and sessions; who made an import',
    async up(database, dialect) {
      const db = database as AnyDb;
      await db.schema
        .createTable('users')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
        .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.alterTable('imports').addColumn('user_id', 'integer').execute();
    },
  },
  {
    version: 6,
    name: 'audit log; former names of agencies',
    async up(database, dialect) {
      const db = database as AnyDb;
      // No foreign keys: an entry outlives the report, agency or user it names.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text')
        .addColumn('address', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('report_id', 'integer')
        .addColumn('agency_id', 'integer')
        .addColumn('region_id', 'integer')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_region').on('audit_log').column('region_id').execute();
      await db.schema
        .createTable('agency_aliases')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agency_aliases_agency').on('agency_aliases').column('agency_id').execute();
    },
  },
  {
    version: 7,
    name: 'reviewers\' decisions about findings (triage)',
    async up(database, dialect) {
      const db = database as AnyDb;
      await db.schema
        .createTable('finding_triage')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
        .addColumn('finding_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('comment', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('finding_triage_report_key', ['report_id', 'finding_key'])
        .execute();
      await db.schema.alterTable('reports').addColumn('dismissed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  {
    version: 8,
    name: 'reporting workflow: status, publication, steps',
    async up(database, dialect) {
      const db = database as AnyDb;
      // Existing and imported reports start as drafts.
      await db.schema.alterTable('reports').addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')).execute();
      await db.schema.alterTable('reports').addColumn('published_url', 'text').execute();
      await db.schema.alterTable('reports').addColumn('published_on', 'text').execute();
      await db.schema
        .createTable('report_workflow')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('cells', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('finding_keys', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('published_url', 'text')
        .addColumn('published_on', 'text')
        .execute();
      await db.schema.createIndex('report_workflow_report').on('report_workflow').column('report_id').execute();
    },
  },
  {
    version: 10,
    name: 'the year\'s ledger: registers of applications, cases, documents and table 二 figures per agency',
    async up(database, dialect) {
      const db = database as AnyDb;
      await db.schema
        .createTable('ledger_records')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
        .addColumn('register', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ledger_records_agency_register_number', ['agency_id', 'register', 'number'])
        .execute();
    },
  },
  {
    version: 11,
    name: 'background jobs: jobs, their items (files or reports) and the SQLite queue of tasks',
    async up(database, dialect) {
      const db = database as AnyDb;
      await db.schema
        .createTable('jobs')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('scope', 'text')
        .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
        .addColumn('error', 'text')
        .addColumn('result', bytesType(dialect))
        .addColumn('result_name', 'text')
        .addColumn('result_type', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_user').on('jobs').columns(['user_id', 'id']).execute();
      await db.schema
        .createTable('job_items')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('job_id', 'integer', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('bytes', bytesType(dialect))
        .addColumn('report_id', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('detail', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('job_items_job_seq', ['job_id', 'seq'])
        .execute();
      await db.schema
        .createTable('job_tasks')
        .addColumn('id', idType(dialect), idColumn(dialect))
        .addColumn('job_id', 'integer', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('first_seq', 'integer', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'text')
        .addColumn('worker', 'text')
        .execute();
      await db.schema.createIndex('job_tasks_state').on('job_tasks').columns(['state', 'id']).execute();
    },
  },
  {
    version: 12,
    name: 'job items by status: whether a job of 100 000 files has any left, without reading the done ones',
    async up(db) {
      await db.schema.createIndex('job_items_job_status').on('job_items').columns(['job_id', 'status']).execute();
    },
  },
  {
    version: 13,
    name: "reports in the list's default order (newest year first, then agency): the first pages of a large list read from the index",
    async up(db, dialect) {
      // SQLite cannot declare NULLS LAST in an index, so it would not use one for this order; it sorts 100 000 ids in ≈ 20 ms.
      if (dialect === 'postgres') await sql`create index reports_default_order on reports (year desc nulls last, agency asc nulls last, id)`.execute(db);
    },
  },
  {
    version: 14,
    name: 'PostgreSQL: reports and originals compressed with lz4 where the server has it (about 3× faster to write than pglz, faster to read)',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      // PostgreSQL 14+ built with lz4 lists it here; values already stored keep pglz, both stay readable.
      const lz4 = await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
      if (!lz4.rows[0]?.ok) return;
      await sql`alter table reports alter column data set compression lz4, alter column tables set compression lz4, alter column findings set compression lz4`.execute(db);
      await sql`alter table originals alter column "text" set compression lz4, alter column bytes set compression lz4`.execute(db);
    },
  },
  {
    version: 15,
    name: "SQLite job queue: tasks taken smaller jobs' first, so a few files are not queued behind an import of thousands",
    async up(db) {
      await db.schema.alterTable('job_tasks').addColumn('job_size', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.dropIndex('job_tasks_state').execute();
      await db.schema.createIndex('job_tasks_claim').on('job_tasks').columns(['state', 'job_size', 'id']).execute();
    },
  },
];

/** Applies the migrations not yet recorded; returns the versions applied now. */
export async function migrate(db: Kysely<DB>, dialect: Dialect, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  // Two servers starting at once on one PostgreSQL database: the second waits for the first's lock, then sees its rows.
  const lock = async (trx: Kysely<DB>) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7242001)`.execute(trx);
  };
  await db.transaction().execute(async (trx) => {
    await lock(trx);
    await (trx as AnyDb).schema
      .createTable('ogi_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
  });
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction().execute(async (trx) => {
      await lock(trx);
      const row = await trx.selectFrom('ogi_migrations').select('version').where('version', '=', m.version).executeTakeFirst();
      if (row) return false;
      await m.up(trx, dialect);
      await trx.insertInto('ogi_migrations').values({ version: m.version, name: m.name, applied_at: now() }).execute();
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
