import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { writeBenchReports } from '../../bench/import.ts';
import { createApp } from '../../src/server/app.ts';
import { startWorkers } from '../../src/server/jobs.ts';
import type { Store } from '../../src/store/db.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import JSZip from 'jszip';
import { RULES_VERSION } from '../../src/check/pipeline.ts';
import { addCountyUsers, countyIds, type Counties } from './counties.ts';
import type { OpenStore } from './databases.ts';
import { login, type Client } from '../helpers/auth.ts';
import { form } from './fixtures.ts';

/** The job API: queued uploads (202 + Location), progress per file, scope, cancel and retry. */

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
  });
}
