import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { findProgram } from '../../src/programs.ts';
import { form, zipOf } from '../api/fixtures.ts';
import { CHROMIUM, CHROMIUM_ARGS, FORMATS, startWebServer, V2021_HTML, type WebServer } from './fixtures.ts';
import { addUser, TEST_PASSWORD } from '../helpers/auth.ts';

/**
 * The pages in a real browser (playwright-core driving Debian Chromium) against a real server on a
 * free port with a temporary SQLite file: import through the page, open the report, click a number
 * and a finding, correct a cell, and watch the findings and the region's roll-up follow.
 */

const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI === 'true') {
  test('Chromium is installed (required on CI)', () => assert.fail(`CI：浏览器测试需要 ${CHROMIUM}`));
}

describe('pages in Chromium', { skip: missing ? 'skipped: Chromium not installed' : false }, () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let reportUrl = '';
  let zibo = 0;
  /** The API as the admin, for checks beside the browser (cookie, Origin and CSRF token added). */
  let fetchAsAdmin: (path: string, init?: RequestInit) => Promise<Response>;

  /** Logs in through the login page: the page asked for first redirects there, then back. */
  async function logIn(p: Page, username: string, target: string): Promise<void> {
    await p.goto(`${server.url}${target}`);
    assert.equal(new URL(p.url()).pathname, '/login');
    assert.equal(new URL(p.url()).searchParams.get('next'), target);
    await p.fill('#login-username', username);
    await p.fill('#login-password', TEST_PASSWORD);
    await Promise.all([p.waitForURL(`${server.url}${target}`), p.click('#login-form button[type=submit]')]);
  }

  before(async () => {
    server = await startWebServer();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    // Answers the tests provoke (a refused change) are not errors; a missing page file is.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) errors.push(`${r.status()} ${r.url()}`);
    });
    await addUser(server.store, 'admin', 'admin');
    const login = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    fetchAsAdmin = (path, init = {}) => fetch(`${server.url}${path}`, { ...init, headers: { ...(init.headers as object), cookie, origin: server.url, 'x-csrf-token': csrfToken } });
    const regions = (await (await fetchAsAdmin('/api/regions')).json()) as { items: { id: number; name: string }[] };
    zibo = regions.items.find((r) => r.name === '淄博市')!.id;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const texts = (selector: string) => page.locator(selector).allTextContents();
  const rowTexts = (selector: string) => page.locator(selector).evaluateAll((rows) => rows.map((r) => Array.from(r.children).map((c) => (c.textContent ?? '').trim())));

  test('import: a file chosen and a .zip dropped; each file with its result', async () => {
    await logIn(page, 'admin', '/import');
    assert.equal(await page.locator('#account-name').textContent(), 'admin');
    await page.setInputFiles('#file-input', V2021_HTML);
    // Drag and drop: a .zip holding the same file again and a text that is no report.
    const zip = (await zipOf({ 'v2021.html': readFileSync(V2021_HTML), 'notes.txt': '这不是年度报告，只是一段说明。' })).toString('base64');
    const dt = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const t = new DataTransfer();
      t.items.add(new File([bytes], 'batch.zip', { type: 'application/zip' }));
      return t;
    }, zip);
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: dt });
    assert.equal(await page.locator('#chosen-count').textContent(), '已选 2 个文件');
    await page.click('#import-start');
    await page.locator('#import-summary').filter({ hasText: '共' }).waitFor();
    assert.equal(await page.locator('#import-summary').textContent(), '共 3 个文件：已导入 1 个，重复 1 个，无法读取 1 个。');
    const rows = await rowTexts('#result-table tbody tr');
    const imported = await (await fetchAsAdmin('/api/reports?agency=生态环境局')).json() as { items: { id: number; warnings: number }[] };
    const id = imported.items[0]!.id;
    assert.deepEqual(rows[0], ['v2021.html', '已导入', '某某区生态环境局', '2023', '2021 格式', '0', String(imported.items[0]!.warnings), '']);
    // A duplicate links to the report already stored.
    assert.deepEqual(rows[1], ['batch.zip/v2021.html', '重复', `报告 ${id}`, '', '', '', '', `与已导入的报告 ${id} 内容相同`]);
    assert.equal(await page.locator('#result-table tbody tr:nth-child(2) a').getAttribute('href'), `/reports/${id}`);
    assert.deepEqual(rows[2]!.slice(0, 2), ['batch.zip/notes.txt', '无法读取']);
    assert.match(rows[2]![7]!, /^batch\.zip\/notes\.txt：/);
    await Promise.all([page.waitForURL(`**/reports/${id}`), page.click('#result-table tbody tr:first-child a')]);
    reportUrl = page.url();
  });

  test('the task center lists the import job with its progress, and its files one by one', async () => {
    await page.goto(`${server.url}/jobs`);
    const first = page.locator('#jobs-table tbody tr').first();
    await first.locator('.job-done').waitFor();
    const cells = (await first.locator('td').allTextContents()).map((t) => t.trim());
    assert.deepEqual(cells.slice(1, 8), ['导入', '已完成', '3/3（100%）', '1', '1', '1', 'admin']);
    await first.locator('a', { hasText: '逐个文件' }).click();
    await page.locator('#job-items tbody tr').nth(2).waitFor();
    const items = await rowTexts('#job-items tbody tr');
    assert.deepEqual(items.map((r) => r.slice(0, 3)), [['1', 'v2021.html', '已导入'], ['2', 'batch.zip/v2021.html', '重复'], ['3', 'batch.zip/notes.txt', '失败']]);
    assert.equal(await first.locator('button[data-action="retry"]').count(), 1, 'a failed file can be retried');
    await page.goto(reportUrl);
  });

  test('the report: clicking a number marks where it was read; clicking a finding marks its cells and its source', async () => {
    assert.equal(await page.locator('h1').textContent(), '某某区生态环境局 2023 年度');
    await page.click('td.v[data-path="requests.newReceived.total"]');
    assert.deepEqual(await texts('#source mark'), ['623']);
    assert.equal(await page.locator('#source .src-line.hit').getAttribute('data-n'), '27');
    assert.equal(await page.locator('#insp-label').textContent(), '表三“一、本年新收政府信息公开申请数量”行“总计”列');
    assert.equal(await page.locator('#insp-src').textContent(), '原文第 27 行：“623”');
    assert.equal(await page.locator('td.sel').getAttribute('data-path'), 'requests.newReceived.total');
    await page.locator('#source mark').isVisible();

    await page.click('.finding[data-rule="T2-03"]');
    assert.equal(await page.locator('.finding[data-rule="T2-03"]').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await page.locator('td.flag').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-path'))), [
      'active.art20_1.rules.issued', 'active.art20_1.rules.repealed', 'active.art20_1.rules.inForce',
    ]);
    assert.deepEqual(await texts('#source mark.m-finding'), ['2']);
    assert.equal(await page.locator('#source .src-line.hit').getAttribute('data-n'), '9');
    assert.equal(await page.locator('td.sel').count(), 0);
    assert.ok(await page.locator('#source mark').isVisible());
    // Filter: only warnings.
    await page.click('[data-filter="warning"]');
    const visible = await page.locator('.finding:visible').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-sev')));
    assert.ok(visible.length > 0 && visible.every((s) => s === 'warning'));
    await page.click('[data-filter="all"]');
  });

  test('an agency moved into a region: its figures count in the roll-up, each sum traced to its reports', async () => {
    await page.goto(`${server.url}/agencies?q=生态环境局`);
    const select = page.locator('#agency-list tbody tr').filter({ hasText: '某某区生态环境局' }).locator('select.region-select');
    await select.selectOption({ label: '\u3000\u3000张店区' });
    await page.locator('#agency-list .save-state.saved').waitFor();
    assert.equal(await page.locator('#agency-list .save-state').textContent(), '已保存');

    await page.goto(`${server.url}/regions/${zibo}?year=2023`);
    assert.equal(await page.locator('#card-received').textContent(), '623');
    await page.goto(`${server.url}/regions/${zibo}/rollup?year=2023`);
    const cell = page.locator('#group-2021 td.v[data-path="requests.newReceived.total"]');
    assert.equal(await cell.locator('.num').textContent(), '623');
    await cell.click();
    assert.equal(await page.locator('#sources-cell').textContent(), '表三“一、本年新收政府信息公开申请数量”行“总计”列');
    assert.equal(await page.locator('#sources-sum').textContent(), '合计 623：2 份填报');
    await page.locator('#sources-body tr a').first().waitFor(); // the sources are fetched on the click
    assert.deepEqual(await rowTexts('#sources-body tr'), [['某某区生态环境局山东省 / 淄博市 / 张店区', '623'], ['淄博市博山区投资促进中心山东省 / 淄博市 / 博山区', '0']]);
    // From a source to the cell in its report.
    await Promise.all([page.waitForURL(/\/reports\/\d+#cell=/), page.click('#sources-body tr:first-child a')]);
    assert.equal(await page.locator('td.sel').getAttribute('data-path'), 'requests.newReceived.total');
    assert.deepEqual(await texts('#source mark'), ['623']);
  });

  test('a correction in place: a new version, checks run again, the roll-up changes by the corrected amount', async () => {
    await page.goto(reportUrl);
    const before = await page.locator('.finding').evaluateAll((bs) => bs.map((b) => `${b.getAttribute('data-sev')} ${b.getAttribute('data-rule')}`));
    assert.ok(!before.some((f) => f.startsWith('error')));
    await page.click('td.v[data-path="requests.newReceived.total"]');
    await page.click('#edit-start');
    assert.equal(await page.locator('td.v[data-path="requests.newReceived.total"] input#edit-value').inputValue(), '623');
    await page.fill('#edit-value', '600');
    await page.fill('#edit-reason', '与原件核对，应为 600');
    await Promise.all([page.waitForURL(/\?saved=2#cell=/), page.press('#edit-value', 'Enter')]);
    assert.equal(await page.locator('#flash').textContent(), '已保存为第 2 版，核查已重新运行。');
    const cell = page.locator('td.v[data-path="requests.newReceived.total"]');
    assert.equal(await cell.locator('.num').textContent(), '600');
    assert.match((await cell.getAttribute('class'))!, /\bcorrected\b/);
    assert.match((await page.locator('#insp-corr').textContent())!, /^导入时为 623；第 2 版由 admin 修改（.+）：与原件核对，应为 600$/);
    const afterFindings = await page.locator('.finding').evaluateAll((bs) => bs.map((b) => `${b.getAttribute('data-sev')} ${b.getAttribute('data-rule')}`));
    // The changed cell breaks its column's balance and its row's total: one finding at that cell.
    assert.deepEqual(afterFindings.filter((f) => f.startsWith('error')), ['error SUM-01']);
    assert.deepEqual(afterFindings.filter((f) => !f.startsWith('error')), before);
    assert.equal(await page.locator('#counts .badge-error').textContent(), '错误 1');
    assert.deepEqual(await rowTexts('.version[data-version="2"] table.changes tbody tr'), [['表三“一、本年新收政府信息公开申请数量”行“总计”列', '623', '600']]);
    // The history is kept in the API too.
    const versions = await (await fetchAsAdmin(`/api${new URL(reportUrl).pathname}/versions`)).json() as { author: string; reason: string; changes: unknown[] }[];
    assert.deepEqual(versions.map((v) => [v.author, v.reason, v.changes]), [
      ['admin', null, []],
      ['admin', '与原件核对，应为 600', [{ path: 'requests.newReceived.total', old: 623, new: 600 }]],
    ]);

    await page.goto(`${server.url}/regions/${zibo}?year=2023`);
    assert.equal(await page.locator('#card-received').textContent(), '600');
    assert.deepEqual(await rowTexts('#m-received table.ranking tbody tr'), [['1', '某某区生态环境局', '600'], ['2', '淄博市博山区投资促进中心', '0']]);
    await page.goto(`${server.url}/regions/${zibo}/rollup?year=2023`);
    assert.equal(await page.locator('#group-2021 td.v[data-path="requests.newReceived.total"] .num').textContent(), '600');
  });

  test('a wrong value is refused with the reason; the history can be reverted', async () => {
    await page.goto(reportUrl);
    await page.click('td.v[data-path="requests.carriedOver.total"]');
    await page.click('#edit-start');
    await page.fill('#edit-value', '-3');
    await page.fill('#edit-reason', '试试负数');
    await page.click('#edit-save');
    await page.locator('#edit-error').waitFor();
    assert.equal(await page.locator('#edit-error').textContent(), 'requests.carriedOver.total：件数不能为负数');
    await page.click('#edit-cancel');
    assert.equal(await page.locator('td.v[data-path="requests.carriedOver.total"] .num').textContent(), '20');

    await page.click('.version[data-version="1"] button.revert');
    assert.equal(await page.locator('#revert-version').textContent(), '1');
    await Promise.all([page.waitForURL(/\?saved=3#history/), page.click('#revert-form button[type=submit]')]);
    assert.equal(await page.locator('td.v[data-path="requests.newReceived.total"] .num').textContent(), '623');
    assert.equal(await page.locator('#counts .badge-error').textContent(), '错误 0');
    assert.deepEqual(await rowTexts('.version[data-version="3"] table.changes tbody tr'), [['表三“一、本年新收政府信息公开申请数量”行“总计”列', '600', '623']]);
    await page.goto(`${server.url}/regions/${zibo}?year=2023`);
    assert.equal(await page.locator('#card-received').textContent(), '623');
  });

  test('the region tree is edited in the page', async () => {
    await page.goto(`${server.url}/regions`);
    await page.fill('#new-root-name', '测试市');
    await Promise.all([page.waitForLoadState('load'), page.click('#new-root button[type=submit]')]);
    await page.locator('#flash-slot:not([hidden])').waitFor();
    assert.equal(await page.locator('#flash-slot').textContent(), '已新建区域“测试市”');
    const node = page.locator('#region-tree li').filter({ has: page.locator('> .node .node-name', { hasText: '测试市' }) });
    await node.locator('> .node').hover();
    await node.locator('> .node button[data-act="add"]').click();
    await node.locator('.node-form input[name="name"]').fill('测试区');
    // The page reloads with the new flash; the previous one is on screen until then.
    await node.locator('.node-form button[type=submit]').click();
    await page.locator('#flash-slot:not([hidden])', { hasText: '测试区' }).waitFor();
    assert.equal(await page.locator('#flash-slot').textContent(), '已新建区域“测试区”');
    const tree = (await (await fetchAsAdmin('/api/regions')).json()) as { tree: { name: string; children: { name: string }[] }[] };
    assert.deepEqual(tree.tree.find((n) => n.name === '测试市')!.children.map((c) => c.name), ['测试区']);
    // A region with sub-regions cannot be deleted: the API's reason is shown.
    page.once('dialog', (d) => void d.accept());
    await node.locator('> .node').hover();
    await node.locator('> .node button[data-act="delete"]').click();
    await page.locator('#tree-msg:not([hidden])').waitFor();
    assert.equal(await page.locator('#tree-msg').textContent(), '区域“测试市”下还有下级区域，不能删除');
  });

  test('agencies → regions from a CSV file chosen in the page; a bad file is refused line by line', async () => {
    await page.goto(`${server.url}/regions`);
    await page.setInputFiles('#csv-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('机关,区域,上级区域\n,某区,某市\n某局,,某市\n') });
    await page.click('#csv-form button[type=submit]');
    await page.locator('#csv-result ul.errors').waitFor();
    assert.deepEqual(await texts('#csv-result li'), ['第 2 行：机关名称为空', '第 3 行：区域为空']);
    await page.setInputFiles('#csv-file', { name: 'ok.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF机关,区域,上级区域\n某某区生态环境局,测试区,测试市\n某某区水利局,测试区,测试市\n') });
    await Promise.all([page.waitForLoadState('load'), page.click('#csv-form button[type=submit]')]);
    await page.locator('#flash-slot:not([hidden])').waitFor();
    assert.equal(await page.locator('#flash-slot').textContent(), 'CSV 已导入：2 行；新建区域 0 个，新建机关 1 个，移动 1 个，未变 0 个。');
    const node = page.locator('#region-tree li').filter({ has: page.locator('> .node .node-name', { hasText: '测试区' }) });
    assert.equal(await node.locator('> .node .muted').textContent(), '直属机关 2');
  });

  test('a PDF report: a clicked number is boxed on its page image', async (t) => {
    if (!findProgram(['pdftoppm'])) {
      if (process.env.CI === 'true') assert.fail('pdftoppm is required in CI: apt-get install poppler-utils');
      return t.skip('skipped: pdftoppm not installed');
    }
    const res = await fetchAsAdmin('/api/imports', { method: 'POST', body: form({ 'v2021.chromium.pdf': readFileSync(join(FORMATS, 'v2021.chromium.pdf')) }) });
    const id = ((await res.json()) as { items: { reportId: number }[] }).items[0]!.reportId;
    await page.goto(`${server.url}/reports/${id}`);
    await page.click('#tab-pages');
    assert.equal(await page.locator('#source').isHidden(), true);
    const path = 'requests.newReceived.total';
    const box = (await page.evaluate((p) => JSON.parse(document.getElementById('report-data')!.textContent!).cells[p].src, path)) as { page: number; box: number[] };
    await page.click(`td.v[data-path="${path}"]`);
    const mark = page.locator(`#page-view figure[data-page="${box.page}"] .page-box.placed`);
    await mark.waitFor();
    const img = page.locator(`#page-view figure[data-page="${box.page}"] img`);
    const [m, i, natural] = [await mark.boundingBox(), await img.boundingBox(), await img.evaluate((n: HTMLImageElement) => n.naturalWidth)];
    const k = (100 / 72) * (i!.width / natural);
    assert.ok(Math.abs(m!.x - (i!.x + (box.box[0]! - 2) * k)) < 2, `left ${m!.x}`);
    assert.ok(Math.abs(m!.y - (i!.y + (box.box[1]! - 2) * k)) < 2, `top ${m!.y}`);
    // The text view still marks the span.
    await page.click('#tab-text');
    assert.equal(await page.locator('#source mark.m-cell').textContent(), (await page.locator(`td.v[data-path="${path}"] .num`).textContent())!.replace(/,/g, ''));
  });

  test('no script errors on any page', async () => {
    for (const path of ['/reports', reportUrl, '/import', '/jobs', '/regions', `/regions/${zibo}`, `/regions/${zibo}/rollup`, `/regions/${zibo}/ranking`, '/agencies', '/agencies/1', '/account', '/users', '/audit']) {
      await page.goto(path.startsWith('http') ? path : `${server.url}${path}`);
    }
    assert.deepEqual(errors, []);
  });

  test('a clerk sees only their agency’s reports; logging out ends the session', async () => {
    const agency = (await server.store.db.selectFrom('agencies').select('id').where('name', '=', '淄博市博山区投资促进中心').executeTakeFirstOrThrow()).id;
    await addUser(server.store, '博山经办人', 'clerk', { agencyId: agency });
    const context = await browser.newContext();
    const clerk = await context.newPage();
    clerk.on('pageerror', (e) => errors.push(String(e)));
    try {
      await logIn(clerk, '博山经办人', '/reports');
      assert.equal(await clerk.locator('.account .role').textContent(), '机关经办人');
      assert.deepEqual(await clerk.locator('#report-list td.agency-cell').allTextContents(), ['淄博市博山区投资促进中心']);
      assert.deepEqual(await clerk.locator('.main-nav a').allTextContents(), ['报告核查', '导入', '任务中心', '机关', 'API']);
      const other = (await (await fetchAsAdmin('/api/reports?agency=淄川区')).json()) as { items: { id: number }[] };
      const res = await clerk.goto(`${server.url}/reports/${other.items[0]!.id}`);
      assert.equal(res!.status(), 404);
      await clerk.goto(`${server.url}/reports`);
      await Promise.all([clerk.waitForURL(/\/login/), clerk.click('#logout')]);
      const again = await clerk.goto(`${server.url}/reports`);
      assert.equal(new URL(again!.url()).pathname, '/login');
    } finally {
      await context.close();
    }
    assert.deepEqual(errors.filter((e) => !e.includes('/reports/')), []);
  });

  test('a supervisor marks a finding 误报 with a reason: it leaves the open list and the counts, and can be shown again', async () => {
    const region = (await server.store.db.selectFrom('regions').select('id').where('name', '=', '淄川区').executeTakeFirstOrThrow()).id;
    await addUser(server.store, '淄川公开办', 'supervisor', { regionId: region });
    const list = (await (await fetchAsAdmin(`/api/reports?agency=${encodeURIComponent('淄川区工业和信息化局')}`)).json()) as { items: { id: number; warnings: number }[] };
    const report = list.items[0]!;
    const context = await browser.newContext();
    const reviewer = await context.newPage();
    reviewer.on('pageerror', (e) => errors.push(String(e)));
    try {
      await logIn(reviewer, '淄川公开办', `/reports/${report.id}`);
      assert.equal(await reviewer.locator('#counts .badge-warning').textContent(), `警告 ${report.warnings}`);
      const item = reviewer.locator('#finding-list > li', { has: reviewer.locator('.finding[data-rule="DATE-07"]') });
      await item.locator('details.triage-edit summary').click();
      await item.locator('select[name=status]').selectOption('dismissed');
      await item.locator('form.triage-form button[type=submit]').click();
      await item.locator('form.triage-form .error').waitFor({ state: 'visible' });
      assert.equal(await item.locator('form.triage-form .error').textContent(), '标为误报时须写明理由');
      await item.locator('input[name=reason]').fill('原件落款为2021年1月28日，系转录错误');
      await Promise.all([reviewer.waitForEvent('load'), item.locator('form.triage-form button[type=submit]').click()]);
      assert.equal(await reviewer.locator('#counts .badge-warning').textContent(), `警告 ${report.warnings - 1}`);
      const dismissed = reviewer.locator('#finding-list > li.dismissed');
      assert.equal(await dismissed.count(), 1);
      assert.equal(await dismissed.isVisible(), false);
      await reviewer.check('#show-dismissed');
      assert.equal(await dismissed.isVisible(), true);
      assert.match((await dismissed.locator('.triage-state').textContent())!, /^审核判断：误报（理由：原件落款为2021年1月28日，系转录错误） · 淄川公开办 · /);
    } finally {
      await context.close();
    }
    const api = (await (await fetchAsAdmin(`/api/reports/${report.id}?text=0`)).json()) as { warnings: number; dismissed: number };
    assert.deepEqual([api.warnings, api.dismissed], [report.warnings - 1, 1]);
  });

  test('an admin renames an agency and sees its former name; a report deleted after a confirmation is gone and in the audit log', async () => {
    const agency = await server.store.db.selectFrom('agencies').select(['id', 'name']).where('name', '=', '淄川区工业和信息化局').executeTakeFirstOrThrow();
    const dialogs: string[] = [];
    const accept = (d: import('playwright-core').Dialog) => {
      dialogs.push(d.message());
      void d.accept();
    };
    page.on('dialog', accept);
    try {
      await page.goto(`${server.url}/agencies/${agency.id}`);
      assert.equal(await page.locator('#agency-aliases').textContent(), '没有曾用名');
      await page.fill('#rename-form input[name=name]', '淄川区工业和信息化局（新）');
      await Promise.all([page.waitForEvent('load'), page.click('#rename-form button[type=submit]')]);
      assert.match(dialogs.pop()!, /确定把“淄川区工业和信息化局”改名为“淄川区工业和信息化局（新）”？.*记入审计日志/);
      assert.equal(await page.locator('h1').textContent(), '淄川区工业和信息化局（新）');
      assert.equal(await page.locator('#agency-aliases .alias').textContent(), '淄川区工业和信息化局');

      const reportId = (await server.store.db.selectFrom('reports').select('id').where('agency_id', '=', agency.id).executeTakeFirstOrThrow()).id;
      await page.goto(`${server.url}/reports/${reportId}`);
      await Promise.all([page.waitForURL(`${server.url}/reports`), page.click('#delete-report')]);
      assert.match(dialogs.pop()!, /^确定删除“.+”？此操作记入审计日志$/);
      assert.match((await page.locator('#flash-slot').textContent())!, /已删除/);
      assert.equal((await fetchAsAdmin(`/api/reports/${reportId}`)).status, 404);
      await page.goto(`${server.url}/audit`);
      const rows = await rowTexts('#audit-list tbody tr[data-action="report.delete"]');
      assert.ok(rows.some((r) => r[1] === 'admin' && r[3] === '删除报告' && r[4]!.startsWith(`删除报告 ${reportId}：`)), JSON.stringify(rows));
      assert.ok((await rowTexts('#audit-list tbody tr[data-action="agency.rename"]')).length >= 1);
      assert.equal(await page.locator('a[href^="/api/audit.csv"]').count(), 1);
    } finally {
      page.off('dialog', accept);
    }
    assert.deepEqual(errors.filter((e) => !e.includes('/reports/')), []);
  });

  test('an admin adds a supervisor for one county and a clerk for one agency in the users page; each sees exactly their scope', async () => {
    const boshan = '淄博市博山区投资促进中心';
    await page.goto(`${server.url}/users`);
    const add = async (name: string, role: string, scope: { region?: string; agency?: string }) => {
      await page.fill('#user-name', name);
      await page.selectOption('#user-role', role);
      if (scope.region) await page.selectOption('#user-region', { label: scope.region });
      if (scope.agency) await page.selectOption('#user-agency', { label: scope.agency });
      await page.fill('#user-password', 'initial-password-1');
      await Promise.all([page.waitForEvent('load'), page.click('#user-form button[type=submit]')]);
    };
    await add('博山区公开办', 'supervisor', { region: '博山区' });
    await add('投资促进中心经办人', 'clerk', { agency: boshan });
    const rows = await rowTexts('#user-list tbody tr');
    assert.ok(rows.some((r) => r[0] === '博山区公开办' && r[1] === '政务公开办'), JSON.stringify(rows));
    assert.ok(rows.some((r) => r[0] === '投资促进中心经办人' && r[1] === '机关经办人'), JSON.stringify(rows));

    const all = (await (await fetchAsAdmin('/api/reports?limit=500')).json()) as { items: { id: number; agency: string | null; regionPath: string[] }[] };
    const inBoshan = all.items.filter((r) => r.regionPath.includes('博山区'));
    const outside = all.items.find((r) => !r.regionPath.includes('博山区'))!;
    assert.ok(inBoshan.length >= 1 && outside);
    for (const [name, expected] of [['博山区公开办', inBoshan], ['投资促进中心经办人', inBoshan.filter((r) => r.agency === boshan)]] as const) {
      const context = await browser.newContext();
      const p = await context.newPage();
      p.on('pageerror', (e) => errors.push(String(e)));
      try {
        await p.goto(`${server.url}/login?next=/reports`);
        await p.fill('#login-username', name);
        await p.fill('#login-password', 'initial-password-1');
        await Promise.all([p.waitForURL(`${server.url}/reports`), p.click('#login-form button[type=submit]')]);
        const seen = await p.locator('#report-list td.agency-cell a').evaluateAll((links) => links.map((a) => Number(a.getAttribute('href')!.split('/').pop())));
        assert.deepEqual(seen.sort((a, b) => a - b), expected.map((r) => r.id).sort((a, b) => a - b), name);
        assert.equal((await p.goto(`${server.url}/reports/${outside.id}`))!.status(), 404);
        // Outside the scope a report does not exist, for changes too.
        await p.goto(`${server.url}/reports`);
        const token = await p.locator('meta[name="csrf-token"]').getAttribute('content');
        const status = await p.evaluate(async ([id, csrf]) => (await fetch(`/api/reports/${id}`, { method: 'DELETE', headers: { 'x-csrf-token': csrf! } })).status, [outside.id, token] as const);
        assert.equal(status, 404);
      } finally {
        await context.close();
      }
    }
  });
});
