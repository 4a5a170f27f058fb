import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ledgerXlsx } from '../../src/render/ledger-xlsx.ts';
import { figureOptions, type Ledger } from '../../src/schema/ledger.ts';
import { todayIso } from '../../src/store/region-status.ts';
import { addUser, TEST_PASSWORD } from '../helpers/auth.ts';
import { CHROMIUM, CHROMIUM_ARGS, startWebServer, type WebServer } from './fixtures.ts';

/**
 * Issue 14 (8) in Chromium on SQLite: a clerk registers 2025's applications on the agency's ledger
 * page, sees them overdue, records results and a fee, imports more from an Excel 台账, and makes the
 * report from the ledger, whose tables satisfy every identity; the region's supervisor sees the
 * counts and the due list but no applicant's personal data. Then the clerk keeps the other three
 * registers (cases, documents, figures) through their forms, edits and deletes, and the report's
 * 四 and 二 are what was entered; a viewer and another agency's clerk get no forms.
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
  let otherAgencyId = 0;
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
    await addUser(server.store, 'viewer-ledger', 'viewer', { regionId: agency.region_id! });
    otherAgencyId = (await db.selectFrom('agencies').select('id').where('id', '!=', agencyId).orderBy('id').executeTakeFirstOrThrow()).id;
    await addUser(server.store, 'clerk-other', 'clerk', { agencyId: otherAgencyId });
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

  test('a clerk keeps the cases, documents and figures registers; the report\'s 四 and 二 are what was entered', async () => {
    const page = await userPage('clerk-ledger', `/agencies/${agencyId}/ledger?year=2025`);
    await page.locator('#applications tbody tr[data-number="X-102"]').waitFor();
    const row = (list: string, number: string) => page.locator(`#${list} tbody tr[data-number="${number}"]`);
    const cells = (list: string, number: string) => row(list, number).locator('td').allTextContents();
    const reopen = async (list: string, number: string, form: string) => {
      await row(list, number).locator('button[data-action=edit]').click();
      assert.equal(await page.locator(`#${form} button[type=submit]`).textContent(), '保存修改');
    };
    const remove = async (list: string, number: string, noun: string) => {
      page.once('dialog', (d) => d.accept());
      await row(list, number).locator('button[data-action=delete]').click();
      await status(page, `已删除${noun}`);
      await row(list, number).waitFor({ state: 'detached' });
    };

    /** Fills a register form field by field (a select by its option value) and submits it. */
    const submitForm = async (form: string, fields: Record<string, string>) => {
      for (const [name, value] of Object.entries(fields)) {
        const field = `#${form} [name=${name}]`;
        if ((await page.locator(field).evaluate((e) => e.tagName)) === 'SELECT') await page.selectOption(field, value);
        else await page.fill(field, value);
      }
      await page.click(`#${form} button[type=submit]`);
    };
    const fileCase = (number: string, kind: string, filedOn: string, result: string, decidedOn: string) =>
      submitForm('case-form', { number, kind, filedOn, result, decidedOn });
    await fileCase('C-1', 'review', '2025-02-03', 'upheld', '2025-04-01');
    await status(page, '已登记第 C-1 号案件');
    await fileCase('C-2', 'litigationDirect', '2025-03-03', '', '');
    await status(page, '已登记第 C-2 号案件');
    await fileCase('C-3', 'litigationAfterReview', '2025-05-06', 'corrected', '2025-08-01');
    await status(page, '已登记第 C-3 号案件');
    await row('cases', 'C-3').waitFor();
    assert.deepEqual(await cells('cases', 'C-2'), ['C-2', '行政诉讼 未经复议直接起诉', '2025-03-03', '尚未审结', '', '修改 删除']);
    // The API's 409 is shown as it says it; nothing is added.
    await fileCase('C-1', 'review', '2025-06-02', '', '');
    await status(page, '行政复议、行政诉讼台账中已有第 C-1 号记录');
    assert.equal(await page.locator('#cases tbody tr[data-number]').count(), 3);
    assert.equal(await page.inputValue('#case-form [name=number]'), 'C-1');

    await reopen('cases', 'C-2', 'case-form');
    assert.equal(await page.inputValue('#case-form [name=filedOn]'), '2025-03-03');
    await page.selectOption('#case-form [name=result]', 'other');
    await page.fill('#case-form [name=decidedOn]', '2025-09-01');
    await page.click('#case-form button[type=submit]');
    await status(page, '已修改第 C-2 号案件');
    await page.locator('#cases tbody tr[data-number="C-2"] td:has-text("其他结果")').waitFor();
    assert.equal(await page.locator('#case-form button[type=submit]').textContent(), '登记');
    await remove('cases', 'C-3', '第 C-3 号案件');

    const fileDocument = async (number: string, kind: string, title: string, issuedOn: string, publishedOn: string, repealedOn: string) => {
      await submitForm('document-form', { number, kind, title, issuedOn, publishedOn, repealedOn });
      await status(page, `已登记第 ${number} 号文件`);
    };
    await fileDocument('淄工信规〔2025〕1号', 'rules', '<b>管理办法</b>', '2025-01-10', '2025-01-20', '');
    await fileDocument('淄工信发〔2024〕3号', 'normativeDocs', '实施细则', '2024-06-01', '2024-06-05', '2025-07-01');
    await fileDocument('淄工信发〔2025〕2号', 'normativeDocs', '通知', '2025-03-01', '2025-03-05', '');
    await row('documents', '淄工信发〔2025〕2号').waitFor();
    assert.deepEqual(await cells('documents', '淄工信规〔2025〕1号'), ['淄工信规〔2025〕1号', '规章', '<b>管理办法</b>', '2025-01-10', '2025-01-20', '', '修改 删除']);
    await reopen('documents', '淄工信发〔2025〕2号', 'document-form');
    await page.fill('#document-form [name=title]', '关于数据开放的通知');
    await page.click('#document-form button[type=submit]');
    await status(page, '已修改第 淄工信发〔2025〕2号 号文件');
    await page.locator('#documents tbody tr td:has-text("关于数据开放的通知")').waitFor();
    assert.deepEqual(await cells('documents', '淄工信发〔2025〕2号'), ['淄工信发〔2025〕2号', '行政规范性文件', '关于数据开放的通知', '2025-03-01', '2025-03-05', '', '修改 删除']);

    // The choices are the 2021 template's cells of 二 but 二（一）, labelled as the schema labels them.
    const options = figureOptions(2025);
    assert.deepEqual(await page.locator('#figure-form [name=item] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['art20_5', 'art20_6', 'art20_8']);
    await page.selectOption('#figure-form [name=item]', 'art20_6');
    assert.deepEqual(await page.locator('#figure-form [name=row] option').allTextContents(), options.items[1]!.rows.map((r) => r.label));
    const enterFigure = (item: string, rowKey: string, column: string, value: string) => submitForm('figure-form', { item, row: rowKey, column, value });
    const label = (item: string, rowKey: string, column: string) => {
      const i = options.items.find((x) => x.key === item)!;
      return [i.label, i.rows.find((r) => r.key === rowKey)!.label, i.columns.find((c) => c.key === column)!.label];
    };
    await enterFigure('art20_5', 'licensing', 'decisions', '12');
    await status(page, `已登记数据“${label('art20_5', 'licensing', 'decisions').join(' ')}”（2025 年度）`);
    await enterFigure('art20_6', 'penalty', 'decisions', '7');
    await status(page, `已登记数据“${label('art20_6', 'penalty', 'decisions').join(' ')}”（2025 年度）`);
    await enterFigure('art20_6', 'coercion', 'decisions', '3');
    await status(page, `已登记数据“${label('art20_6', 'coercion', 'decisions').join(' ')}”（2025 年度）`);
    await enterFigure('art20_8', 'fees', 'amount', '1.5');
    await status(page, `已登记数据“${label('art20_8', 'fees', 'amount').join(' ')}”（2025 年度）`);
    await row('figures', '2025/art20_8/fees/amount').waitFor();
    assert.deepEqual(await cells('figures', '2025/art20_8/fees/amount'), [...label('art20_8', 'fees', 'amount'), '1.5', '修改 删除']);
    await reopen('figures', '2025/art20_6/penalty/decisions', 'figure-form');
    assert.deepEqual([await page.inputValue('#figure-form [name=item]'), await page.inputValue('#figure-form [name=row]'), await page.inputValue('#figure-form [name=column]'), await page.inputValue('#figure-form [name=value]')], ['art20_6', 'penalty', 'decisions', '7']);
    await page.fill('#figure-form [name=value]', '8');
    await page.click('#figure-form button[type=submit]');
    await status(page, `已修改数据“${label('art20_6', 'penalty', 'decisions').join(' ')}”（2025 年度）`);
    await page.locator('#figures tbody tr[data-number="2025/art20_6/penalty/decisions"] td:has-text("8")').waitFor();
    await remove('figures', '2025/art20_6/coercion/decisions', `数据“${label('art20_6', 'coercion', 'decisions').join(' ')}”（2025 年度）`);

    // Applications: reopened in the register form, the result recorded earlier is kept; one deleted.
    await reopen('applications', 'A-002', 'register-form');
    assert.equal(await page.inputValue('#register-form [name=receivedOn]'), '2025-06-02');
    await page.fill('#register-form [name=name]', '李四');
    await page.click('#register-form button[type=submit]');
    await status(page, '已修改第 A-002 号申请');
    await page.locator('#applications tbody tr[data-number="A-002"] td:has-text("李四")').waitFor();
    assert.deepEqual((await cells('applications', 'A-002')).slice(4, 8), ['李四', '<img src=x onerror=alert(1)>A-002', '（二）部分公开', '2025-06-20']);
    await remove('applications', 'X-101', '第 X-101 号申请');

    // The counts refresh after each change.
    await page.locator('#ledger-counts tbody td:first-child:text-is("4")').waitFor();
    assert.deepEqual((await page.locator('#ledger-counts tbody td').allTextContents()).slice(0, 4), ['4', '2', '3', '3']);

    await page.fill('#report-form [name=year]', '2025');
    await page.click('#report-form button[type=submit]');
    await status(page, '已由台账生成报告草稿');
    const reportId = Number(/\/reports\/(\d+)\/edit$/.exec((await page.locator('#ledger-report').getAttribute('href'))!)![1]);
    const { tables } = (await (await page.request.get(`${server.url}/api/reports/${reportId}`)).json()).report;
    assert.deepEqual(tables.review, {
      review: [1, 0, 0, 0, 1],
      litigationDirect: [0, 0, 1, 0, 1],
      litigationAfterReview: [0, 0, 0, 0, 0],
    });
    const active = tables.active;
    assert.deepEqual(active.art20_1, {
      rules: { issued: 1, repealed: 0, inForce: 1 },
      normativeDocs: { issued: 1, repealed: 1, inForce: 1 },
    });
    assert.deepEqual([active.art20_5.licensing.decisions, active.art20_6.penalty.decisions, active.art20_6.coercion.decisions, active.art20_8.fees.amount], [12, 8, null, 1.5]);
    assert.deepEqual(errors, []);
  });

  test('a viewer of the region and a clerk of another agency get no forms, and the API refuses them the registers', async () => {
    const viewer = await userPage('viewer-ledger', `/agencies/${agencyId}/ledger?year=2025`);
    await viewer.locator('#ledger-counts tbody tr').waitFor();
    assert.deepEqual((await viewer.locator('#ledger-counts tbody td').allTextContents()).slice(0, 4), ['4', '2', '3', '3']);
    assert.equal(await viewer.locator('form.ledger-form, #cases, #documents, #figures, #applications, #figure-options').count(), 0);
    assert.equal((await viewer.request.get(`${server.url}/api/agencies/${agencyId}/ledger/cases`)).status(), 403);

    const other = await userPage('clerk-other', `/agencies/${agencyId}/ledger?year=2025`);
    assert.equal(await other.locator('#ledger, form.ledger-form, #cases, #documents, #figures').count(), 0);
    assert.equal((await other.request.get(`${server.url}/api/agencies/${agencyId}/ledger/figures`)).status(), 404);
    // Their own agency's ledger page, with forms, gives the session's CSRF token for a change to this agency's.
    await other.goto(`${server.url}/agencies/${otherAgencyId}/ledger`);
    await other.locator('#case-form').waitFor();
    const token = await other.locator('meta[name="csrf-token"]').getAttribute('content');
    const post = await other.evaluate(async ([id, csrf]) => (await fetch(`/api/agencies/${id}/ledger/cases`, {
      method: 'POST', headers: { 'x-csrf-token': csrf!, 'content-type': 'application/json' }, body: JSON.stringify({ number: 'Z-1', kind: 'review', filedOn: '2025-01-02' }),
    })).status, [agencyId, token] as const);
    assert.equal(post, 404);
    assert.deepEqual(errors, []);
  });
});
