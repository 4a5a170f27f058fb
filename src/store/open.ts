import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { CheckConfig } from '../check/types.ts';
import type { DB, Store } from './db.ts';
import { closeJobQueue } from './job-queue.ts';
import { migrate } from './migrations.ts';
import { PreparingClient } from './pg-prepared.ts';

export type StoreOptions = ({ sqlitePath: string } | { databaseUrl: string }) & {
  /** Local rules for the checks (deadlines), see docs/check-config.example.json. */
  checkConfig?: CheckConfig;
};

// pg returns bigint (count, sum of integers) as strings; int8 ids are not used, so parse them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** The PostgreSQL URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused,
 * so the SQL text of recent queries keeps its prepared statement (Kysely runs
 * one query at a time on SQLite, so a statement is never used twice at once).
 */
function withStatementCache(sqlite: Database.Database, max = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), so a
 * writer in another process waits its turn (busy_timeout) instead of failing:
 * a deferred transaction that reads, then writes after another process wrote,
 * gets "database is locked" at once, whatever the busy timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config);
  }
}

/** How long an SQLite writer waits for another process's transaction before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 60_000;

/**
 * Opens the store — an SQLite file (created with its folder when missing) or a
 * PostgreSQL database — and brings its schema up to date.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if ('databaseUrl' in options) {
    // Idle connections are kept (pg closes them after 10 s by default): under a
    // steady load the pool hands out its most recently used connection first, so
    // the others sat idle, were closed, and every burst then paid for new
    // connections — a fresh server backend with cold catalog caches, some
    // milliseconds each on a busy machine — in the latency tail. allowExitOnIdle
    // lets a process that forgets close() still exit.
    const pool = new pg.Pool({ Client: PreparingClient, connectionString: options.databaseUrl, max: 10, idleTimeoutMillis: 0, allowExitOnIdle: true });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      await migrate(db, 'postgres');
    } catch (err) {
      await db.destroy();
      throw err;
    }
    const store: Store = {
      db, dialect: 'postgres', location: redactUrl(options.databaseUrl), databaseUrl: options.databaseUrl, checkConfig: options.checkConfig ?? {},
      close: async () => {
        await closeJobQueue(store);
        await db.destroy();
      },
    };
    return store;
  }
  const path = options.sqlitePath;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await migrate(db, 'sqlite');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const store: Store = {
    db, dialect: 'sqlite', location: path, checkConfig: options.checkConfig ?? {},
    close: async () => {
      await closeJobQueue(store);
      await db.destroy();
    },
  };
  return store;
}
