import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { sql } from 'kysely';
import type { CheckConfig } from '../../src/check/types.ts';
import { regionStats } from '../../src/store/analysis.ts';
import { importAgenciesCsv, parseCsv } from '../../src/store/agencies-csv.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { correctReport, listVersions, reportAtVersion, revertReport } from '../../src/store/corrections.ts';
import type { Store } from '../../src/store/db.ts';
import { StoreError } from '../../src/store/errors.ts';
import { importFiles } from '../../src/store/import.ts';
import { sha256 } from '../../src/store/import-files.ts';
import { createJob } from '../../src/store/jobs.ts';
import { MIGRATIONS, migrate } from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/open.ts';
import { getReport, listReports } from '../../src/store/reports.ts';
import { encodeGb18030 } from '../helpers/gbk.ts';
import { postgresSkip, startPostgres, type PgCluster } from '../api/pg.ts';
import { synthetic, tables2021 } from '../api/fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-store-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const file = (name: string, text: string | Uint8Array) => ({ name, bytes: Buffer.from(text) });
const A2020 = synthetic({ agency: '某某市交通运输局', year: 2020 });
const A2021 = synthetic({ agency: '某某市交通运输局', year: 2021, tables: tables2021() });

async function rejects(p: Promise<unknown>, code: StoreError['code'], message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StoreError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });
}

describe('migrations', () => {
  test('SQLite: applied once, recorded, and a second start changes nothing', async () => {
    const path = join(tmp, 'migrate.sqlite');
    const first = await openStore({ sqlitePath: path });
    const rows = await first.db.selectFrom('ogi_migrations').selectAll().execute();
    assert.deepEqual(rows.map((r) => [r.version, r.name]), MIGRATIONS.map((m) => [m.version, m.name]));
    assert.deepEqual(await migrate(first.db, 'sqlite'), []);
    await first.close();
    const again = await openStore({ sqlitePath: path });
    assert.equal((await again.db.selectFrom('ogi_migrations').selectAll().execute()).length, MIGRATIONS.length);
    await again.close();
  });

  test('a failing migration leaves nothing behind and is not recorded', async () => {
    const store = await openStore({ sqlitePath: join(tmp, 'failing.sqlite') });
    const bad = {
      version: 999,
      name: 'fails halfway',
      async up(db: Store['db']) {
        await db.schema.createTable('half_done').addColumn('x', 'integer').execute();
        throw new Error('boom');
      },
    };
    await assert.rejects(migrate(store.db, 'sqlite', [...MIGRATIONS, bad]), /boom/);
    const tables = await store.db.introspection.getTables();
    assert.ok(!tables.some((t) => t.name === 'half_done'));
    assert.deepEqual((await store.db.selectFrom('ogi_migrations').select('version').execute()).map((r) => r.version), MIGRATIONS.map((m) => m.version));
    await store.close();
  });

  describe('PostgreSQL', { skip: postgresSkip() }, () => {
    let cluster: PgCluster;
    before(async () => {
      cluster = await startPostgres();
    });
    after(async () => {
      await cluster?.stop();
    });
    test('two stores starting at once on one database apply each migration once', async () => {
      const [a, b] = await Promise.all([openStore({ databaseUrl: cluster.url }), openStore({ databaseUrl: cluster.url })]);
      assert.deepEqual((await a.db.selectFrom('ogi_migrations').select('version').execute()).map((r) => r.version), MIGRATIONS.map((m) => m.version));
      assert.deepEqual(await migrate(b.db, 'postgres'), []);
      assert.match(a.location, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/ogi_test$/);
      await Promise.all([a.close(), b.close()]);
    });
  });
});

describe('agencies matched by series key', () => {
  test('管委会 and 管理委员会 are one agency: the reports are checked across years', async () => {
    const store = await openStore({ sqlitePath: join(tmp, 'series.sqlite') });
    try {
      await importFiles(store, [
        file('z2020.txt', synthetic({ agency: '某某经济开发区管委会', year: 2020 })),
        file('z2021.txt', synthetic({ agency: '某某经济开发区管理委员会', year: 2021, tables: tables2021() })),
      ], { author: '测试' });
      const list = (await listReports(store.db, { sort: 'id' })).items;
      assert.equal(new Set(list.map((r) => r.agencyId)).size, 1);
      const later = await getReport(store.db, list[1]!.id, { text: false });
      assert.ok(later.findings.some((f) => f.rule === 'X-04'), JSON.stringify(later.findings.map((f) => f.rule)));
      assert.deepEqual((await listAgencies(store.db, { q: '开发区管委会' })).map((a) => a.reports), [2]);
    } finally {
      await store.close();
    }
  });

  test('migration 4 re-keys agencies; one whose new key is held keeps its old key', async () => {
    const store = await openStore({ sqlitePath: join(tmp, 'rekey.sqlite') });
    try {
      const at = '2026-01-01T00:00:00Z';
      await store.db.deleteFrom('ogi_migrations').where('version', '=', 4).execute();
      await store.db.insertInto('agencies').values([
        { name: '某某开发区管委会', name_key: '某某开发区管委会', issuer_type: 'other', region_id: null, created_at: at },
        { name: '某某开发区管理委员会', name_key: '某某开发区管理委员会x', issuer_type: 'other', region_id: null, created_at: at },
      ]).execute();
      assert.deepEqual(await migrate(store.db, 'sqlite'), [4]);
      const keys = (await store.db.selectFrom('agencies').select(['name', 'name_key']).orderBy('id').execute()).map((r) => r.name_key);
      assert.deepEqual(keys, ['某某开发区管理委员会', '某某开发区管理委员会x']);
    } finally {
      await store.close();
    }
  });
});

describe('CSV of agencies', () => {
  test('parseCsv: quotes, commas and line breaks inside quotes, CRLF, line numbers', () => {
    assert.deepEqual(parseCsv('机关,区域\r\n"甲,乙局","丙\n区"\r\n"说""明",丁\n'), [
      { line: 1, fields: ['机关', '区域'] },
      { line: 2, fields: ['甲,乙局', '丙\n区'] },
      { line: 4, fields: ['说"明', '丁'] },
    ]);
    assert.deepEqual(parseCsv('a,b\n"open,c\n'), { line: 2, message: '第 2 行：引号没有闭合' });
  });

  test('regions are created parents first; a cycle of parents is refused with its lines', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const ok = await importAgenciesCsv(store.db, Buffer.from('机关,区域,上级区域\n甲县财政局,甲县,乙市\n乙市财政局,乙市,丙省\n'));
    assert.deepEqual(ok.regionsCreated, ['丙省', '乙市', '甲县']);
    assert.deepEqual((await listAgencies(store.db)).map((a) => [a.name, a.regionPath.join('/')]), [['甲县财政局', '丙省/乙市/甲县'], ['乙市财政局', '丙省/乙市']]);
    await rejects(importAgenciesCsv(store.db, Buffer.from('机关,区域,上级区域\nA局,子区,母区\nB局,母区,子区\n')), 'invalid', /第 \d 行：区域的上下级关系成环/);
    await rejects(importAgenciesCsv(store.db, Buffer.from('机关,区域,上级区域\nA局,甲县,甲县\n')), 'invalid', /第 2 行：区域“甲县”不能是它自己的上级区域/);
    await rejects(importAgenciesCsv(store.db, Buffer.from('机关,区域,上级区域\nA局,丁县,戊市,多余\n')), 'invalid', /第 2 行：有 4 列，表头只有 3 列/);
    await rejects(importAgenciesCsv(store.db, Buffer.from('')), 'invalid', /CSV 文件是空的/);
    assert.equal((await store.db.selectFrom('regions').selectAll().execute()).length, 3);
    await store.close();
  });
});

describe('imports and the job queue at their limits', () => {
  let store: Store;
  before(async () => {
    store = await openStore({ sqlitePath: join(tmp, 'limits.sqlite') });
  });
  after(async () => {
    await store.close();
  });

  test('zip entries are inflated to disk under the limits: an entry that lies about its size is cut off, the others import', async () => {
    const zip = new JSZip();
    zip.file('甲.txt', synthetic({ agency: '某某市卫生健康委员会', year: 2020 }));
    zip.file('炸弹.txt', Buffer.alloc(40 * 1024 * 1024, 0x20));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // The bomb's central directory entry declares 100 bytes (offset 24 of the entry: uncompressed size).
    const at = bytes.lastIndexOf(Buffer.concat([Buffer.from('PK\x01\x02', 'latin1')]));
    assert.ok(at > 0 && bytes.readUInt32LE(at + 24) === 40 * 1024 * 1024);
    bytes.writeUInt32LE(100, at + 24);
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('ogi-import-')));
    const r = await importFiles(store, [{ name: '上报.zip', bytes }], { limits: { maxFileBytes: 1024 * 1024 } });
    assert.deepEqual(r.items.map((i) => [i.name, i.status]), [['上报.zip/炸弹.txt', 'failed'], ['上报.zip/甲.txt', 'imported']]);
    assert.equal(r.items[0]!.reason, '文件过大（解压后超过 1 MB，每个文件最多 1 MB）');
    assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith('ogi-import-') && !before.has(n)), []);
  });

  test("a job's kept files are inserted as they come, never more than 16 MB of them held at once", async () => {
    const handlers = { noop: { chunk: 1, runItem: async () => ({ status: 'done' as const }) } };
    const MB6 = 6 * 1024 * 1024;
    const heldAtYield: number[] = [];
    let yielded = 0;
    async function* items() {
      for (let i = 0; i < 8; i++) {
        // Items yielded so far that are not in job_items yet: the ones the job holds in memory.
        const inserted = Number((await sql<{ n: number }>`select count(*) as n from job_items where name like '大文件 %'`.execute(store.db)).rows[0]!.n);
        heldAtYield.push(yielded - inserted);
        yielded++;
        yield { name: `大文件 ${i + 1}`, bytes: Buffer.alloc(MB6, i) };
      }
    }
    const id = await createJob(store, handlers, { kind: 'noop', owner: { userId: null, author: '测试', scope: null } }, items());
    // Flushed after every third file (18 MB): at most two are held when the next is read.
    assert.deepEqual(heldAtYield, [0, 1, 2, 0, 1, 2, 0, 1]);
    const rows = await store.db.selectFrom('job_items').select(['seq', 'bytes']).where('job_id', '=', id).orderBy('seq').execute();
    assert.deepEqual(rows.map((r) => [r.seq, r.bytes!.length, r.bytes![0]]), Array.from({ length: 8 }, (_, i) => [i, MB6, i]));
  });

  test('a job of 7 000 one-item tasks is queued whole (more values than one SQLite statement takes)', async () => {
    const handlers = { noop: { chunk: 1, runItem: async () => ({ status: 'done' as const }) } };
    const items = Array.from({ length: 7000 }, (_, i) => ({ name: `第 ${i + 1} 项` }));
    const id = await createJob(store, handlers, { kind: 'noop', owner: { userId: null, author: '测试', scope: null } }, items);
    const tasks = await store.db.selectFrom('job_tasks').select(['first_seq', 'last_seq']).where('job_id', '=', id).orderBy('id').execute();
    assert.equal(tasks.length, 7000);
    assert.deepEqual([tasks[0], tasks[6999]], [{ first_seq: 0, last_seq: 0 }, { first_seq: 6999, last_seq: 6999 }]);
    // Whether any item is left is asked after every task: found through the index, not by reading the done items.
    const plan = await sql<{ detail: string }>`explain query plan select id from job_items where job_id = ${id} and status = 'pending' limit 1`.execute(store.db);
    assert.deepEqual(plan.rows.map((r) => r.detail), ['SEARCH job_items USING COVERING INDEX job_items_job_status (job_id=? AND status=?)']);
  });
});

describe('store on SQLite', () => {
  let store: Store;
  before(async () => {
    store = await openStore({ sqlitePath: join(tmp, 'store.sqlite') });
  });
  after(async () => {
    await store.close();
  });

  test('import: content hash, duplicates within one import, original bytes and text kept', async () => {
    const r = await importFiles(store, [file('a2020.txt', A2020), file('copy.txt', A2020), file('a2021.txt', A2021)], { author: '测试' });
    assert.deepEqual(r.items.map((i) => [i.name, i.status, i.reportId]), [['a2020.txt', 'imported', 1], ['copy.txt', 'duplicate', 1], ['a2021.txt', 'imported', 2]]);
    const row = await store.db.selectFrom('reports').select(['content_hash', 'size']).where('id', '=', 1).executeTakeFirstOrThrow();
    assert.deepEqual(row, { content_hash: sha256(Buffer.from(A2020)), size: Buffer.byteLength(A2020) });
    const detail = await getReport(store.db, 1);
    assert.equal(detail.text, A2020);
    assert.equal(detail.report.agency, '某某市交通运输局');
  });

  test('zip archives with GBK file names (made on Chinese Windows)', async () => {
    const zip = new JSZip();
    zip.file('报告/某某市教育局2020.txt', synthetic({ agency: '某某市教育局', year: 2020 }));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', encodeFileName: (name: string) => Buffer.from(encodeGb18030(name)).toString('latin1') });
    const r = await importFiles(store, [{ name: '上报.zip', bytes }]);
    assert.deepEqual(r.items.map((i) => [i.name, i.status, i.agency]), [['上报.zip/报告/某某市教育局2020.txt', 'imported', '某某市教育局']]);
  });

  test('a failure while storing rolls the whole report back; the other files still import', async () => {
    const broken: CheckConfig = {
      get deadlines(): never {
        throw new Error('规则出错');
      },
    };
    const failing: Store = { ...store, checkConfig: broken };
    const before = await store.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const r = await importFiles(failing, [file('b.txt', synthetic({ agency: '某某市民政局', year: 2020 }))]);
    assert.equal(r.items[0]!.status, 'failed');
    assert.match(r.items[0]!.reason!, /^b\.txt：保存时出错，未导入（规则出错）/);
    const after = await store.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    assert.equal((await store.db.selectFrom('agencies').select('id').where('name', '=', '某某市民政局').execute()).length, 0);
    assert.equal((await store.db.selectFrom('originals').select('report_id').execute()).length, Number(before.n));
    // A correction that fails in its checks leaves the report as it was.
    await assert.rejects(correctReport(failing, 1, { author: '甲', reason: '乙', changes: [{ path: 'requests.newReceived.total', value: 7 }] }), /规则出错/);
    const report = await getReport(store.db, 1, { text: false });
    assert.equal(report.version, 1);
    assert.equal(report.report.tables.requests.newReceived?.[6], 0);
    assert.deepEqual((await listVersions(store.db, 1)).map((v) => v.version), [1]);
  });

  test('versions: every version can be rebuilt, and reverting to a middle one keeps the history', async () => {
    const c = (value: number, reason: string) => correctReport(store, 2, { author: '甲', reason, changes: [{ path: 'requests.newReceived.naturalPerson', value }] });
    assert.equal((await c(6, '第一次')).version, 2);
    assert.equal((await c(7, '第二次')).version, 3);
    const at = async (v: number) => (await reportAtVersion(store.db, 2, v)).report.tables.requests.newReceived?.[0];
    assert.deepEqual([await at(1), await at(2), await at(3)], [5, 6, 7]);
    const back = await revertReport(store, 2, { version: 2, author: '乙' });
    assert.deepEqual([back.version, back.reason, back.changes], [4, '恢复到第 2 版', [{ path: 'requests.newReceived.naturalPerson', old: 7, new: 6 }]]);
    assert.deepEqual([await at(1), await at(2), await at(3), await at(4)], [5, 6, 7, 6]);
    assert.deepEqual((await getReport(store.db, 2)).corrections.map((x) => [x.path, x.imported, x.value, x.version]), [['requests.newReceived.naturalPerson', 5, 6, 4]]);
    await rejects(reportAtVersion(store.db, 2, 5), 'not-found', /没有第 5 版（现有第 1–4 版）/);
    await revertReport(store, 2, { version: 1, author: '乙' });
    assert.deepEqual((await getReport(store.db, 2)).corrections, []);
  });

  test('correcting the agency name moves the report to that agency and checks both agencies again', async () => {
    const crossYear = async (id: number) => (await getReport(store.db, id, { text: false })).findings.filter((f) => f.rule.startsWith('X-')).map((f) => f.rule);
    assert.deepEqual(await crossYear(2), ['X-01', 'X-04']);
    const moved = await correctReport(store, 1, { author: '甲', reason: '机关名称识别错误', changes: [{ path: 'meta.agency', value: '某某市交通 运输局（旧）' }] });
    assert.deepEqual(moved.changes, [{ path: 'meta.agency', old: '某某市交通运输局', new: '某某市交通 运输局（旧）' }]);
    const list = await listReports(store.db, { sort: 'id' });
    assert.deepEqual(list.items.filter((r) => r.id <= 2).map((r) => [r.id, r.agency, r.agencyId]), [[1, '某某市交通 运输局（旧）', 3], [2, '某某市交通运输局', 1]]);
    assert.deepEqual(await crossYear(2), []);
    await correctReport(store, 1, { author: '甲', reason: '改回', changes: [{ path: 'meta.agency', value: '某某市交通运输局' }] });
    assert.deepEqual(await crossYear(2), ['X-01', 'X-04']);
  });

  test('stats: blanks are counted apart and rates with a zero denominator are null', async () => {
    await importAgenciesCsv(store.db, Buffer.from('机关,区域,上级区域\n某某市交通运输局,某某市,\n某某市教育局,某某市,\n'));
    const region = (await store.db.selectFrom('regions').select('id').where('name', '=', '某某市').executeTakeFirstOrThrow()).id;
    await correctReport(store, 2, { author: '甲', reason: '原文空白', changes: [{ path: 'requests.resultTotal.total', value: null }] });
    const s = await regionStats(store.db, region, 2021);
    assert.deepEqual(s.items.map((i) => [i.agency, i.resultTotal, i.openRate, i.correctionRate.value]), [
      ['某某市交通运输局', null, { value: null, numerator: 4, denominator: null }, 1 / 3],
    ]);
    assert.deepEqual(s.totals.resultTotal, { value: null, blanks: 1 });
    assert.deepEqual(s.totals.openRate, { value: null, numerator: null, denominator: null, included: 0, excluded: 1 });
    const y2020 = await regionStats(store.db, region, 2020);
    assert.deepEqual(y2020.items.map((i) => [i.agency, i.received, i.openRate.value, i.correctionRate]), [
      ['某某市交通运输局', 0, null, { value: null, numerator: 0, denominator: 0 }],
      ['某某市教育局', 0, null, { value: null, numerator: 0, denominator: 0 }],
    ]);
  });
});
