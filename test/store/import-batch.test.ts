import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { JOB_HANDLERS } from '../../src/server/jobs.ts';
import { recheck } from '../../src/store/checks.ts';
import { dataVersion, inTx, now, type Store } from '../../src/store/db.ts';
import { importBatch, importFiles, importOne, type ImportContext } from '../../src/store/import.ts';
import { DEFAULT_LIMITS, type ImportFile } from '../../src/store/import-files.ts';
import { createJob, runTask } from '../../src/store/jobs.ts';
import { openStore } from '../../src/store/open.ts';
import { postgresSkip, startPostgres, type PgCluster } from '../api/pg.ts';
import { synthetic } from '../api/fixtures.ts';
import { randomTables } from '../helpers/random-report.ts';

/**
 * A job's task stores its files together (`importBatch`: one transaction) where `importOne` stored each in
 * its own: the outcome of every file and everything stored must be what importing them one by one gives,
 * a file that cannot be stored must fail alone, and a task whose files were stored by a try that died
 * before writing the outcomes must count them as imported exactly once. On SQLite and PostgreSQL.
 */

const tmp = mkdtempSync(join(tmpdir(), 'ogi-import-batch-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const X = '某某市交通运输局';
const Y = '某某市民政局';
const report = (agency: string, year: number, seed: number): ImportFile => ({
  name: `${agency}-${year}-${seed}.txt`,
  bytes: Buffer.from(synthetic({ agency, year, tables: randomTables(year >= 2021 ? '2021' : '2019', seed) })),
});
const copy = (f: ImportFile, name: string): ImportFile => ({ name, bytes: f.bytes! });

/** Stored before the batch: neighbours the batch's reports are checked with. */
const EARLIER = [report(X, 2022, 1), report(Y, 2020, 2)];
/**
 * One series out of order, with gaps and two reports of one year, around a stored year; another agency's
 * next year; a new agency; a copy of a stored file, a copy of a file earlier in the batch, and an unreadable file.
 */
const BATCH = [
  report(X, 2020, 3), report(X, 2024, 4), report(X, 2021, 5), report(Y, 2021, 6), copy(EARLIER[0]!, 'again-2022.txt'),
  report(X, 2023, 7), report(X, 2021, 8), report('某某市财政局', 2020, 9), report(X, 2019, 10),
  { name: 'broken.txt', bytes: Buffer.from('这不是一份年度报告') },
];
BATCH.splice(5, 0, copy(BATCH[0]!, 'same-as-first.txt'));

async function context(store: Store): Promise<ImportContext> {
  const batch = await store.db
    .insertInto('imports')
    .values({ source: 'test', author: '测试', created_at: now(), total: 0, imported: 0, duplicates: 0, failed: 0, items: '[]', user_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { author: '测试', importId: batch.id, limits: DEFAULT_LIMITS, actor: { userId: null, username: '测试', address: null } };
}

/** Everything an import writes, without the times. */
async function stored(store: Store) {
  const db = store.db;
  return {
    reports: await db.selectFrom('reports')
      .select(['id', 'content_hash', 'file_name', 'format', 'size', 'agency_id', 'agency', 'year', 'template', 'issuer_type', 'version', 'data', 'tables', 'findings', 'rules_version', 'errors', 'warnings', 'infos', 'dismissed', 'import_id'])
      .orderBy('id').execute(),
    originals: (await db.selectFrom('originals').select(['report_id', 'bytes', 'text', 'encoding']).orderBy('report_id').execute()).map((o) => ({ ...o, bytes: Buffer.from(o.bytes).toString('hex') })),
    versions: await db.selectFrom('report_versions').select(['report_id', 'version', 'kind', 'author', 'reason', 'changes']).orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').select(['user_id', 'username', 'action', 'summary', 'detail', 'report_id', 'agency_id', 'region_id']).orderBy('id').execute(),
    agencies: await db.selectFrom('agencies').select(['id', 'name', 'name_key', 'issuer_type', 'region_id']).orderBy('id').execute(),
  };
}

async function oneByOne(store: Store, files: readonly ImportFile[], scope?: ImportContext['scope']) {
  const ctx = { ...(await context(store)), scope };
  const items = [];
  for (const f of files) items.push(await importOne(store, f, ctx));
  return items;
}

/** Runs `fn` on two new stores, closed afterwards whatever happens. */
async function withStores(open: (name: string) => Promise<Store>, names: [string, string], fn: (a: Store, b: Store) => Promise<void>): Promise<void> {
  const [a, b] = [await open(names[0]), await open(names[1])];
  try {
    await fn(a, b);
  } finally {
    await a.close();
    await b.close();
  }
}

const OWNER = { userId: null, author: '测试', scope: null };

/** Queues the files as an import job (its tasks left to the test to run); returns the job's id and import. */
async function queueImport(store: Store, files: readonly ImportFile[], params: Record<string, unknown> = {}) {
  const id = await createJob(store, JOB_HANDLERS, { kind: 'import', owner: OWNER, importId: (await context(store)).importId, params }, files.map((f) => ({ name: f.name, bytes: f.bytes! })));
  return store.db.selectFrom('jobs').select(['id', 'import_id']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Each item's outcome of a job, in order: its status and report. */
async function outcomesOf(store: Store, jobId: number) {
  return (await store.db.selectFrom('job_items').select(['status', 'report_id']).where('job_id', '=', jobId).orderBy('seq').execute()).map((i) => [i.status, i.report_id]);
}

function suite(open: (name: string) => Promise<Store>, rejectStoring: (store: Store, fileName: string) => Promise<void>) {
  test('a batch stores and answers exactly what importing its files one by one does', async () => {
    await withStores(open, ['single', 'batched'], async (single, batched) => {
      await oneByOne(single, EARLIER);
      await oneByOne(batched, EARLIER);
      const expected = await oneByOne(single, BATCH);
      const items = await importBatch(batched, BATCH, await context(batched));
      assert.deepEqual(items, expected);
      assert.deepEqual(items.map((i) => i.status), ['imported', 'imported', 'imported', 'imported', 'duplicate', 'duplicate', 'imported', 'imported', 'imported', 'imported', 'failed']);
      assert.equal(items[5]!.reportId, items[0]!.reportId);
      const after = await stored(batched);
      assert.deepEqual(after, await stored(single));
      const crossYear = after.reports.flatMap((r) => (JSON.parse(r.findings) as { rule: string }[]).filter((f) => f.rule.startsWith('X-')));
      assert.ok(crossYear.length > 0, 'the series must give cross-year findings, or the test proves nothing');
      // And both are what checking every agency whole gives.
      for (const { id } of after.agencies) await inTx(batched.db, (trx) => recheck(trx, { agencyId: id }, batched.checkConfig));
      assert.deepEqual((await stored(batched)).reports, after.reports);
    });
  });

  test("a clerk's batch: another agency's report is refused alone, one of no known agency goes to the clerk's", async () => {
    await withStores(open, ['scoped_single', 'scoped_batched'], async (single, batched) => {
      await oneByOne(single, EARLIER);
      await oneByOne(batched, EARLIER);
      const clerk = { kind: 'agency' as const, agencyId: (await batched.db.selectFrom('agencies').select('id').where('name', '=', X).executeTakeFirstOrThrow()).id };
      const files = [report(X, 2021, 51), report(Y, 2021, 52), report('某某市审计局', 2021, 53), report(X, 2023, 54)];
      const expected = await oneByOne(single, files, clerk);
      const items = await importBatch(batched, files, { ...(await context(batched)), scope: clerk });
      assert.deepEqual(items, expected);
      assert.deepEqual(items.map((i) => i.status), ['imported', 'failed', 'imported', 'imported']);
      assert.match(items[1]!.reason!, /不是您所属的机关/);
      assert.deepEqual(await stored(batched), await stored(single));
    });
  });

  test('a file that cannot be stored fails alone: the batch is stored again file by file, nothing of that file is kept', async () => {
    const store = await open('failing');
    try {
      const files = [report(X, 2020, 21), report(X, 2021, 22), report(Y, 2021, 23)];
      await rejectStoring(store, files[1]!.name);
      const items = await importBatch(store, files, await context(store));
      assert.deepEqual(items.map((i) => i.status), ['imported', 'failed', 'imported']);
      assert.match(items[1]!.reason!, new RegExp(`^${files[1]!.name}：保存时出错，未导入（.*不能保存`));
      const after = await stored(store);
      assert.deepEqual(after.reports.map((r) => r.file_name), [files[0]!.name, files[2]!.name]);
      assert.deepEqual(after.reports.map((r) => r.id), [items[0]!.reportId, items[2]!.reportId]);
      assert.deepEqual([after.originals.length, after.versions.length, after.audit.length], [2, 2, 2]);
    } finally {
      await store.close();
    }
  });

  test('importFiles (ogi import, the API without the queue) stores 10 files a transaction, with what one by one gives', async () => {
    await withStores(open, ['files_single', 'files_grouped'], async (single, grouped) => {
      const files = Array.from({ length: 12 }, (_, i) => report(i % 2 ? X : Y, 2019 + Math.floor(i / 2), 80 + i));
      files.splice(11, 0, copy(files[3]!, 'copy.txt'));
      // The agencies exist first: a batch creates the new ones of a transaction in its own order.
      await oneByOne(single, EARLIER);
      await oneByOne(grouped, EARLIER);
      const expected = await oneByOne(single, files);
      const before = await dataVersion(grouped.db);
      const result = await importFiles(grouped, files, { author: '测试', source: 'test' });
      assert.equal((await dataVersion(grouped.db)) - before, 2);
      assert.deepEqual(result.items, expected);
      assert.equal(result.duplicates, 1);
      assert.deepEqual(await stored(grouped), await stored(single));
    });
  });

  test("a task's files over its byte budget are stored in groups, one transaction each, with the outcomes of one batch", async () => {
    await withStores(open, ['task_whole', 'task_grouped'], async (whole, grouped) => {
      const files = [report(X, 2020, 71), report(X, 2021, 72), report(Y, 2021, 73)];
      files.splice(2, 0, copy(files[0]!, 'copy.txt'));
      /** Runs the files as one task under `batchBytes`; returns the outcomes and how many transactions stored reports. */
      const runAsOneTask = async (store: Store, batchBytes: number) => {
        const job = await queueImport(store, files, { limits: { ...DEFAULT_LIMITS, batchBytes } });
        const before = await dataVersion(store.db);
        await runTask(store, JOB_HANDLERS, { jobId: job.id, from: 0, to: files.length - 1 }, 1);
        return { outcomes: await outcomesOf(store, job.id), commits: (await dataVersion(store.db)) - before };
      };
      const sizes = files.map((f) => f.bytes!.length);
      // The first two files fit together, the third would not: groups [1, 2], [copy, 3].
      const one = await runAsOneTask(whole, DEFAULT_LIMITS.batchBytes);
      const two = await runAsOneTask(grouped, sizes[0]! + sizes[1]! + sizes[2]! - 1);
      assert.deepEqual(two.outcomes, one.outcomes);
      assert.deepEqual(one.outcomes.map(([status]) => status), ['imported', 'imported', 'duplicate', 'imported']);
      assert.deepEqual([one.commits, two.commits], [1, 2]);
      assert.deepEqual(await stored(grouped), await stored(whole));
    });
  });

  test("a task's outcomes: a copy in the same task is a duplicate; files stored by a try that died are imported once", async () => {
    const store = await open('jobs');
    try {
      const a = report(X, 2020, 31);
      const b = report(X, 2021, 32);
      const job = (files: readonly ImportFile[]) => queueImport(store, files);
      const outcomes = (jobId: number) => outcomesOf(store, jobId);

      const first = await job([a, b, copy(a, 'copy.txt')]);
      await runTask(store, JOB_HANDLERS, { jobId: first.id, from: 0, to: 2 }, 1);
      const ids = (await store.db.selectFrom('reports').select('id').where('import_id', '=', first.import_id).orderBy('id').execute()).map((r) => r.id);
      assert.deepEqual(await outcomes(first.id), [['imported', ids[0]], ['imported', ids[1]], ['duplicate', ids[0]]]);

      // Files stored under the job's import by a try whose worker died before writing the outcomes.
      const fresh = [report(Y, 2020, 41), report(Y, 2021, 42)];
      const second = await job([...fresh, copy(fresh[0]!, 'copy.txt')]);
      const died = await importBatch(store, fresh, { ...(await context(store)), importId: second.import_id! });
      assert.deepEqual(died.map((i) => i.status), ['imported', 'imported']);
      await runTask(store, JOB_HANDLERS, { jobId: second.id, from: 0, to: 2 }, 2);
      assert.deepEqual(await outcomes(second.id), [['imported', died[0]!.reportId], ['imported', died[1]!.reportId], ['duplicate', died[0]!.reportId]]);
      assert.equal((await store.db.selectFrom('jobs').select('status').where('id', '=', second.id).executeTakeFirstOrThrow()).status, 'done');
    } finally {
      await store.close();
    }
  });
}

describe('SQLite', () => {
  suite(
    (name) => openStore({ sqlitePath: join(tmp, `${name}.sqlite`) }),
    async (store, fileName) => {
      await sql.raw(`create trigger reject_file before insert on reports when new.file_name = '${fileName}' begin select raise(abort, '此文件不能保存'); end`).execute(store.db);
    },
  );
});

describe('PostgreSQL', { skip: postgresSkip() }, () => {
  // Started by the first test that opens a store.
  let cluster: Promise<PgCluster> | undefined;
  after(async () => (await cluster)?.stop());
  const open = async (name: string) => openStore({ databaseUrl: await (await (cluster ??= startPostgres())).createDatabase(`batch_${name}`) });
  /** A trigger on the reports of one file: `body` runs (PL/pgSQL) before its row is inserted. */
  const onInsertOf = async (store: Store, fileName: string, body: string) => {
    await sql.raw(`create function on_insert() returns trigger language plpgsql as $$ begin ${body}; return new; end $$`).execute(store.db);
    await sql.raw(`create trigger on_insert before insert on reports for each row when (new.file_name = '${fileName}') execute function on_insert()`).execute(store.db);
  };
  suite(open, (store, fileName) => onInsertOf(store, fileName, `raise exception '此文件不能保存'`));

  test("two imports adding consecutive years of one agency at once: the second waits for the first and is checked with its report", async () => {
    const store = await open('concurrent');
    try {
      await oneByOne(store, [report(X, 2023, 61)]);
      const slow = report(X, 2020, 62);
      await onInsertOf(store, slow.name, 'perform pg_sleep(1.5)');
      const first = importBatch(store, [slow], await context(store));
      await new Promise((ok) => setTimeout(ok, 300));
      const second = importBatch(store, [report(X, 2021, 63)], await context(store));
      assert.deepEqual([...(await first), ...(await second)].map((i) => i.status), ['imported', 'imported']);
      const after = await stored(store);
      const agencyId = after.reports[0]!.agency_id;
      await inTx(store.db, (trx) => recheck(trx, { agencyId }, store.checkConfig));
      assert.deepEqual((await stored(store)).reports, after.reports);
    } finally {
      await store.close();
    }
  });
});
