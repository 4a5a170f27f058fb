import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ledgerXlsx } from '../../src/render/ledger-xlsx.ts';
import type { Ledger } from '../../src/schema/ledger.ts';
import { todayIso } from '../../src/store/region-status.ts';
import { addUser, TEST_PASSWORD } from '../helpers/auth.ts';
import { CHROMIUM, CHROMIUM_ARGS, startWebServer, type WebServer } from './fixtures.ts';

/**
 * Issue 14 (8) in Chromium on SQLite: a clerk registers 2025's applications on the agency's ledger
 * page, sees them overdue, records results and a fee, imports more from an Excel 台账, and makes the
 * report from the ledger, whose tables satisfy every identity; the region's supervisor sees the
 * counts and the due list but no applicant's personal data.
 */

const missing = !existsSync(CHROMIUM);
const AGENCY = '淄川区工业和信息化局';
const PERSON = '张三丰';

/** Two decided applications of 2025 as an Excel 台账 made by the app's own export. */
const IMPORTED: Ledger = {
  applications: [
    { number: 'X-101', channel: 'post', receivedOn: '2025-04-01', applicant: { category: 'business', name: '某公司' }, request: '企业补贴名单', result: 'granted', decidedOn: '2025-04-15' },
    { number: 'X-102', channel: 'inPerson', receivedOn: '2025-05-06', applicant: { category: 'naturalPerson' }, result: 'unavailable.notHeld', decidedOn: '2025-05-20' },
  ],
  cases: [], documents: [], figures: [],
};

describe('the ledger page in the browser, SQLite', { skip: missing ? 'skipped: Chromium not installed' : false }, () => {
  let server: WebServer;
  let browser: Browser;
  let agencyId = 0;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ogi-ledger-page-'));

  async function userPage(username: string, target: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}${target}`);
    await page.fill('#login-username', username);
    await page.fill('#login-password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}${target}`), page.click('#login-form button[type=submit]')]);
    return page;
  }
  const status = (page: Page, text: string) => page.locator(`#ledger-status:has-text("${text}")`).waitFor();

  before(async () => {
    if (missing && process.env.CI === 'true') assert.fail(`CI：浏览器测试需要 ${CHROMIUM}`);
    server = await startWebServer();
    const db = server.store.db;
    const agency = await db.selectFrom('agencies').select(['id', 'region_id']).where('name', '=', AGENCY).executeTakeFirstOrThrow();
    agencyId = agency.id;
    await addUser(server.store, 'clerk-ledger', 'clerk', { agencyId });
    await addUser(server.store, 'supervisor-ledger', 'supervisor', { regionId: agency.region_id! });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a clerk registers, decides, imports and makes the report, whose tables check clean', async () => {
    const page = await userPage('clerk-ledger', `/agencies/${agencyId}`);
    await Promise.all([page.waitForURL(`${server.url}/agencies/${agencyId}/ledger`), page.click('.ledger-link a')]);

    const register = async (number: string, receivedOn: string, category: string, name: string | null) => {
      await page.fill('#register-form [name=number]', number);
      await page.fill('#register-form [name=receivedOn]', receivedOn);
      await page.selectOption('#register-form [name=channel]', 'online');
      await page.selectOption('#register-form [name=category]', category);
      if (name) await page.fill('#register-form [name=name]', name);
      await page.fill('#register-form [name=request]', `<img src=x onerror=alert(1)>${number}`);
      await page.click('#register-form button[type=submit]');
      await status(page, `已登记第 ${number} 号申请`);
    };
    await register('A-001', '2025-03-03', 'naturalPerson', PERSON);
    await register('A-002', '2025-06-02', 'naturalPerson', null);
    await register('A-003', '2025-11-03', 'research', null);
    await page.locator('#applications tbody tr[data-number]').nth(2).waitFor();
    assert.equal(await page.locator('#applications tbody tr[data-number="A-001"] td').nth(4).textContent(), PERSON);
    assert.equal(await page.locator('#applications tbody tr[data-number="A-001"] td').nth(5).textContent(), '<img src=x onerror=alert(1)>A-001');
    // Today is after every 2025 deadline: all three are overdue.
    await page.locator('#due tbody tr.overdue').nth(2).waitFor();
    assert.equal(await page.locator('#due tbody tr.overdue').count(), 3);

    const decide = async (number: string, result: string, decidedOn: string, fee?: string) => {
      await page.selectOption('#result-record', { label: await page.locator('#result-record option', { hasText: number }).textContent() ?? '' });
      await page.selectOption('#result-form [name=result]', result);
      await page.fill('#result-form [name=decidedOn]', decidedOn);
      if (fee) {
        await page.selectOption('#result-form [name=feeMethod]', 'perApplication');
        await page.fill('#result-form [name=feeAmount]', fee);
        await page.fill('#result-form [name=feeNoticeOn]', decidedOn);
      } else await page.selectOption('#result-form [name=feeMethod]', '');
      await page.click('#result-form button[type=submit]');
      await status(page, `已记录第 ${number} 号申请的办理结果`);
    };
    await decide('A-001', 'granted', '2025-03-20', '100');
    await decide('A-002', 'partlyGranted', '2025-06-20');
    await page.locator('#due tbody tr.overdue').nth(1).waitFor({ state: 'detached' });
    assert.deepEqual(await page.locator('#due tbody tr.overdue').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number'))), ['A-003']);
    assert.equal(await page.locator('#applications tbody tr[data-number="A-001"] td').nth(8).textContent(), '100');
    assert.equal(await page.locator('#applications tbody tr[data-number="A-002"] td').nth(8).textContent(), '');

    const file = join(dir, '台账.xlsx');
    writeFileSync(file, await ledgerXlsx(IMPORTED));
    await page.setInputFiles('#import-form [name=file]', file);
    await page.click('#import-form button[type=submit]');
    await status(page, '已导入：2 条记录');
    await page.locator('#applications tbody tr[data-number="X-102"]').waitFor();
    assert.equal(await page.locator('#applications tbody tr[data-number]').count(), 5);

    // 2025's decisions are within the default 5 years: nothing to purge.
    page.once('dialog', (d) => d.accept());
    await page.click('#purge');
    await status(page, `已删除 ${Number(todayIso().slice(0, 4)) - 5}-01-01 以前办结的 0 件申请中的个人信息（保存期限 5 年）`);
    assert.equal(await page.locator('#applications tbody tr[data-number="A-001"] td').nth(4).textContent(), PERSON);

    await page.fill('#report-form [name=year]', '2025');
    await page.click('#report-form button[type=submit]');
    await page.locator('#ledger-report').waitFor();
    const reportId = Number(/\/reports\/(\d+)\/edit$/.exec((await page.locator('#ledger-report').getAttribute('href'))!)![1]);
    const report = await (await page.request.get(`${server.url}/api/reports/${reportId}`)).json();
    const requests = report.report.tables.requests;
    const total = (row: string) => requests[row]?.[6];
    assert.deepEqual([total('newReceived'), total('carriedOver'), total('granted'), total('partlyGranted'), total('unavailable.notHeld'), total('resultTotal'), total('carriedForward')], [5, 0, 2, 1, 1, 4, 1]);
    assert.deepEqual([requests.newReceived[0], requests.newReceived[1], requests.newReceived[2]], [3, 1, 1]);
    // The only errors are the sections the clerk still writes (TPL-03): no identity (SUM-*) or cell error.
    const errorRules = new Set(report.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { rule: string }) => f.rule));
    assert.deepEqual([...errorRules], ['TPL-03']);
    await Promise.all([page.waitForURL(`${server.url}/reports/${reportId}/edit`), page.click('#ledger-report')]);
    assert.deepEqual(errors, []);
  });

  test('the supervisor sees the counts and the due list, never an applicant', async () => {
    const page = await userPage('supervisor-ledger', `/agencies/${agencyId}/ledger?year=2025`);
    await page.locator('#ledger-counts tbody tr').waitFor();
    assert.deepEqual((await page.locator('#ledger-counts tbody td').allTextContents()).slice(0, 4), ['5', '0', '0', '0']);
    await page.locator('#due tbody tr.overdue').waitFor();
    assert.equal(await page.locator('#due tbody tr.overdue').count(), 1);
    assert.equal(await page.locator('#applications, #register-form, #import-form, #report-form').count(), 0);
    const text = await page.content();
    for (const personal of [PERSON, '某公司', '企业补贴名单', 'onerror']) assert.equal(text.includes(personal), false, personal);
    assert.deepEqual(errors, []);
  });
});
