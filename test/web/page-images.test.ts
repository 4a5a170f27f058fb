import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { form } from '../api/fixtures.ts';
import { FORMATS } from './fixtures.ts';
import { loginAsAdmin, type Client } from '../helpers/auth.ts';

/** The report page of a PDF: the text view and the page-image view, with the boxes of the values for the script. */

describe('report page of a PDF', () => {
  let dir: string;
  let store: Store;
  let app: Hono;
  let client: Client;
  const ids: Record<string, number> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogi-web-page-images-'));
    store = await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
    app = createApp(store);
    client = await loginAsAdmin(app, store);
    const files = { 'v2021.chromium.pdf': readFileSync(join(FORMATS, 'v2021.chromium.pdf')), 'v2021.txt': readFileSync(join(FORMATS, 'v2021.txt')) };
    const res = await client.request('/api/imports', { method: 'POST', body: form(files, { author: '测试' }) });
    const body = (await res.json()) as { items: { name: string; reportId: number }[] };
    assert.equal(res.status, 201, JSON.stringify(body));
    for (const item of body.items) ids[item.name] = item.reportId;
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(id: number) {
    const res = await client.request(`/reports/${id}`);
    assert.equal(res.status, 200);
    return { headers: res.headers, $: cheerio.load(await res.text()) };
  }

  test('tabs for the text and the page images; one lazy image per page holding values; boxes in the data', async () => {
    const id = ids['v2021.chromium.pdf']!;
    const { headers, $ } = await load(id);
    assert.match(headers.get('content-security-policy')!, /img-src 'self'/);
    assert.equal($('#tab-text').text(), '文字');
    assert.equal($('#tab-pages').text(), '原件页面');
    assert.equal($('#tab-pages').attr('aria-controls'), 'page-view');
    assert.equal($('#source .src-line').length > 10, true);
    assert.equal($('#source').attr('hidden'), undefined);
    assert.equal($('#page-view').attr('hidden'), 'hidden');

    const data = JSON.parse($('script#report-data').text());
    assert.deepEqual(data.pages.dpi, 100);
    assert.ok(Math.abs(data.pages.scale - 100 / 72) < 1e-9);
    const cells = Object.values(data.cells) as { src?: { page?: number; box?: number[]; text: string } }[];
    const boxed = cells.filter((c) => c.src?.page && c.src.box);
    assert.ok(boxed.length > 50, `${boxed.length} cells with boxes`);
    for (const c of boxed) {
      assert.equal(c.src!.box!.length, 4);
      assert.ok(c.src!.box!.every((v) => Number.isFinite(v) && v >= 0));
    }
    const pages = [...new Set(boxed.map((c) => c.src!.page!))].sort((a, b) => a - b);
    assert.deepEqual(data.pages.list.filter((n: number) => pages.includes(n)), pages);

    const figures = $('#page-view figure.page-img').toArray();
    assert.deepEqual(figures.map((f) => Number($(f).attr('data-page'))), data.pages.list);
    for (const f of figures) {
      const n = $(f).attr('data-page');
      const img = $(f).find('img');
      assert.equal(img.attr('src'), `/api/reports/${id}/pages/${n}.png?dpi=100`);
      assert.equal(img.attr('loading'), 'lazy');
      assert.equal(img.attr('alt'), `原件第 ${n} 页`);
    }
  });

  test('a text report has no page-image view', async () => {
    const { $ } = await load(ids['v2021.txt']!);
    assert.equal($('#page-view').length, 0);
    assert.equal($('#tab-pages').length, 0);
    assert.equal(JSON.parse($('script#report-data').text()).pages, null);
  });
});
