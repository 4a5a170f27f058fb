import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { writeBenchReports } from '../../bench/import.ts';
import { createApp } from '../../src/server/app.ts';
import { JOB_HANDLERS, startWorkers } from '../../src/server/jobs.ts';
import type { Store } from '../../src/store/db.ts';
import { importJob } from '../../src/store/job-import.ts';
import { cancelJob, createJob, runTask, type JobHandlers } from '../../src/store/jobs.ts';
import { updateUser } from '../../src/store/users.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import JSZip from 'jszip';
import { RULES_VERSION } from '../../src/check/pipeline.ts';
import { addCountyUsers, countyIds, type Counties } from './counties.ts';
import type { OpenStore } from './databases.ts';
import { addUser, login, type Client } from '../helpers/auth.ts';
import { form } from './fixtures.ts';

/** The job API: queued uploads (202 + Location), progress per file, scope, cancel and retry, and what a job may do when its requester changes. */

const FILES = 6;

export function jobsSuite(name: string, open: OpenStore, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let admin: Client;
    let supervisor: Client;
    let work: string;
    let files: Record<string, Buffer>;
    let ids: Counties;

    before(async () => {
      ({ store, close } = await open());
      await preloadSamples(store);
      ids = await countyIds(store);
      await addCountyUsers(store, ids);
      app = createApp(store);
      admin = await login(app, 'admin');
      supervisor = await login(app, 'supervisor-a');
      work = mkdtempSync(join(tmpdir(), 'ogi-jobs-api-'));
      writeBenchReports(work, FILES);
      files = Object.fromEntries(readdirSync(work).sort().map((n) => [n, readFileSync(join(work, n))]));
    });
    after(async () => {
      await close();
      rmSync(work, { recursive: true, force: true });
    });

    const job = async (client: Client, id: number) => (await (await client.request(`/api/jobs/${id}`)).json()) as any;
    const postJob = (client: Client, body: unknown) => client.request('/api/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    /** Bench reports `from`…`to - 1`: the first FILES are the suite's own, later ones are new to the store. */
    function benchFiles(from: number, to: number): Record<string, Buffer> {
      const dir = mkdtempSync(join(tmpdir(), 'ogi-jobs-api-'));
      try {
        writeBenchReports(dir, to);
        return Object.fromEntries(readdirSync(dir).sort().slice(from, to).map((n) => [n, readFileSync(join(dir, n))]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    async function runUntilDone(id: number) {
      const workers = await startWorkers(store, 2);
      try {
        for (let i = 0; i < 300 && !['done', 'failed'].includes((await job(admin, id)).status); i++) await new Promise((ok) => setTimeout(ok, 100));
      } finally {
        await workers.stop();
      }
    }

    test('a queued upload answers 202 with Location, waits as pending, then every file is imported and listed with its report', async () => {
      const res = await admin.request('/api/imports?queue=1', { method: 'POST', body: form({ ...files, 'broken.txt': '这不是年度报告' }) });
      assert.equal(res.status, 202);
      const { jobId } = (await res.json()) as { jobId: number };
      assert.equal(res.headers.get('location'), `/api/jobs/${jobId}`);
      const queued = await job(admin, jobId);
      assert.equal(queued.status, 'queued');
      assert.equal(queued.kind, 'import');
      assert.equal(queued.total, FILES + 1);
      assert.deepEqual(queued.counts, { pending: FILES + 1, imported: 0, duplicate: 0, failed: 0, done: 0 });
      await runUntilDone(jobId);
      const done = await job(admin, jobId);
      assert.equal(done.status, 'done');
      assert.deepEqual(done.counts, { pending: 0, imported: FILES, duplicate: 0, failed: 1, done: 0 });
      const broken = done.items.find((i: any) => i.name === 'broken.txt');
      assert.equal(broken.status, 'failed');
      assert.ok(broken.reason.length > 0);
      for (const item of done.items.filter((i: any) => i.status === 'imported')) {
        assert.equal((await admin.request(`/api/reports/${item.reportId}`)).status, 200);
        assert.match(item.detail.agency, /^示范市/);
      }
      // The import record of the job counts the same.
      const batch = (await (await admin.request(`/api/imports/${done.importId}`)).json()) as any;
      assert.deepEqual([batch.imported, batch.duplicates, batch.failed], [FILES, 0, 1]);

      // Its retry runs the failed file again (still unreadable); the imported files are not redone.
      const retry = await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' });
      assert.equal(retry.status, 202);
      assert.equal((await job(admin, jobId)).counts.pending, 1);
      await runUntilDone(jobId);
      assert.deepEqual((await job(admin, jobId)).counts, { pending: 0, imported: FILES, duplicate: 0, failed: 1, done: 0 });
      assert.equal((await store.db.selectFrom('reports').select('id').where('import_id', '=', done.importId).execute()).length, FILES);
    });

    test('the same files queued again are duplicates', async () => {
      const res = await admin.request('/api/imports?queue=1', { method: 'POST', body: form(files) });
      const { jobId } = (await res.json()) as { jobId: number };
      await runUntilDone(jobId);
      assert.deepEqual((await job(admin, jobId)).counts, { pending: 0, imported: 0, duplicate: FILES, failed: 0, done: 0 });
    });

    test('a user sees only their own jobs; an admin sees everyone’s', async () => {
      const list = (await (await admin.request('/api/jobs')).json()) as any[];
      assert.ok(list.length >= 2);
      assert.deepEqual(await (await supervisor.request('/api/jobs')).json(), []);
      const id = list[0].id;
      assert.equal((await supervisor.request(`/api/jobs/${id}`)).status, 404);
      assert.equal((await supervisor.request(`/api/jobs/${id}/retry`, { method: 'POST' })).status, 404);
      assert.equal((await supervisor.request(`/api/jobs/${id}/cancel`, { method: 'POST' })).status, 404);
    });

    test('cancel stops a queued job; finished jobs cannot be cancelled, unfinished ones not retried; a retry finishes it', async () => {
      const extra = mkdtempSync(join(tmpdir(), 'ogi-jobs-api-'));
      writeBenchReports(extra, FILES + 3);
      const more = Object.fromEntries(readdirSync(extra).sort().slice(FILES).map((n) => [n, readFileSync(join(extra, n))]));
      rmSync(extra, { recursive: true, force: true });
      const { jobId } = (await (await admin.request('/api/imports?queue=1', { method: 'POST', body: form(more) })).json()) as { jobId: number };
      assert.equal((await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' })).status, 409);
      const cancelled = await admin.request(`/api/jobs/${jobId}/cancel`, { method: 'POST' });
      assert.equal(cancelled.status, 200);
      assert.equal(((await cancelled.json()) as any).status, 'cancelled');
      assert.deepEqual((await job(admin, jobId)).counts, { pending: 3, imported: 0, duplicate: 0, failed: 0, done: 0 });
      assert.equal((await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' })).status, 202);
      await runUntilDone(jobId);
      const done = await job(admin, jobId);
      assert.equal(done.status, 'done', JSON.stringify(done.items));
      assert.deepEqual(done.counts, { pending: 0, imported: 3, duplicate: 0, failed: 0, done: 0 }, JSON.stringify(done.items));
      const again = await admin.request(`/api/jobs/${jobId}/cancel`, { method: 'POST' });
      assert.equal(again.status, 409);
      assert.match(((await again.json()) as any).error.message, /已结束/);
      assert.equal((await admin.request('/api/jobs/999999')).status, 404);
    });

    test('re-check after an upgrade: reports of an older rule catalogue are checked again; unchanged ones are left alone', async () => {
      await store.db.updateTable('reports').set({ rules_version: 'older' }).where('id', '=', ids.reportA1).execute();
      const res = await supervisor.request('/api/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'recheck' }) });
      assert.equal(res.status, 202);
      const { jobId } = (await res.json()) as { jobId: number };
      const queued = await job(supervisor, jobId);
      assert.deepEqual(queued.items.map((i: any) => i.reportId), [ids.reportA1]);
      await runUntilDone(jobId);
      assert.deepEqual((await job(supervisor, jobId)).counts, { pending: 0, imported: 0, duplicate: 0, failed: 0, done: 1 });
      const row = await store.db.selectFrom('reports').select('rules_version').where('id', '=', ids.reportA1).executeTakeFirstOrThrow();
      assert.equal(row.rules_version, RULES_VERSION);
    });

    test('a roll-up export and a batch render make a file kept with the job; outside the scope 404', async () => {
      const post = (client: Client, body: unknown) => client.request('/api/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await post(supervisor, { kind: 'rollup', regionId: ids.regionB, year: ids.yearA1, format: 'csv' })).status, 404);
      assert.equal((await post(supervisor, { kind: 'render', reportIds: [ids.reportB], format: 'txt' })).status, 404);
      assert.equal((await post(supervisor, { kind: 'render', reportIds: [], format: 'txt' })).status, 400);
      const rollup = ((await (await post(supervisor, { kind: 'rollup', regionId: ids.regionA, year: ids.yearA1, format: 'csv' })).json()) as any).jobId;
      await runUntilDone(rollup);
      const csv = await supervisor.request(`/api/jobs/${rollup}/result`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      const direct = await supervisor.request(`/api/regions/${ids.regionA}/rollup?year=${ids.yearA1}&format=csv`);
      assert.equal(await csv.text(), await direct.text());
      const render = ((await (await post(admin, { kind: 'render', reportIds: [ids.reportA1, ids.reportB], format: 'txt' })).json()) as any).jobId;
      await runUntilDone(render);
      const zip = await JSZip.loadAsync(Buffer.from(await (await admin.request(`/api/jobs/${render}/result`)).arrayBuffer()));
      assert.equal(Object.keys(zip.files).length, 2);
      assert.ok(Object.keys(zip.files).every((n) => n.endsWith('.txt')));
      assert.equal((await supervisor.request(`/api/jobs/${render}/result`)).status, 404);
    });

    test('a job’s items come a page at a time (offset, limit ≤ 1000), with their total', async () => {
      const list = (await (await admin.request('/api/jobs')).json()) as any[];
      const seven = list.find((j) => j.kind === 'import' && j.total === FILES + 1)!;
      const page = (await (await admin.request(`/api/jobs/${seven.id}?offset=2&limit=3`)).json()) as any;
      assert.deepEqual([page.itemsTotal, page.offset, page.limit, page.items.map((i: any) => i.seq)], [FILES + 1, 2, 3, [2, 3, 4]]);
      assert.deepEqual(page.counts, seven.counts);
      const first = await job(admin, seven.id);
      assert.deepEqual([first.offset, first.limit, first.items.length], [0, 200, FILES + 1]);
      assert.deepEqual((await (await admin.request(`/api/jobs/${seven.id}?offset=${FILES + 1}`)).json() as any).items, []);
      for (const q of ['limit=1001', 'limit=0', 'offset=-1', 'offset=x']) assert.equal((await admin.request(`/api/jobs/${seven.id}?${q}`)).status, 400, q);
      assert.equal((await admin.request(`/api/jobs/${seven.id}?limit=1000`)).status, 200);
    });

    test('a JSON body sent as another content type is refused with 415 and a Chinese message; nothing is queued', async () => {
      const before = ((await (await admin.request('/api/jobs')).json()) as any[]).length;
      const body = JSON.stringify({ kind: 'recheck' });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
        const res = await admin.request('/api/jobs', { method: 'POST', headers: type ? { 'content-type': type } : {}, body: Buffer.from(body) });
        assert.equal(res.status, 415, String(type));
        const error = ((await res.json()) as any).error;
        assert.equal(error.code, 'unsupported-media-type');
        assert.match(error.message, /请求体应为 JSON：请以 Content-Type: application\/json 发送/);
      }
      assert.equal(((await (await admin.request('/api/jobs')).json()) as any[]).length, before);
      const ok = await admin.request('/api/jobs', { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body });
      assert.equal(ok.status, 202);
    });

    test('a retry runs with what its requester may do now: a supervisor moved to another county no longer renders the old county’s report', async () => {
      const id = await addUser(store, 'jobs-mover', 'supervisor', { regionId: ids.regionA });
      let mover = await login(app, 'jobs-mover');
      const { jobId } = (await (await postJob(mover, { kind: 'render', reportIds: [ids.reportA1], format: 'txt' })).json()) as { jobId: number };
      assert.equal((await mover.request(`/api/jobs/${jobId}/cancel`, { method: 'POST' })).status, 200);
      await updateUser(store.db, id, { regionId: ids.regionB });
      mover = await login(app, 'jobs-mover');
      assert.equal((await mover.request(`/api/jobs/${jobId}/retry`, { method: 'POST' })).status, 202);
      await runUntilDone(jobId);
      const done = await job(mover, jobId);
      assert.deepEqual(done.counts, { pending: 0, imported: 0, duplicate: 0, failed: 1, done: 0 });
      assert.equal(done.items[0].reason, '不在任务发起人现在的数据范围内，未处理');
      const zip = await JSZip.loadAsync(Buffer.from(await (await mover.request(`/api/jobs/${jobId}/result`)).arrayBuffer()));
      assert.deepEqual(Object.keys(zip.files), []);
    });

    test('a queued job whose requester was disabled is not run; a retry of it (also an admin’s) is refused with 403 until the account may run jobs again', async () => {
      const id = await addUser(store, 'jobs-clerk', 'clerk', { agencyId: ids.agencyA1 });
      const clerk = await login(app, 'jobs-clerk');
      await store.db.updateTable('reports').set({ rules_version: 'older' }).where('id', '=', ids.reportA1).execute();
      const { jobId } = (await (await postJob(clerk, { kind: 'recheck' })).json()) as { jobId: number };
      assert.deepEqual((await job(clerk, jobId)).items.map((i: any) => i.reportId), [ids.reportA1]);
      await updateUser(store.db, id, { disabled: true });
      await runUntilDone(jobId);
      const done = await job(admin, jobId);
      assert.deepEqual(done.counts, { pending: 0, imported: 0, duplicate: 0, failed: 1, done: 0 });
      assert.equal(done.items[0].reason, '任务发起人 jobs-clerk 的账户已停用，未处理');
      const version = async () => (await store.db.selectFrom('reports').select('rules_version').where('id', '=', ids.reportA1).executeTakeFirstOrThrow()).rules_version;
      assert.equal(await version(), 'older');
      const refused = async (pattern: RegExp) => {
        const res = await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' });
        assert.equal(res.status, 403);
        const error = ((await res.json()) as any).error;
        assert.equal(error.code, 'forbidden');
        assert.match(error.message, pattern);
      };
      await refused(/^任务发起人 jobs-clerk 的账户已停用，不能重试此任务/);
      await updateUser(store.db, id, { disabled: false, role: 'viewer', regionId: ids.regionA });
      await refused(/^任务发起人 jobs-clerk 现为“只读”，已无权运行后台任务，不能重试此任务/);
      assert.equal((await job(admin, jobId)).status, 'done');
      await updateUser(store.db, id, { role: 'clerk', agencyId: ids.agencyA1 });
      assert.equal((await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' })).status, 202);
      await runUntilDone(jobId);
      assert.deepEqual((await job(admin, jobId)).counts, { pending: 0, imported: 0, duplicate: 0, failed: 0, done: 1 });
      assert.equal(await version(), RULES_VERSION);
    });

    test('a job cancelled while its files are stored stays cancelled, runs nothing, and its import record lists the files as cancelled', async () => {
      const admin_ = await store.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      const batch = await store.db.insertInto('imports')
        .values({ source: 'api', author: 'admin', created_at: new Date().toISOString(), total: 2, imported: 0, duplicates: 0, failed: 0, items: '[]', user_id: admin_.id })
        .returning('id').executeTakeFirstOrThrow();
      const [a, b] = Object.entries(benchFiles(FILES + 3, FILES + 5));
      async function* items() {
        yield { name: a![0], bytes: a![1] };
        const preparing = await store.db.selectFrom('jobs').select('id').where('status', '=', 'preparing').executeTakeFirstOrThrow();
        assert.equal((await admin.request(`/api/jobs/${preparing.id}/cancel`, { method: 'POST' })).status, 200);
        yield { name: b![0], bytes: b![1] };
      }
      const owner = { userId: admin_.id, author: 'admin', scope: { kind: 'all' as const } };
      const jobId = await createJob(store, JOB_HANDLERS, { kind: 'import', owner, importId: batch.id, params: { limits: {} } }, items());
      const cancelled = await job(admin, jobId);
      assert.deepEqual([cancelled.status, cancelled.total], ['cancelled', 2]);
      assert.deepEqual(cancelled.counts, { pending: 2, imported: 0, duplicate: 0, failed: 0, done: 0 });
      await runTask(store, JOB_HANDLERS, { jobId, from: 0, to: 1 }, 1);
      assert.equal((await job(admin, jobId)).counts.pending, 2);
      const record = (await (await admin.request(`/api/imports/${batch.id}`)).json()) as any;
      assert.deepEqual([record.total, record.imported, record.failed], [2, 0, 0]);
      assert.deepEqual(record.items.map((i: any) => [i.name, i.status]), [[a![0], 'cancelled'], [b![0], 'cancelled']]);
      assert.equal((await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' })).status, 202);
      await runUntilDone(jobId);
      assert.deepEqual((await job(admin, jobId)).counts, { pending: 0, imported: 2, duplicate: 0, failed: 0, done: 0 });
      assert.equal(((await (await admin.request(`/api/imports/${batch.id}`)).json()) as any).imported, 2);
    });

    test('a job cancelled while running: its import record lists the file done and the files not run as cancelled', async () => {
      const { jobId } = (await (await admin.request('/api/imports?queue=1', { method: 'POST', body: form(benchFiles(FILES + 5, FILES + 8)) })).json()) as { jobId: number };
      // The cancel arrives while the first file is being imported: it is finished, the others are not run.
      const handlers: JobHandlers = {
        ...JOB_HANDLERS,
        import: { ...importJob, async runItem(s, j, item) {
          const out = await importJob.runItem(s, j, item);
          await cancelJob(s, handlers, null, j.id);
          return out;
        } },
      };
      await runTask(store, handlers, { jobId, from: 0, to: 2 }, 1);
      const cancelled = await job(admin, jobId);
      assert.equal(cancelled.status, 'cancelled');
      assert.deepEqual(cancelled.counts, { pending: 2, imported: 1, duplicate: 0, failed: 0, done: 0 });
      const record = (await (await admin.request(`/api/imports/${cancelled.importId}`)).json()) as any;
      assert.deepEqual([record.total, record.imported, record.duplicates, record.failed], [3, 1, 0, 0]);
      assert.deepEqual(record.items.map((i: any) => i.status), ['imported', 'cancelled', 'cancelled']);
      assert.equal(record.items[0].reportId, cancelled.items[0].reportId);
      assert.match(record.items[1].reason, /任务已取消/);
      assert.match(await (await admin.request(`/imports/${cancelled.importId}`)).text(), /已导入 1 个，重复 0 个，无法读取 0 个，2 个因任务取消未处理/);
      assert.equal((await admin.request(`/api/jobs/${jobId}/retry`, { method: 'POST' })).status, 202);
      await runUntilDone(jobId);
      const again = (await (await admin.request(`/api/imports/${cancelled.importId}`)).json()) as any;
      assert.deepEqual([again.total, again.imported, again.items.map((i: any) => i.status)], [3, 3, ['imported', 'imported', 'imported']]);
    });
  });
}
