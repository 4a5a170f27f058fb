import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { authoringSkeleton } from '../../src/ingest/authoring.ts';
import { createApp } from '../../src/server/app.ts';
import { cellList } from '../../src/schema/cells.ts';
import type { Store } from '../../src/store/db.ts';
import { importFiles } from '../../src/store/import.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { zeroTables } from '../helpers/report-builder.ts';
import { addUser, login, type Client } from '../helpers/auth.ts';
import type { OpenStore } from './databases.ts';
import { addCountyUsers, countyIds, type Counties } from './counties.ts';
import { synthetic, tables2021 } from './fixtures.ts';

/**
 * 新建报告 and writing it in the browser, over the API: the draft pre-filled from the stored
 * previous-year report (exact carried values, both formats), the strict content PUT, stale
 * writes, the live check of unsaved content, and who may write (the agency's clerk and admins only).
 */
export function draftsSuite(name: string, open: OpenStore, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let ids: Counties;
    const clients: Record<string, Client> = {};
    const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const call = async (who: string, method: string, path: string, body?: unknown) => {
      const res = await clients[who]!.request(path, body === undefined ? { method } : json(method, body));
      return { status: res.status, body: (await res.json()) as any };
    };
    let draftId = 0;

    before(async () => {
      ({ store, close } = await open());
      await preloadSamples(store);
      app = createApp(store);
      ids = await countyIds(store);
      await addCountyUsers(store, ids);
      await addUser(store, 'clerk-b', 'clerk', { agencyId: ids.agencyB });
      for (const u of ['admin', 'supervisor-a', 'clerk-a1', 'clerk-b', 'viewer-a']) clients[u] = await login(app, u);
      // a1's 2024 report (2021 format): 2 carried forward in the 自然人 column; 3 rules and 12 normative documents in force.
      const t2024 = tables2021();
      t2024.active.art20_1!.rules!.inForce = 3;
      t2024.active.art20_1!.normativeDocs!.inForce = 12;
      // B's 2019 report (2019 format): 10 licensing items last year, 2 fewer this year.
      const t2019 = zeroTables('2019');
      t2019.active.art20_5!.licensing = { lastYear: 10, change: -2, decisions: 5 };
      const done = await importFiles(store, [
        { name: 'a1-2024.txt', bytes: Buffer.from(synthetic({ agency: '淄川区工业和信息化局', year: 2024, tables: t2024 })) },
        { name: 'b-2019.txt', bytes: Buffer.from(synthetic({ agency: '淄博市博山区投资促进中心', year: 2019, tables: t2019 })) },
      ]);
      assert.deepEqual(done.items.map((i) => [i.status, i.year]), [['imported', 2024], ['imported', 2019]]);
    });
    after(async () => {
      await close();
    });

    test('the clerk creates the 2025 draft pre-filled from the 2024 report', async () => {
      const res = await call('clerk-a1', 'POST', '/api/drafts', { agencyId: ids.agencyA1, year: 2025 });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const d = res.body;
      draftId = d.id;
      assert.equal(d.status, 'draft');
      assert.equal(d.version, 1);
      assert.equal(d.content.agency, '淄川区工业和信息化局');
      assert.equal(d.content.issuerType, 'department');
      assert.equal(d.content.template, '2021');
      assert.deepEqual(d.content.requests.carriedOver, [2, 0, 0, 0, 0, 0, 2]);
      assert.deepEqual(d.content.requests.newReceived, [null, null, null, null, null, null, null]);
      assert.deepEqual(d.content.active.art20_1, { rules: { issued: null, repealed: null, inForce: 3 }, normativeDocs: { issued: null, repealed: null, inForce: 12 } });
      assert.equal(d.content.sections.overview, null);
      assert.match(d.content.preamble, /2025年/);
      assert.doesNotMatch(d.content.preamble, /2024年/);
      assert.deepEqual(d.carried, [...['naturalPerson', 'business', 'research', 'publicInterest', 'legal', 'other', 'total'].map((c) => `requests.carriedOver.${c}`), 'active.art20_1.rules.inForce', 'active.art20_1.normativeDocs.inForce']);
      const prev = await store.db.selectFrom('reports').select('id').where('year', '=', 2024).where('agency_id', '=', ids.agencyA1).executeTakeFirstOrThrow();
      assert.equal(d.previousReportId, prev.id);
      const versions = await call('clerk-a1', 'GET', `/api/reports/${draftId}/versions`);
      assert.equal(versions.body[0].kind, 'draft');
      const again = await call('clerk-a1', 'POST', '/api/drafts', { agencyId: ids.agencyA1, year: 2025 });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.details.reportId, draftId);
    });

    test('新建报告 pressed four times at once: one draft, three answers naming it (409)', async () => {
      const answers = await Promise.all([0, 1, 2, 3].map(() => call('clerk-b', 'POST', '/api/drafts', { agencyId: ids.agencyB, year: 2031 })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409]);
      const made = answers.find((a) => a.status === 201)!.body.id;
      assert.deepEqual(answers.filter((a) => a.status === 409).map((a) => a.body.error.details.reportId), [made, made, made]);
      const rows = await store.db.selectFrom('reports').select('id').where('agency_id', '=', ids.agencyB).where('year', '=', 2031).execute();
      assert.deepEqual(rows.map((r) => r.id), [made]);
    });

    test('2019 format: 上一年项目数量 = last year plus its change; the 2021 draft of a 2020 report carries only 上年结转', async () => {
      const b = await call('admin', 'POST', '/api/drafts', { agencyId: ids.agencyB, year: 2020 });
      assert.equal(b.status, 201, JSON.stringify(b.body));
      assert.equal(b.body.content.template, '2019');
      assert.deepEqual(b.body.content.active.art20_5.licensing, { lastYear: 8, change: null, decisions: null });
      assert.deepEqual(b.body.content.requests.carriedOver, [0, 0, 0, 0, 0, 0, 0]);
      const a = await call('admin', 'POST', '/api/drafts', { agencyId: ids.agencyA1, year: ids.yearA1 + 1 });
      assert.equal(a.status, 201);
      assert.equal(a.body.content.active.art20_1.rules.inForce, null);
      assert.equal(a.body.carried.filter((p: string) => p.startsWith('active.')).length, 0);
      const none = await call('admin', 'POST', '/api/drafts', { agencyId: ids.agencyB, year: 2030 });
      assert.equal(none.body.previousReportId, null);
      assert.deepEqual(none.body.content.requests.carriedOver, [null, null, null, null, null, null, null]);
      assert.equal((await call('admin', 'POST', '/api/drafts', { agencyId: ids.agencyB, year: 2018 })).status, 400);
    });

    test('who may create and write: the agency clerk and admins; others 403, other agencies 404', async () => {
      assert.equal((await call('supervisor-a', 'POST', '/api/drafts', { agencyId: ids.agencyA1, year: 2026 })).status, 403);
      assert.equal((await call('viewer-a', 'POST', '/api/drafts', { agencyId: ids.agencyA1, year: 2026 })).status, 403);
      assert.equal((await call('clerk-b', 'POST', '/api/drafts', { agencyId: ids.agencyA1, year: 2026 })).status, 404);
      const content = (await call('clerk-a1', 'GET', `/api/reports/${draftId}/content`)).body.content;
      assert.equal((await call('supervisor-a', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 1, content })).status, 403);
      assert.equal((await call('clerk-b', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 1, content })).status, 404);
      assert.equal((await call('clerk-b', 'GET', `/api/reports/${draftId}/content`)).status, 404);
      assert.equal((await call('supervisor-a', 'POST', `/api/reports/${draftId}/content/check`, { content })).status, 403);
    });

    test('pages: 新建报告 for the clerk, the edit page for its writers only, every value escaped', async () => {
      const page = async (who: string, path: string) => {
        const res = await clients[who]!.request(path);
        return { status: res.status, text: await res.text() };
      };
      assert.match((await page('clerk-a1', '/reports')).text, /id="new-report" data-agency="\d+"/);
      assert.doesNotMatch((await page('supervisor-a', '/reports')).text, /id="new-report"/);
      assert.match((await page('admin', `/agencies/${ids.agencyA1}`)).text, /id="new-report"/);
      assert.match((await page('clerk-a1', `/reports/${draftId}`)).text, /id="edit-report" href="\/reports\/\d+\/edit"/);
      assert.doesNotMatch((await page('supervisor-a', `/reports/${draftId}`)).text, /id="edit-report"/);
      const edit = await page('clerk-a1', `/reports/${draftId}/edit`);
      assert.equal(edit.status, 200);
      assert.equal(edit.text.match(/<input class="cell"/g)!.length, cellList('2021').length);
      assert.equal(edit.text.match(/<textarea class="section-text"/g)!.length, 6);
      assert.match(edit.text, /<input class="cell" data-path="requests\.carriedOver\.naturalPerson" value="2"/);
      assert.match(edit.text, /data-path="requests\.carriedOver\.total" value="2" aria-label="[^"]+" autocomplete="off" inputmode="decimal" readonly tabindex="-1"/);
      assert.equal((await page('supervisor-a', `/reports/${draftId}/edit`)).status, 403);
      assert.equal((await page('viewer-a', `/reports/${draftId}/edit`)).status, 403);
      assert.equal((await page('clerk-b', `/reports/${draftId}/edit`)).status, 404);
      // An agency name with markup: escaped in the page, \u003c-escaped in the page's JSON.
      const evil = '某某局"\'<script>alert(1)</script>';
      const agency = await call('admin', 'POST', '/api/agencies', { name: evil, issuerType: 'department', regionId: ids.regionA });
      assert.equal(agency.status, 201, JSON.stringify(agency.body));
      const d = await call('admin', 'POST', '/api/drafts', { agencyId: agency.body.id, year: 2025 });
      assert.equal(d.status, 201);
      const html = (await page('admin', `/reports/${d.body.id}/edit`)).text;
      assert.ok(!html.includes('<script>alert(1)</script>'));
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    });

    test('content PUT: strict validation in Chinese, nothing saved on error', async () => {
      const content = (await call('clerk-a1', 'GET', `/api/reports/${draftId}/content`)).body.content;
      const bad = async (change: (c: any) => void) => {
        const c = structuredClone(content);
        change(c);
        const res = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 1, content: c });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        return res.body.error.message as string;
      };
      assert.match(await bad((c) => { c.requests.newReceived[0] = -1; }), /自然人.*应为不小于 0 的整数（件数）或 null/);
      assert.match(await bad((c) => { c.requests.newReceived[0] = 1.5; }), /应为不小于 0 的整数/);
      assert.match(await bad((c) => { c.requests.newReceived = [1, 2]; }), /应有7个数/);
      assert.match(await bad((c) => { c.requests.bogusRow = [0, 0, 0, 0, 0, 0, 0]; }), /没有“bogusRow”这一行/);
      assert.match(await bad((c) => { c.unknownField = 1; }), /没有“unknownField”这一字段/);
      assert.match(await bad((c) => { c.signedOn = '2026-02-30'; }), /meta\.signedOn：日期应为 YYYY-MM-DD 格式的有效日期/);
      assert.match(await bad((c) => { c.agency = '另一个局'; }), /机关、年度和格式在新建报告时确定/);
      const shape = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 1, content: 'text' });
      assert.equal(shape.status, 400);
      assert.equal((await call('clerk-a1', 'GET', `/api/reports/${draftId}/content`)).body.version, 1);
    });

    test('content PUT saves a version with every change, re-checks, refuses stale writes; the live check sees unsaved content', async () => {
      const before = await call('clerk-a1', 'GET', `/api/reports/${draftId}`);
      const content = (await call('clerk-a1', 'GET', `/api/reports/${draftId}/content`)).body.content;
      content.requests.newReceived = [4, 0, 0, 0, 0, 0, null];
      content.sections.overview = '2025年，本局认真贯彻落实条例。';
      content.signedOn = '2026-01-20';
      const check = await call('clerk-a1', 'POST', `/api/reports/${draftId}/content/check`, { content });
      assert.equal(check.status, 200);
      assert.ok(check.body.findings.every((f: any) => Array.isArray(f.paths)));
      assert.equal((await call('clerk-a1', 'GET', `/api/reports/${draftId}`)).body.version, 1, 'the check saves nothing');
      const saved = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 1, content });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.version, 2);
      assert.equal(saved.body.changed, true);
      // The six applicant columns of 新收 and its derived 总计, the overview, the signing date.
      assert.equal(saved.body.changes, 9);
      const after = (await call('clerk-a1', 'GET', `/api/reports/${draftId}`)).body;
      assert.equal(after.status, 'draft');
      assert.equal(after.report.tables.requests.newReceived[6], 4, 'the total is derived');
      assert.equal(after.report.sections.overview, '2025年，本局认真贯彻落实条例。');
      assert.notDeepEqual(after.findings.map((f: any) => f.key), before.body.findings.map((f: any) => f.key));
      const versions = (await call('clerk-a1', 'GET', `/api/reports/${draftId}/versions`)).body;
      assert.deepEqual(versions[1].changes.map((c: any) => [c.path, c.new]).filter(([p]: [string]) => !/newReceived\.(business|research|publicInterest|legal|other)$/.test(p)), [
        ['meta.signedOn', '2026-01-20'], ['sections.overview', '2025年，本局认真贯彻落实条例。'], ['requests.newReceived.naturalPerson', 4], ['requests.newReceived.total', 4],
      ]);
      const same = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 2, content });
      assert.deepEqual([same.body.version, same.body.changed], [2, false]);
      const stale = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 1, content });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.details.currentVersion, 2);
    });

    test('a draft can start from a YAML authoring file or a report document; wrong files 400 in Chinese', async () => {
      const upload = async (who: string, agencyId: number, name: string, content: string) => {
        const fd = new FormData();
        fd.append('agencyId', String(agencyId));
        fd.append('file', new File([content], name));
        const res = await clients[who]!.request('/api/drafts/upload', { method: 'POST', body: fd });
        return { status: res.status, body: (await res.json()) as any };
      };
      const yaml = authoringSkeleton({ agency: '淄博市博山区投资促进中心', year: 2027 }).replace(/\[0, 0, 0, 0, 0, 0, 0\]/, '[3, 0, 0, 0, 0, 0, null]');
      const fromYaml = await upload('clerk-b', ids.agencyB, 'b-2027.yaml', yaml);
      assert.equal(fromYaml.status, 201, JSON.stringify(fromYaml.body));
      assert.deepEqual(fromYaml.body.content.requests.newReceived, [3, 0, 0, 0, 0, 0, 3]);
      assert.equal(fromYaml.body.status, 'draft');
      const versions = await call('clerk-b', 'GET', `/api/reports/${fromYaml.body.id}/versions`);
      assert.deepEqual([versions.body[0].kind, versions.body[0].reason], ['draft', '从文件“b-2027.yaml”开始']);
      assert.equal((await upload('clerk-b', ids.agencyB, 'again.yaml', yaml)).status, 409);
      const broken = await upload('clerk-b', ids.agencyB, 'b-2028.yaml', yaml.replace('2027', '2028').replace('表三:', '表三:\n  没有这一行: [0, 0, 0, 0, 0, 0, 0]'));
      assert.equal(broken.status, 400);
      assert.match(broken.body.error.message, /b-2028\.yaml：第\d+行第\d+列：表三没有“没有这一行”这一行/);
      const foreign = await upload('clerk-b', ids.agencyB, 'a1.yaml', authoringSkeleton({ agency: '淄川区工业和信息化局', year: 2029 }));
      assert.equal(foreign.status, 400);
      assert.match(foreign.body.error.message, /文件中的机关是“淄川区工业和信息化局”，不是“淄博市博山区投资促进中心”/);
      const doc = await upload('clerk-b', ids.agencyB, 'b-2022.txt', synthetic({ agency: '淄博市博山区投资促进中心', year: 2022, tables: tables2021() }));
      assert.equal(doc.status, 201, JSON.stringify(doc.body));
      assert.deepEqual(doc.body.content.requests.carriedForward, [2, 0, 0, 0, 0, 0, 2]);
      assert.equal((await upload('clerk-a1', ids.agencyB, 'x.yaml', yaml)).status, 404);
      assert.equal((await upload('supervisor-a', ids.agencyA1, 'x.yaml', yaml)).status, 403);
    });

    test('only drafts and returned reports can be written', async () => {
      assert.equal((await call('clerk-a1', 'POST', `/api/reports/${draftId}/submit`, {})).status, 200);
      const content = (await call('clerk-a1', 'GET', `/api/reports/${draftId}/content`)).body.content;
      content.requests.newReceived[1] = 1;
      const res = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 2, content });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.message, '报告当前状态为“已报送”，不能修改内容（只有“草稿”或“退回修改”的报告可以编写）');
      assert.equal((await call('supervisor-a', 'POST', `/api/reports/${draftId}/return`, { comment: '请核对新收申请', cells: ['requests.newReceived.business'] })).status, 200);
      const again = await call('clerk-a1', 'PUT', `/api/reports/${draftId}/content`, { baseVersion: 2, content });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.status, 'returned');
    });
  });
}
