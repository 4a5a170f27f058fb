import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { extractSource } from '../../src/extract/index.ts';
import { readSource } from '../../src/ingest/read-file.ts';
import { createAgency, agenciesIn } from '../../src/store/agencies.ts';
import { importFiles } from '../../src/store/import.ts';
import { regionSummary } from '../../src/store/region-summary.ts';
import { cellList, readCell } from '../../src/schema/cells.ts';
import type { Cell } from '../../src/schema/types.ts';
import type { OpenStore } from '../api/databases.ts';
import { synthetic, tables2021 } from '../api/fixtures.ts';
import { addUser, TEST_PASSWORD } from '../helpers/auth.ts';
import { CHROMIUM, CHROMIUM_ARGS, startWebServer, type WebServer } from './fixtures.ts';

/**
 * Issue 13's “done when”, end to end in Chromium on SQLite and on PostgreSQL: a clerk creates the
 * 2025 report of 淄川区工业和信息化局 pre-filled from its stored 2024 report, pastes table 三 from
 * Excel, fixes the finding the check shows live, saves and submits; the supervisor returns it with a
 * comment on a cell; the clerk corrects and submits again; the supervisor accepts and records the
 * publication; the region's status page shows every agency, and its summary report in Word reads
 * back with the sums.
 */

const missing = !existsSync(CHROMIUM);

const A1 = '淄川区工业和信息化局';
const GOVERNMENT = '淄博市淄川区人民政府';
const row = (first: number, total = first) => [first, 0, 0, 0, 0, 0, total].join('\t');
/** Table 三 of 2021 as copied from Excel, 新收 to 结转: 5 new + 2 carried = 5 results + 3 carried forward (one too many). */
const TABLE_3 = [row(5), row(2), row(4), row(1), ...Array.from({ length: 19 }, () => row(0)), row(5), row(3)].join('\n');

export function authoringSuite(name: string, open: OpenStore | undefined, skip: string | false): void {
  if (missing && process.env.CI === 'true') {
    test('Chromium is installed (required on CI)', () => assert.fail(`CI：浏览器测试需要 ${CHROMIUM}`));
  }
  describe(name, { skip: missing ? 'skipped: Chromium not installed' : skip }, () => {
    let server: WebServer;
    let browser: Browser;
    const errors: string[] = [];
    let regionA = 0;
    let reportId = 0;
    const dir = mkdtempSync(join(tmpdir(), 'ogi-authoring-'));

    async function userPage(username: string, target: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('response', (r) => {
        if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) errors.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${server.url}${target}`);
      await page.fill('#login-username', username);
      await page.fill('#login-password', TEST_PASSWORD);
      await Promise.all([page.waitForURL(`${server.url}${target}`), page.click('#login-form button[type=submit]')]);
      return page;
    }
    const cell = (page: Page, path: string) => page.locator(`input.cell[data-path="${path}"]`);
    const status = (page: Page) => page.locator('#workflow-status').textContent();
    /** Saves the draft and waits for the version it becomes (an error shown instead fails with its text). */
    async function save(page: Page, version: number): Promise<void> {
      await page.click('#save-draft');
      await page.locator(`#save-state:has-text("已保存为第 ${version} 版"), #edit-error:visible`).first().waitFor();
      assert.equal(await page.locator('#edit-error').isVisible() ? await page.locator('#edit-error').textContent() : null, null);
    }

    before(async () => {
      server = await startWebServer(open);
      const db = server.store.db;
      regionA = (await db.selectFrom('regions').select('id').where('name', '=', '淄川区').executeTakeFirstOrThrow()).id;
      const a1 = (await db.selectFrom('agencies').select('id').where('name', '=', A1).executeTakeFirstOrThrow()).id;
      await createAgency(db, { name: GOVERNMENT, issuerType: 'government', regionId: regionA });
      // a1's 2024 report carries 2 requests forward (自然人); the county government has a 2025 report already.
      const done = await importFiles(server.store, [
        { name: 'a1-2024.txt', bytes: Buffer.from(synthetic({ agency: A1, year: 2024, tables: tables2021() })) },
        { name: 'gov-2025.txt', bytes: Buffer.from(synthetic({ agency: GOVERNMENT, year: 2025, tables: tables2021() })) },
      ]);
      assert.deepEqual(done.items.map((i) => i.status), ['imported', 'imported']);
      await addUser(server.store, 'clerk-a1', 'clerk', { agencyId: a1 });
      await addUser(server.store, 'supervisor-a', 'supervisor', { regionId: regionA });
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the clerk creates the 2025 report pre-filled from 2024, pastes table 三, fixes the live finding, saves and submits', async () => {
      const page = await userPage('clerk-a1', '/reports');
      await page.fill('#new-report input[name=year]', '2025');
      await Promise.all([page.waitForURL(/\/reports\/\d+\/edit$/), page.click('#new-report button[type=submit]')]);
      reportId = Number(/\/reports\/(\d+)\/edit$/.exec(page.url())![1]);
      // Carried over from 2024's 结转下年度继续办理, the total computed.
      assert.equal(await cell(page, 'requests.carriedOver.naturalPerson').inputValue(), '2');
      assert.equal(await cell(page, 'requests.carriedOver.total').inputValue(), '2');
      assert.equal(await cell(page, 'requests.carriedOver.total').getAttribute('readonly'), '');
      assert.equal(await cell(page, 'requests.newReceived.naturalPerson').inputValue(), '');

      // Enter goes down a row, Tab to the next cell.
      await cell(page, 'requests.newReceived.naturalPerson').focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.path), 'requests.carriedOver.naturalPerson');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.path), 'requests.carriedOver.business');

      // A block pasted from Excel fills table 三 from the focused cell; computed totals are skipped.
      await cell(page, 'requests.newReceived.naturalPerson').evaluate((input, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, TABLE_3);
      assert.equal(await cell(page, 'requests.carriedForward.naturalPerson').inputValue(), '3');
      assert.equal(await cell(page, 'requests.resultTotal.naturalPerson').inputValue(), '5');
      assert.equal(await cell(page, 'requests.newReceived.total').inputValue(), '5');
      const balance = page.locator('#edit-findings li[data-rule="SUM-01"]');
      await balance.first().waitFor();
      // The finding points at its cell: clicking it focuses a cell of the unbalanced column.
      await balance.first().click();
      assert.match(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.path ?? ''), /^requests\.\w+\.(naturalPerson|total)$/);
      await cell(page, 'requests.carriedForward.naturalPerson').fill('2');
      assert.equal(await cell(page, 'requests.carriedForward.total').inputValue(), '2');
      await balance.first().waitFor({ state: 'detached' });

      await page.fill('textarea[data-section="overview"]', '2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。');
      await page.fill('#edit-signed', '2026-01-20');
      await save(page, 2);

      await Promise.all([page.waitForURL(`${server.url}/reports/${reportId}`), page.click('a[href="/reports/' + reportId + '"].btn')]);
      await Promise.all([page.waitForLoadState('load'), page.click('button[data-workflow="submit"]')]);
      await page.locator('#workflow-status', { hasText: '已报送' }).waitFor();
      await page.context().close();
    });

    test('the supervisor returns it with a comment on a cell; the clerk corrects it and submits again', async () => {
      const sup = await userPage('supervisor-a', `/reports/${reportId}`);
      assert.equal(await status(sup), '已报送');
      assert.equal(await sup.locator('#edit-report').count(), 0, 'supervisors do not write reports');
      await sup.click('button[data-workflow="return"]');
      await sup.fill('form[data-step="return"] textarea[name=comment]', '新收申请数请与办件台账核对');
      await sup.selectOption('form[data-step="return"] select[name=cells]', 'requests.newReceived.naturalPerson');
      await Promise.all([sup.waitForLoadState('load'), sup.click('form[data-step="return"] button[type=submit]')]);
      await sup.locator('#workflow-status', { hasText: '退回修改' }).waitFor();
      await sup.context().close();

      const clerk = await userPage('clerk-a1', `/reports/${reportId}/edit`);
      assert.equal(await clerk.locator('#return-notice .return-comment').textContent(), '新收申请数请与办件台账核对');
      assert.equal(await clerk.locator('#return-notice li[data-path="requests.newReceived.naturalPerson"]').count(), 1);
      await cell(clerk, 'requests.newReceived.naturalPerson').fill('6');
      await cell(clerk, 'requests.carriedForward.naturalPerson').fill('3');
      assert.equal(await cell(clerk, 'requests.newReceived.total').inputValue(), '6');
      await save(clerk, 3);
      await clerk.goto(`${server.url}/reports/${reportId}`);
      assert.equal(await clerk.locator('button[data-workflow="submit"]').textContent(), '再次报送');
      await Promise.all([clerk.waitForLoadState('load'), clerk.click('button[data-workflow="submit"]')]);
      await clerk.locator('#workflow-status', { hasText: '已报送' }).waitFor();
      await clerk.context().close();
    });

    test('the supervisor accepts and records the publication; the region shows every agency and its summary report in Word', async () => {
      const sup = await userPage('supervisor-a', `/reports/${reportId}`);
      sup.once('dialog', (d) => void d.accept());
      await Promise.all([sup.waitForLoadState('load'), sup.click('button[data-workflow="accept"]')]);
      await sup.locator('#workflow-status', { hasText: '已通过' }).waitFor();
      await sup.click('button[data-workflow="publish"]');
      await sup.fill('form[data-step="publish"] input[name=url]', 'https://www.zichuan.gov.cn/gongkai/2025.html');
      await sup.fill('form[data-step="publish"] input[name=date]', '2026-01-25');
      await Promise.all([sup.waitForLoadState('load'), sup.click('form[data-step="publish"] button[type=submit]')]);
      await sup.locator('#workflow-status', { hasText: '已发布' }).waitFor();

      await sup.goto(`${server.url}/regions/${regionA}/status?year=2025`);
      const agencies = await agenciesIn(server.store.db, regionA);
      const rows = await sup.locator('#status-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('td a')!.textContent, tr.querySelector('.status-badge')!.textContent]));
      assert.equal(rows.length, agencies.length);
      const byName = new Map(rows.map(([n, s]) => [n, s]));
      assert.equal(byName.get(A1), '已发布');
      assert.equal(byName.get(GOVERNMENT), '草稿');
      for (const [n, s] of rows) if (n !== A1 && n !== GOVERNMENT) assert.equal(s, '未报送', n!);

      await sup.goto(`${server.url}/regions/${regionA}?year=2025`);
      const [download] = await Promise.all([sup.waitForEvent('download'), sup.click('.summary-report a:text-is("Word")')]);
      const file = join(dir, 'summary.docx');
      await download.saveAs(file);
      const read = extractSource(await readSource(file));
      assert.equal(read.source.format, 'docx');
      const tablesOf = async (name: string) => {
        const r = await server.store.db.selectFrom('reports').select('tables').where('agency', '=', name).where('year', '=', 2025).executeTakeFirstOrThrow();
        return JSON.parse(r.tables).requests as Record<string, Cell[]>;
      };
      const [mine, theirs] = [await tablesOf(A1), await tablesOf(GOVERNMENT)];
      const sum = Object.fromEntries(Object.keys(mine).map((k) => [k, mine[k]!.map((v, i) => (v as number) + (theirs[k]![i] as number))]));
      assert.deepEqual(read.tables.requests, sum);
      assert.equal((read.tables.requests as Record<string, Cell[]>).newReceived![0], 11);
      await sup.context().close();
      assert.deepEqual(errors, []);
    });

    test('the supervisor opens the region’s 2024 summary in the editor: the summed cells shown, a narrative written and saved', async () => {
      const sup = await userPage('supervisor-a', `/regions/${regionA}?year=2024`);
      await sup.fill('#summary-draft-form input[name=year]', '2024');
      await sup.check('#summary-draft-form input[name=reports][value=all]');
      await Promise.all([sup.waitForURL(/\/reports\/\d+\/edit$/), sup.click('#summary-draft-form button[type=submit]')]);
      const draftId = Number(/\/reports\/(\d+)\/edit$/.exec(sup.url())![1]);
      const row = await server.store.db.selectFrom('reports').select(['agency', 'year']).where('id', '=', draftId).executeTakeFirstOrThrow();
      assert.deepEqual([row.agency, row.year], [GOVERNMENT, 2024]);
      const summary = await regionSummary(server.store.db, regionA, 2024, 'all');
      const shown = await sup.locator('input.cell').evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).dataset.path!, (i as HTMLInputElement).value]));
      assert.equal(shown.length, cellList('2021').length);
      assert.deepEqual(shown, shown.map(([path]) => [path, String(readCell(summary.report.tables, path!) ?? '')]));
      // The region's only 2024 report is a1's: its figures are the sums.
      const a1 = await server.store.db.selectFrom('reports').select('data').where('agency', '=', A1).where('year', '=', 2024).executeTakeFirstOrThrow();
      assert.equal(await cell(sup, 'requests.carriedOver.naturalPerson').inputValue(), String(readCell(JSON.parse(a1.data).tables, 'requests.carriedOver.naturalPerson')));
      assert.deepEqual(summary.included.map((i) => i.agency), [A1]);
      await sup.fill('textarea[data-section="overview"]', '本区政府信息公开工作总体情况：各机关报告逐格相加。');
      await save(sup, 2);
      const saved = await server.store.db.selectFrom('reports').select('data').where('id', '=', draftId).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(saved.data).sections.overview, '本区政府信息公开工作总体情况：各机关报告逐格相加。');
      // Pressed again: the same draft opens.
      await sup.goto(`${server.url}/regions/${regionA}?year=2024`);
      await Promise.all([sup.waitForURL(`${server.url}/reports/${draftId}/edit`), sup.click('#summary-draft-form button[type=submit]')]);
      // The supervisor who writes it submits it from the report page.
      await sup.goto(`${server.url}/reports/${draftId}`);
      await Promise.all([sup.waitForLoadState('load'), sup.click('button[data-workflow="submit"]')]);
      await sup.locator('#workflow-status', { hasText: '已报送' }).waitFor();
      await sup.context().close();
      assert.deepEqual(errors, []);
    });
  });
}
