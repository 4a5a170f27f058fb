import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Hono } from 'hono';
import { findProgram } from '../../src/programs.ts';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { form, ROOT } from './fixtures.ts';
import { loginAsAdmin, type Client } from '../helpers/auth.ts';

/** GET /api/reports/:id/pages/:n.png: page images of PDF (pdftoppm) and image originals. */

const PDF = readFileSync(join(ROOT, 'test/fixtures/formats/v2021.chromium.pdf'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** pdftoppm is there, or the test is skipped (and fails in CI). */
function needsPdftoppm(t: TestContext): boolean {
  if (findProgram(['pdftoppm'])) return true;
  if (process.env.CI === 'true') assert.fail('pdftoppm is required in CI: apt-get install poppler-utils');
  t.skip('skipped: pdftoppm not installed');
  return false;
}

describe('page images', () => {
  let dir: string;
  let store: Store;
  let app: Hono;
  let client: Client;
  let pdfId: number;
  let txtId: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogi-api-pages-'));
    store = await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
    app = createApp(store);
    client = await loginAsAdmin(app, store);
    const txt = readFileSync(join(ROOT, 'test/fixtures/formats/v2021.txt'));
    const res = await client.request('/api/imports', { method: 'POST', body: form({ 'v2021.chromium.pdf': PDF, 'v2021.txt': txt }, { author: '测试' }) });
    const body = (await res.json()) as { items: { name: string; reportId: number }[] };
    assert.equal(res.status, 201, JSON.stringify(body));
    pdfId = body.items.find((i) => i.name === 'v2021.chromium.pdf')!.reportId;
    txtId = body.items.find((i) => i.name === 'v2021.txt')!.reportId;
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function error(path: string, status: number, pattern: RegExp): Promise<void> {
    const res = await client.request(path);
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type')!, /^application\/json/);
    const body = (await res.json()) as { error: { status: number; message: string } };
    assert.equal(body.error.status, status);
    assert.match(body.error.message, pattern);
  }

  test('page 1 of a PDF as PNG: A4 at 100 dpi, the same bytes again from the cache', async (t) => {
    if (!needsPdftoppm(t)) return;
    const res = await client.request(`/api/reports/${pdfId}/pages/1.png`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const png = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(Math.abs(width - 827) <= 2, `width ${width}`);
    assert.ok(Math.abs(height - 1170) <= 3, `height ${height}`);
    const again = Buffer.from(await (await client.request(`/api/reports/${pdfId}/pages/1.png?dpi=100`)).arrayBuffer());
    assert.deepEqual(again, png);
    const small = Buffer.from(await (await client.request(`/api/reports/${pdfId}/pages/1.png?dpi=50`)).arrayBuffer());
    assert.ok(Math.abs(small.readUInt32BE(16) - 414) <= 2);
  });

  test('a page past the end, page 0 and a text report: 404 with a Chinese message', async (t) => {
    await error(`/api/reports/${txtId}/pages/1.png`, 404, /没有页面图像/);
    await error(`/api/reports/${pdfId}/pages/0.png`, 404, /页码从 1 起/);
    await error(`/api/reports/9999/pages/1.png`, 404, /报告 9999 不存在/);
    if (!needsPdftoppm(t)) return;
    await error(`/api/reports/${pdfId}/pages/99.png`, 404, /没有第 99 页/);
  });

  test('without pdftoppm: 501 naming poppler-utils', async () => {
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      await error(`/api/reports/${pdfId}/pages/2.png`, 501, /poppler-utils/);
    } finally {
      process.env.PATH = path;
    }
  });

  test('dpi is at most 200; the route is in the OpenAPI document', async () => {
    await error(`/api/reports/${pdfId}/pages/1.png?dpi=300`, 400, /dpi/);
    const doc = (await (await client.request('/api/openapi.json')).json()) as { paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }> };
    const op = doc.paths['/api/reports/{id}/pages/{n}.png']!.get;
    assert.deepEqual(op.parameters.map((p) => p.name), ['id', 'n', 'dpi']);
    assert.ok(op.responses['200'] && op.responses['404'] && op.responses['501']);
  });
});
