import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { addCountyUsers, countyIds, type Counties } from './counties.ts';
import { login, ORIGIN, TEST_PASSWORD, type Client } from '../helpers/auth.ts';
import { form, synthetic } from './fixtures.ts';

/**
 * The audit log over the API, once per database: every action listed in the README leaves an entry
 * with who, when, from where and which report, agency or region; supervisors see their subtree;
 * clerks and viewers do not see the log at all. County A is 淄川区, county B 博山区.
 */

type Entry = { id: number; at: string; userId: number | null; username: string | null; address: string | null; action: string; summary: string; detail: Record<string, unknown>; reportId: number | null; agencyId: number | null; regionId: number | null };

const ADDRESS = '203.0.113.5';
const env = (address = ADDRESS) => ({ incoming: { socket: { remoteAddress: address } } });
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function auditSuite(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let ids: Counties & { supervisor: number };
    const c: Record<string, Client> = {};

    /** Every entry, as the admin sees it, newest first. */
    const entries = async (query = ''): Promise<Entry[]> => {
      const res = await c.admin!.request(`/api/audit?limit=500${query}`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { items: Entry[] }).items;
    };
    const latest = async (action: string) => (await entries(`&action=${action}`))[0];

    before(async () => {
      ({ store, close } = await open());
      await preloadSamples(store);
      app = createApp(store);
      const counties = await countyIds(store);
      ids = { ...counties, supervisor: (await addCountyUsers(store, counties)).supervisor };
      c.admin = await login(app, 'admin', TEST_PASSWORD, env());
      c.supervisor = await login(app, 'supervisor-a', TEST_PASSWORD, env('198.51.100.20'));
      c.clerk = await login(app, 'clerk-a1', TEST_PASSWORD, env('198.51.100.30'));
      c.viewer = await login(app, 'viewer-a', TEST_PASSWORD, env('198.51.100.40'));
    });
    after(async () => close());

    test('logins (also failed ones, with the name tried and the address, never the password) and logouts', async () => {
      const ok = await latest('login');
      assert.equal(ok!.username, 'viewer-a');
      assert.equal(ok!.address, '198.51.100.40');
      assert.equal(ok!.regionId, ids.regionA);
      const wrong = await app.request('/api/session', { ...json('POST', { username: 'clerk-a1', password: 'Wrong-Secret-99' }), headers: { 'content-type': 'application/json', origin: ORIGIN } }, env('192.0.2.66'));
      assert.equal(wrong.status, 401);
      await app.request('/api/session', { ...json('POST', { username: 'nobody-here', password: 'Wrong-Secret-98' }), headers: { 'content-type': 'application/json', origin: ORIGIN } }, env('192.0.2.66'));
      const [unknown, bad] = await entries('&action=login.failed');
      assert.deepEqual([bad!.username, bad!.userId, bad!.address, bad!.detail.reason], ['clerk-a1', null, '192.0.2.66', 'wrong-password']);
      assert.deepEqual([unknown!.username, unknown!.detail.reason], ['nobody-here', 'unknown-user']);
      const temp = await login(app, 'viewer-a', TEST_PASSWORD, env('192.0.2.77'));
      assert.equal((await temp.request('/api/session', { method: 'DELETE' })).status, 204);
      const out = await latest('logout');
      assert.deepEqual([out!.username, out!.address], ['viewer-a', '192.0.2.77']);
      const all = JSON.stringify(await entries());
      assert.doesNotMatch(all, /Wrong-Secret|test-password|scrypt|csrf/i);
    });

    test('imports, corrections, reverts and deletions: who, from where, which report and agency; a deletion keeps agency, year, file and sha256 only', async () => {
      const res = await c.clerk!.request('/api/imports', { method: 'POST', body: form({ 'clerk-2022.txt': synthetic({ agency: '淄川区工业和信息化局', year: 2022 }) }) });
      assert.equal(res.status, 201);
      const reportId = ((await res.json()) as { items: { reportId: number }[] }).items[0]!.reportId;
      const imported = await latest('import');
      assert.deepEqual([imported!.username, imported!.address, imported!.reportId, imported!.agencyId, imported!.regionId], ['clerk-a1', '198.51.100.30', reportId, ids.agencyA1, ids.regionA]);
      assert.match(imported!.summary, /导入报告 \d+：淄川区工业和信息化局 2022 年度/);

      const fix = await c.clerk!.request(`/api/reports/${reportId}/corrections`, json('POST', { reason: '核对原件', changes: [{ path: 'meta.signedOn', value: '2023-01-10' }] }));
      assert.equal(fix.status, 201);
      const corrected = await latest('report.correct');
      assert.deepEqual([corrected!.username, corrected!.reportId, corrected!.agencyId, corrected!.detail.version, corrected!.detail.reason], ['clerk-a1', reportId, ids.agencyA1, 2, '核对原件']);
      assert.deepEqual(corrected!.detail.paths, ['meta.signedOn']);
      assert.equal((await c.supervisor!.request(`/api/reports/${reportId}/revert`, json('POST', { version: 1 }))).status, 201);
      const reverted = await latest('report.revert');
      assert.deepEqual([reverted!.username, reverted!.address, reverted!.detail.revertedTo, reverted!.detail.version], ['supervisor-a', '198.51.100.20', 1, 3]);

      const sha = (await store.db.selectFrom('reports').select('content_hash').where('id', '=', reportId).executeTakeFirstOrThrow()).content_hash;
      assert.match(await (await c.clerk!.request(`/reports/${reportId}`)).text(), /id="delete-report" data-report="\d+" data-label="[^"]+">删除报告<\/button>/);
      assert.doesNotMatch(await (await c.viewer!.request(`/reports/${reportId}`)).text(), /delete-report/);
      assert.equal((await c.clerk!.request(`/api/reports/${reportId}`, { method: 'DELETE' })).status, 204);
      assert.equal((await c.admin!.request(`/api/reports/${reportId}`)).status, 404);
      const deleted = await latest('report.delete');
      assert.deepEqual(deleted!.detail, { reportId, agencyId: ids.agencyA1, agency: '淄川区工业和信息化局', year: 2022, fileName: 'clerk-2022.txt', sha256: sha });
      assert.deepEqual([deleted!.username, deleted!.address, deleted!.reportId, deleted!.regionId], ['clerk-a1', '198.51.100.30', reportId, ids.regionA]);
      // Out of scope: nothing deleted, nothing recorded.
      const count = (await entries('&action=report.delete')).length;
      assert.equal((await c.supervisor!.request(`/api/reports/${ids.reportB}`, { method: 'DELETE' })).status, 404);
      assert.equal((await entries('&action=report.delete')).length, count);
    });

    test('users: creation, role or scope change, password reset, disabling and removal; no password in any entry', async () => {
      const made = await c.admin!.request('/api/users', json('POST', { username: 'audit-user', role: 'viewer', regionId: ids.regionA, password: 'Created-Pass-123' }));
      const user = (await made.json()) as { id: number };
      await c.admin!.request(`/api/users/${user.id}`, json('PATCH', { role: 'clerk', agencyId: ids.agencyA1 }));
      await c.admin!.request(`/api/users/${user.id}`, json('PATCH', { password: 'Reset-Pass-456' }));
      await c.admin!.request(`/api/users/${user.id}`, json('PATCH', { disabled: true }));
      assert.equal((await c.admin!.request(`/api/users/${user.id}`, { method: 'DELETE' })).status, 204);
      const list = (await entries()).filter((e) => JSON.stringify(e.detail).includes('audit-user') || e.summary.includes('audit-user'));
      assert.deepEqual(list.map((e) => e.action).reverse(), ['user.create', 'user.role', 'user.password', 'user.update', 'user.delete']);
      assert.ok(list.every((e) => e.username === 'admin' && e.userId !== null && e.address === ADDRESS));
      const role = list.find((e) => e.action === 'user.role')!;
      assert.deepEqual([(role.detail.before as { role: string }).role, (role.detail.after as { role: string }).role, role.agencyId], ['viewer', 'clerk', ids.agencyA1]);
      assert.doesNotMatch(JSON.stringify(await entries()), /Created-Pass|Reset-Pass|password_hash|scrypt/);
      // Changing one's own password is recorded too.
      const own = await c.viewer!.request('/api/session/password', json('POST', { current: TEST_PASSWORD, next: 'viewer-new-pass-1' }));
      assert.equal(own.status, 200);
      const changed = await latest('user.password');
      assert.deepEqual([changed!.username, changed!.detail.self], ['viewer-a', true]);
      c.viewer = await login(app, 'viewer-a', 'viewer-new-pass-1', env('198.51.100.40'));
    });

    test('agencies: rename keeps an alias (409 for a name taken), merge moves reports (409 for a shared year), both audited', async () => {
      const made = await c.supervisor!.request('/api/agencies', json('POST', { name: '淄川区审计测试局', regionId: ids.regionA }));
      const other = (await made.json()) as { id: number };
      const renamed = await c.supervisor!.request(`/api/agencies/${other.id}`, json('PATCH', { name: '淄川区审计测试中心' }));
      assert.equal(renamed.status, 200);
      assert.deepEqual(((await renamed.json()) as { aliases: string[] }).aliases, ['淄川区审计测试局']);
      const rename = await latest('agency.rename');
      assert.deepEqual([rename!.username, rename!.agencyId, rename!.regionId, rename!.detail.from, rename!.detail.to], ['supervisor-a', other.id, ids.regionA, '淄川区审计测试局', '淄川区审计测试中心']);
      const taken = await c.supervisor!.request(`/api/agencies/${other.id}`, json('PATCH', { name: '淄川区工业和信息化局' }));
      assert.equal(taken.status, 409);
      assert.match(((await taken.json()) as { error: { message: string } }).error.message, /已是机关“淄川区工业和信息化局”的名称或曾用名/);
      // A clerk may not rename; a supervisor may not merge an agency of another county.
      assert.equal((await c.clerk!.request(`/api/agencies/${ids.agencyA1}`, json('PATCH', { name: '新名' }))).status, 403);
      assert.equal((await c.supervisor!.request(`/api/agencies/${ids.agencyA1}/merge`, json('POST', { from: ids.agencyB }))).status, 404);

      const years = ((await (await c.admin!.request(`/api/agencies?q=工业和信息化`)).json()) as { id: number; years: number[] }[]).find((a) => a.id === ids.agencyA1)!.years;
      const shared = years[0]!;
      const imp = await c.admin!.request('/api/imports', { method: 'POST', body: form({ 'other.txt': synthetic({ agency: '淄川区审计测试局', year: shared }) }) });
      const item = ((await imp.json()) as { items: { reportId: number; status: string }[] }).items[0]!;
      assert.equal(item.status, 'imported');
      const stored = (await (await c.admin!.request(`/api/reports/${item.reportId}`)).json()) as { agencyId: number };
      assert.equal(stored.agencyId, other.id, 'an import naming the old name lands on the renamed agency');
      const clash = await c.supervisor!.request(`/api/agencies/${ids.agencyA1}/merge`, json('POST', { from: other.id }));
      assert.equal(clash.status, 409);
      assert.deepEqual(((await clash.json()) as { error: { details: unknown } }).error.details, { years: [shared] });
      assert.equal((await c.admin!.request(`/api/reports/${item.reportId}`)).status, 200, 'nothing moved');
      assert.equal((await c.admin!.request(`/api/reports/${item.reportId}`, { method: 'DELETE' })).status, 204);
      const merged = await c.supervisor!.request(`/api/agencies/${ids.agencyA1}/merge`, json('POST', { from: other.id }));
      assert.equal(merged.status, 200, await merged.clone().text());
      assert.deepEqual(((await merged.json()) as { aliases: string[] }).aliases.sort(), ['淄川区审计测试中心', '淄川区审计测试局'].sort());
      assert.equal((await c.admin!.request(`/api/agencies/${other.id}`)).status, 404);
      const found = (await (await c.supervisor!.request(`/api/agencies?q=${encodeURIComponent('审计测试局')}`)).json()) as { id: number }[];
      assert.deepEqual(found.map((a) => a.id), [ids.agencyA1], 'a former name finds the agency');
      const agencyPage = await (await c.supervisor!.request(`/agencies/${ids.agencyA1}`)).text();
      assert.match(agencyPage, /曾用名：.*<span class="alias">淄川区审计测试局<\/span>/);
      assert.match(agencyPage, /id="rename-form"/);
      assert.doesNotMatch(await (await c.viewer!.request(`/agencies/${ids.agencyA1}`)).text(), /rename-form|merge-form/);
      const merge = await latest('agency.merge');
      assert.deepEqual([merge!.username, merge!.agencyId, merge!.regionId, (merge!.detail.merged as { agencyId: number }).agencyId], ['supervisor-a', ids.agencyA1, ids.regionA, other.id]);
    });

    test('who sees the log: admins all, a supervisor their county and their own actions; clerks and viewers 404 (API, CSV and page)', async () => {
      // An entry of county B: the admin deletes a report there.
      assert.equal((await c.admin!.request(`/api/reports/${ids.reportB}`, { method: 'DELETE' })).status, 204);
      const all = await entries();
      assert.ok(all.some((e) => e.regionId === ids.regionB));
      const sup = (await (await c.supervisor!.request('/api/audit?limit=500')).json()) as { total: number; items: Entry[] };
      assert.ok(sup.items.length > 0);
      assert.ok(sup.items.every((e) => e.regionId === ids.regionA || e.userId === ids.supervisor), JSON.stringify(sup.items.filter((e) => e.regionId !== ids.regionA && e.userId !== ids.supervisor)));
      assert.ok(!sup.items.some((e) => e.action === 'report.delete' && e.regionId === ids.regionB));
      assert.ok(sup.items.some((e) => e.username === 'clerk-a1'), 'entries of the county’s clerk');
      for (const who of ['clerk', 'viewer']) {
        for (const path of ['/api/audit', '/api/audit.csv']) {
          const res = await c[who]!.request(path);
          assert.equal(res.status, 404, `${who} ${path}`);
          assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not-found');
        }
        assert.equal((await c[who]!.request('/audit')).status, 404);
        assert.doesNotMatch(await (await c[who]!.request('/reports')).text(), /href="\/audit"/);
      }
      assert.equal((await app.request('/api/audit')).status, 401);
      const pageHtml = await (await c.supervisor!.request('/audit')).text();
      assert.match(pageHtml, /<h1>审计日志<\/h1>/);
      assert.match(pageHtml, /href="\/api\/audit.csv"/);
      assert.doesNotMatch(pageHtml, /淄博市博山区投资促进中心/);
      assert.match(await (await c.admin!.request('/audit?action=report.delete')).text(), /删除报告 \d+：淄博市博山区投资促进中心/);
      // Filters.
      const byUser = (await (await c.admin!.request('/api/audit?user=clerk-a1&action=report.delete')).json()) as { items: Entry[] };
      assert.ok(byUser.items.length >= 1 && byUser.items.every((e) => e.username === 'clerk-a1' && e.action === 'report.delete'));
      assert.equal(((await (await c.admin!.request('/api/audit?to=2000-01-01')).json()) as { total: number }).total, 0);
      assert.equal((await c.admin!.request('/api/audit?from=yesterday')).status, 400);
    });

    test('CSV export: every visible entry, a formula-like cell gets an apostrophe', async () => {
      await app.request('/api/session', { ...json('POST', { username: '=HYPERLINK("http://evil.example")', password: 'x' }), headers: { 'content-type': 'application/json', origin: ORIGIN } }, env('192.0.2.99'));
      await app.request('/api/session', { ...json('POST', { username: '@SUM(1+1)', password: 'x' }), headers: { 'content-type': 'application/json', origin: ORIGIN } }, env('192.0.2.99'));
      const res = await c.admin!.request('/api/audit.csv?action=login.failed');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /text\/csv/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.startsWith('编号,时间,用户编号,用户名,地址,操作代码,操作,摘要'), text.slice(0, 80));
      assert.match(text, /,"'=HYPERLINK\(""http:\/\/evil.example""\)",192\.0\.2\.99,login\.failed,/);
      assert.match(text, /,'@SUM\(1\+1\),/);
      assert.doesNotMatch(text, /,=HYPERLINK|,@SUM/);
      const supCsv = await (await c.supervisor!.request('/api/audit.csv')).text();
      assert.doesNotMatch(supCsv, /HYPERLINK|博山区投资促进中心/);
    });

    test('the address: the socket’s, and X-Forwarded-For only when trustProxy is set', async () => {
      const headers = { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': '10.9.9.9, 198.51.100.77' };
      const body = JSON.stringify({ username: 'proxy-probe', password: 'x' });
      await app.request('/api/session', { method: 'POST', headers, body }, env('127.0.0.1'));
      assert.equal((await latest('login.failed'))!.address, '127.0.0.1');
      await createApp(store, { trustProxy: true }).request('/api/session', { method: 'POST', headers, body }, env('127.0.0.1'));
      assert.equal((await latest('login.failed'))!.address, '198.51.100.77');
    });
  });
}
