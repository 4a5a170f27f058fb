import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { UPLOAD_DIR_PREFIX } from '../../src/server/multipart.ts';
import type { Store } from '../../src/store/db.ts';
import { login, loginAsAdmin, ORIGIN, type Client } from '../helpers/auth.ts';
import { sqliteStore } from './databases.ts';
import { form, synthetic, zipOf } from './fixtures.ts';

/**
 * Uploads are read as a stream into a private temporary folder (src/server/multipart.ts): the
 * limits stop the stream while it arrives, the folder goes whatever happens, and the server's
 * memory does not grow with the size of the request.
 */

// A temporary folder of this test's own: the upload folders counted here are this process's only.
const TMP = mkdtempSync(join(tmpdir(), 'ogi-streaming-test-'));
process.env.TMPDIR = TMP;
const uploadDirs = () => readdirSync(TMP).filter((n) => n.startsWith(UPLOAD_DIR_PREFIX));

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

interface Part {
  field: string;
  filename?: string;
  content?: string | Buffer;
  /** Bytes of filler instead of content, made only when read. */
  filler?: number;
  /** The part's Content-Type (files: application/octet-stream, fields: none). */
  type?: string;
}

/** A multipart body made chunk by chunk as the server reads it, like a slow client's. */
class StreamedForm {
  readonly boundary = `----ogi-test-${Math.random().toString(16).slice(2)}`;
  pulled = 0;
  readonly stream: ReadableStream<Uint8Array>;

  constructor(parts: Part[], options: { onChunk?: (pulled: number) => void; failAfter?: number; stallAfter?: number } = {}) {
    const chunks = this.chunks(parts);
    this.stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (options.stallAfter !== undefined && this.pulled > options.stallAfter) return new Promise<void>(() => undefined);
        const next = chunks.next();
        if (next.done) return controller.close();
        this.pulled += next.value.length;
        if (options.failAfter !== undefined && this.pulled > options.failAfter) return controller.error(new Error('the client went away'));
        options.onChunk?.(this.pulled);
        controller.enqueue(next.value);
      },
    });
  }

  get type(): string {
    return `multipart/form-data; boundary=${this.boundary}`;
  }

  private *chunks(parts: Part[]): Generator<Uint8Array> {
    for (const p of parts) {
      const file = p.filename === undefined ? '' : `; filename="${p.filename}"`;
      const type = p.type ?? (p.filename === undefined ? undefined : 'application/octet-stream');
      yield Buffer.from(`--${this.boundary}\r\nContent-Disposition: form-data; name="${p.field}"${file}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`);
      if (p.content !== undefined) yield Buffer.from(p.content);
      for (let left = p.filler ?? 0; left > 0; left -= CHUNK) yield Buffer.alloc(Math.min(CHUNK, left), 0x78);
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${this.boundary}--\r\n`);
  }
}

const send = (client: Client, path: string, body: StreamedForm, headers: Record<string, string> = {}) =>
  client.request(path, { method: 'POST', body: body.stream, headers: { 'content-type': body.type, ...headers }, duplex: 'half' } as RequestInit);

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { status: number; code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

describe('uploads streamed to disk', () => {
  let store: Store;
  let close: () => Promise<void>;
  /** Small limits: 4 MB a request, 1 MB a file, 4 files. */
  let app: Hono;
  let admin: Client;
  const imports = async () => (await store.db.selectFrom('imports').select('id').execute()).length;

  before(async () => {
    ({ store, close } = await sqliteStore());
    app = createApp(store, { maxUploadBytes: 4 * MB, maxFileBytes: MB, maxUploadFiles: 4 });
    admin = await loginAsAdmin(app, store);
  });
  after(async () => {
    await close();
    rmSync(TMP, { recursive: true, force: true });
  });

  test('a normal upload: every file imported as before under the name it was sent with, the token in the form; nothing left behind', async () => {
    const files = {
      '淄博市投资促进局2021年报告.txt': synthetic({ agency: '淄博市投资促进局', year: 2021 }),
      'zhangdian.md': synthetic({ agency: '淄博市张店区教育局', year: 2021 }),
      '空白.txt': '   \n',
      // An archive is known by its bytes, whatever its name.
      'bundle.dat': await zipOf({ 'a.txt': synthetic({ agency: '淄川区工业和信息化局', year: 2021 }) }),
    };
    const res = await app.request('/api/imports', { method: 'POST', headers: { cookie: admin.cookie, origin: ORIGIN }, body: form(files, { _csrf: admin.csrfToken }) });
    assert.equal(res.status, 201);
    const body = (await res.json()) as { total: number; imported: number; failed: number; items: { name: string; status: string; agency?: string; reason?: string }[] };
    assert.deepEqual(body.items.map((i) => [i.name, i.status, i.agency ?? null]), [
      ['淄博市投资促进局2021年报告.txt', 'imported', '淄博市投资促进局'],
      ['zhangdian.md', 'imported', '淄博市张店区教育局'],
      ['空白.txt', 'failed', null],
      ['bundle.dat/a.txt', 'imported', '淄川区工业和信息化局'],
    ]);
    assert.equal(body.items[2]!.reason, '空白.txt：文件只有空白，没有内容');
    const stored = await store.db.selectFrom('reports').select(['file_name', 'format', 'size']).orderBy('id').execute();
    assert.deepEqual(stored.map((r) => [r.file_name, r.format, r.size]), [
      ['淄博市投资促进局2021年报告.txt', 'txt', Buffer.byteLength(files['淄博市投资促进局2021年报告.txt'])],
      ['zhangdian.md', 'md', Buffer.byteLength(files['zhangdian.md'])],
      ['bundle.dat/a.txt', 'txt', Buffer.byteLength(synthetic({ agency: '淄川区工业和信息化局', year: 2021 }))],
    ]);
    const data = await store.db.selectFrom('reports').select('data').execute();
    assert.ok(data.every((r) => !r.data.includes(TMP)), 'no temporary path in the stored reports');
    assert.deepEqual(uploadDirs(), []);
  });

  test('a queued import holds every file’s bytes in the job before the temporary folder goes', async () => {
    const files = { 'q1.txt': synthetic({ agency: '淄博市投资促进局', year: 2019 }), 'q2.txt': synthetic({ agency: '淄博市投资促进局', year: 2018 }) };
    const res = await admin.request('/api/imports?queue=1', { method: 'POST', body: form(files) });
    assert.equal(res.status, 202);
    const { jobId } = (await res.json()) as { jobId: number };
    const items = await store.db.selectFrom('job_items').select(['name', 'bytes']).where('job_id', '=', jobId).orderBy('seq').execute();
    assert.deepEqual(items.map((i) => [i.name, Buffer.from(i.bytes!).toString('utf8')]), Object.entries(files));
    assert.deepEqual(uploadDirs(), []);
  });

  test('over the request limit: 413 while the bytes arrive, the rest is not read, nothing left behind', async () => {
    const before = await imports();
    let seen = 0;
    const body = new StreamedForm([{ field: 'files', filename: 'a.txt', filler: 900 * 1024 }, { field: 'files', filename: 'b.txt', filler: 900 * 1024 }, { field: 'files', filename: 'big.zip', filler: 4 * MB }], {
      onChunk: () => void (seen = Math.max(seen, uploadDirs().length)),
    });
    assert.deepEqual(await errorOf(await send(admin, '/api/imports', body)), { status: 413, code: 'too-large', message: '请求过大（最多 4 MB）' });
    assert.equal(seen, 1, 'the upload had its folder while it was read');
    assert.ok(body.pulled <= 4 * MB + 256 * 1024, `read ${body.pulled} bytes of ${6 * MB}`);
    assert.deepEqual(uploadDirs(), []);
    assert.equal(await imports(), before);
    // A declared length over the limit is refused before any of the file is read.
    const declared = new StreamedForm([{ field: 'files', filename: 'a.txt', filler: 5 * MB }]);
    assert.equal((await send(admin, '/api/imports', declared, { 'content-length': String(5 * MB + 200) })).status, 413);
    assert.ok(declared.pulled < CHUNK, `read ${declared.pulled} bytes`);
    assert.deepEqual(uploadDirs(), []);
  });

  test('too many files: 413 naming the count; a file over the per-file limit: listed as too large by the import, 413 for a draft', async () => {
    const many = new StreamedForm(['1', '2', '3', '4', '5'].map((n) => ({ field: 'files', filename: `${n}.txt`, content: `x${n}` })));
    assert.deepEqual(await errorOf(await send(admin, '/api/imports', many)), { status: 413, code: 'too-large', message: '一次最多上传 4 个文件，收到 5 个；请分批上传或打成 .zip' });
    assert.deepEqual(uploadDirs(), []);
    const big = await send(admin, '/api/imports', new StreamedForm([{ field: 'files', filename: 'big.txt', filler: MB + 1 }]));
    assert.equal(big.status, 201);
    const items = ((await big.json()) as { items: { name: string; status: string; reason: string }[] }).items;
    assert.deepEqual(items.map((i) => [i.name, i.status, i.reason]), [['big.txt', 'failed', '文件过大（1 MB，每个文件最多 1 MB）']]);
    const draft = new StreamedForm([{ field: 'agencyId', content: '1' }, { field: 'file', filename: 'big.yaml', filler: MB + MB / 2 }]);
    assert.deepEqual(await errorOf(await send(admin, '/api/drafts/upload', draft)), { status: 413, code: 'too-large', message: '文件过大（最多 1 MB）' });
    assert.ok(draft.pulled <= MB + CHUNK * 4, `read ${draft.pulled} bytes`);
    assert.deepEqual(uploadDirs(), []);
  });

  test('the CSRF token in the form: a wrong one stops the upload with 403, a missing one is refused too; nothing imported, nothing left', async () => {
    const before = await imports();
    const report = synthetic({ agency: '淄博市投资促进局', year: 2017 });
    const asForm = (fields: Record<string, string>) => ({ method: 'POST', headers: { cookie: admin.cookie, origin: ORIGIN }, body: form({ 'r.txt': report }, fields) });
    for (const fields of [{}, { _csrf: 'x'.repeat(admin.csrfToken.length) }, { _csrf: '' }] as Record<string, string>[]) {
      const res = await app.request('/api/imports', asForm(fields));
      assert.deepEqual(await errorOf(res), { status: 403, code: 'csrf', message: '缺少或无效的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试' });
    }
    // A wrong token sent before the files stops the reading there.
    const early = new StreamedForm([{ field: '_csrf', content: 'wrong' }, { field: 'files', filename: 'a.txt', filler: 3 * MB }]);
    const res = await app.request('/api/imports', { method: 'POST', headers: { cookie: admin.cookie, origin: ORIGIN, 'content-type': early.type }, body: early.stream, duplex: 'half' } as RequestInit);
    assert.equal(res.status, 403);
    assert.ok(early.pulled <= 512 * 1024, `read ${early.pulled} bytes`);
    // A header token that is wrong is refused even with the right token in the form.
    const both = await app.request('/api/imports', { method: 'POST', headers: { cookie: admin.cookie, origin: ORIGIN, 'x-csrf-token': 'wrong' }, body: form({ 'r.txt': report }, { _csrf: admin.csrfToken }) });
    assert.equal(both.status, 403);
    assert.equal(await imports(), before);
    // A part without a file name is a field even when it says application/octet-stream.
    const typed = new StreamedForm([{ field: '_csrf', content: admin.csrfToken, type: 'application/octet-stream' }, { field: 'files', filename: 'r.txt', content: report }]);
    const ok = await app.request('/api/imports', { method: 'POST', headers: { cookie: admin.cookie, origin: ORIGIN, 'content-type': typed.type }, body: typed.stream, duplex: 'half' } as RequestInit);
    assert.equal(ok.status, 201);
    assert.deepEqual(((await ok.json()) as { items: { name: string; status: string }[] }).items.map((i) => [i.name, i.status]), [['r.txt', 'imported']]);
    assert.deepEqual(uploadDirs(), []);
  });

  test('a client that goes away or goes quiet mid-upload: nothing imported, nothing left behind; a broken form is a 400', async () => {
    const before = await imports();
    const cut = new StreamedForm([{ field: 'files', filename: 'a.txt', content: synthetic({ agency: '淄博市投资促进局', year: 2016 }) }, { field: 'files', filename: 'b.txt', filler: 2 * MB }], { failAfter: MB });
    assert.deepEqual(await errorOf(await send(admin, '/api/imports', cut)), { status: 400, code: 'bad-request', message: '上传的表单无法解析' });
    // A client gone quiet: the server aborts the request, the upload stops although no read ever ends.
    const quiet = new AbortController();
    const stalled = new StreamedForm([{ field: 'files', filename: 'a.txt', filler: 2 * MB }], { stallAfter: 256 * 1024 });
    setTimeout(() => quiet.abort(), 50);
    const res = await admin.request('/api/imports', { method: 'POST', body: stalled.stream, signal: quiet.signal, headers: { 'content-type': stalled.type }, duplex: 'half' } as RequestInit);
    assert.deepEqual(await errorOf(res), { status: 400, code: 'bad-request', message: '上传的表单无法解析' });
    assert.deepEqual(uploadDirs(), []);
    const truncated = await admin.request('/api/imports', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nabc' });
    assert.deepEqual(await errorOf(truncated), { status: 400, code: 'bad-request', message: '上传的表单无法解析' });
    const noBoundary = await admin.request('/api/imports', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    assert.equal(noBoundary.status, 400);
    assert.equal(await imports(), before);
    assert.deepEqual(uploadDirs(), []);
  });

  test('memory stays flat: 60 MB of files uploaded in one request leave the server’s heap and buffers within 30 MB of where they were (the whole body held would be more than 60)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const roomy = createApp(store, { maxUploadBytes: 80 * MB, maxFileBytes: MB, maxUploadFiles: 100 });
    const client = await login(roomy, 'admin');
    const used = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    // Once first, so that what loads on first use is in the baseline.
    await (await send(client, '/api/imports', new StreamedForm([{ field: 'files', filename: 'w.txt', filler: MB + 1 }]))).arrayBuffer();
    const baseline = used();
    let peak = 0;
    let next = 0;
    const files = Array.from({ length: 60 }, (_, i) => ({ field: 'files', filename: `malformed-${i}.txt`, filler: MB + 1 }));
    const body = new StreamedForm(files, {
      onChunk: (pulled) => {
        if (pulled < next) return;
        next += 8 * MB;
        peak = Math.max(peak, used() - baseline);
      },
    });
    const res = await send(client, '/api/imports', body);
    assert.equal(res.status, 201);
    const result = (await res.json()) as { total: number; failed: number };
    assert.deepEqual([result.total, result.failed], [60, 60]);
    assert.ok(body.pulled > 60 * MB);
    assert.ok(peak < 30 * MB, `the server held ${(peak / MB).toFixed(1)} MB more while reading the upload`);
    assert.deepEqual(uploadDirs(), []);
  });
});
