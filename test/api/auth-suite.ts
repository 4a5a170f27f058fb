import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp, routesOf } from '../../src/server/app.ts';
import type { Access } from '../../src/server/auth/scope.ts';
import type { Store } from '../../src/store/db.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { addCountyUsers, countyIds, type Counties } from './counties.ts';
import { addUser, login, ORIGIN, TEST_PASSWORD, type Client } from '../helpers/auth.ts';
import { form, synthetic } from './fixtures.ts';

/**
 * Accounts, roles and data scope over the whole API, run once per database like the API suite.
 * County A is 淄川区 with agency a1 (淄川区工业和信息化局); county B is 博山区.
 */

/** Every route and who may call it. A route added without a line here fails the first test. */
const EXPECTED_ACCESS: Record<string, Access> = {
  'get /api/health': 'public',
  'post /api/session': 'public',
  'get /api/session': 'public',
  'delete /api/session': 'public',
  'post /api/session/password': 'read',
  'get /api/users': 'admin',
  'post /api/users': 'admin',
  'patch /api/users/:id': 'admin',
  'delete /api/users/:id': 'admin',
  'get /api/summary': 'read',
  'get /api/definitions': 'read',
  'get /api/rules': 'read',
  'post /api/imports': 'write',
  'get /api/imports': 'write',
  'get /api/imports/:id': 'write',
  'get /api/reports': 'read',
  'get /api/reports/data': 'read',
  'get /api/reports/:id': 'read',
  'delete /api/reports/:id': 'write',
  'get /api/reports/:id/findings': 'read',
  'get /api/reports/:id/original': 'read',
  'get /api/reports/:id/pages/:n{[0-9]+\\.png}': 'read',
  'get /api/reports/:id/export': 'read',
  'post /api/reports/:id/corrections': 'write',
  'get /api/reports/:id/versions': 'read',
  'get /api/reports/:id/versions/:version': 'read',
  'post /api/reports/:id/revert': 'write',
  'put /api/reports/:id/triage': 'manage',
  'post /api/reports/:id/submit': 'write',
  'post /api/reports/:id/return': 'manage',
  'post /api/reports/:id/accept': 'manage',
  'post /api/reports/:id/publish': 'write',
  'get /api/reports/:id/workflow': 'read',
  'post /api/drafts': 'write',
  'post /api/drafts/upload': 'write',
  'get /api/reports/:id/content': 'read',
  'put /api/reports/:id/content': 'write',
  'post /api/reports/:id/content/check': 'write',
  'get /api/regions/:id/status': 'read',
  'get /api/regions/:id/ranking': 'read',
  'get /api/regions': 'read',
  'post /api/regions': 'admin',
  'patch /api/regions/:id': 'admin',
  'delete /api/regions/:id': 'admin',
  'get /api/regions/:id/rollup': 'read',
  'get /api/regions/:id/rollup/sources': 'read',
  'get /api/regions/:id/summary-report': 'read',
  'post /api/regions/:id/summary-draft': 'manage',
  'get /api/regions/:id/stats': 'read',
  'get /api/regions/:id/trends': 'read',
  'get /api/regions/:id/unpublished': 'read',
  'get /api/regions/:id/cross-year': 'read',
  'get /api/agencies': 'read',
  'post /api/agencies': 'manage',
  'post /api/agencies/import': 'admin',
  'get /api/agencies/:id': 'read',
  'patch /api/agencies/:id': 'manage',
  'get /api/agencies/:id/years': 'read',
  'get /api/agencies/:id/diff': 'read',
  'post /api/agencies/:id/merge': 'manage',
  'get /api/audit': 'manage',
  'get /api/audit.csv': 'manage',
  'get /api/jobs': 'write',
  'post /api/jobs': 'write',
  'get /api/jobs/:id': 'write',
  'post /api/jobs/:id/retry': 'write',
  'post /api/jobs/:id/cancel': 'write',
  'get /api/jobs/:id/result': 'write',
  'get /api/openapi.json': 'read',
  'get /api/agencies/:id/ledger/due': 'read',
  'get /api/agencies/:id/ledger/summary': 'read',
  'post /api/agencies/:id/ledger/report': 'write',
  'get /api/agencies/:id/ledger/export': 'write',
  'post /api/agencies/:id/ledger/import': 'write',
  'post /api/agencies/:id/ledger/purge': 'write',
  'get /api/agencies/:id/ledger/:register': 'write',
  'post /api/agencies/:id/ledger/:register': 'write',
  'put /api/agencies/:id/ledger/:register/:record': 'write',
  'delete /api/agencies/:id/ledger/:register/:record': 'write',
};

/** Roles a route's access level lets through but its handler refuses with 403. */
const REFUSED_IN_HANDLER: Record<string, string[]> = {
  'post /api/reports/:id/submit': ['supervisor'],
  // Only the agency's clerks and admins write reports (the other draft routes validate their JSON body first: 400).
  'post /api/drafts/upload': ['supervisor'],
  // The ledger's records hold applicants' personal data: the agency's clerks and admins only.
  'post /api/agencies/:id/ledger/report': ['supervisor'],
  'get /api/agencies/:id/ledger/export': ['supervisor'],
  'post /api/agencies/:id/ledger/import': ['supervisor'],
  'post /api/agencies/:id/ledger/purge': ['supervisor'],
  'get /api/agencies/:id/ledger/:register': ['supervisor'],
  'post /api/agencies/:id/ledger/:register': ['supervisor'],
  'put /api/agencies/:id/ledger/:register/:record': ['supervisor'],
  'delete /api/agencies/:id/ledger/:register/:record': ['supervisor'],
};

const ROLES_OF: Record<Access, string[]> = {
  public: ['anonymous', 'admin', 'supervisor', 'clerk', 'viewer'],
  read: ['admin', 'supervisor', 'clerk', 'viewer'],
  write: ['admin', 'supervisor', 'clerk'],
  manage: ['admin', 'supervisor'],
  admin: ['admin'],
};

const UNAUTHORIZED = { error: { status: 401, code: 'unauthorized', message: '请先登录' } };

export function authSuite(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let ids: Counties;
    const clients: Record<string, Client> = {};

    const anonymous = (path: string, init: RequestInit = {}) => app.request(path, init);
    const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    before(async () => {
      ({ store, close } = await open());
      await preloadSamples(store);
      app = createApp(store);
      ids = await countyIds(store);
      await addCountyUsers(store, ids);
      clients.admin = await login(app, 'admin');
      clients.supervisor = await login(app, 'supervisor-a');
      clients.clerk = await login(app, 'clerk-a1');
      clients.viewer = await login(app, 'viewer-a');
    });
    after(async () => {
      await close();
    });

    test('every route declares its access, and it is the one this table expects', () => {
      const declared = Object.fromEntries(routesOf(app).map((r) => [`${r.method} ${r.path}`, r.access]));
      assert.deepEqual(declared, EXPECTED_ACCESS);
      // Roles below these answer 404, not 403: the audit log is not shown to exist.
      assert.deepEqual(routesOf(app).filter((r) => r.hidden).map((r) => `${r.method} ${r.path}`), ['get /api/audit', 'get /api/audit.csv']);
    });

    test('every route for every role: 401 without a session, 403 for a role below it, 404 outside the scope, else allowed', async () => {
      const problems: string[] = [];
      for (const route of routesOf(app)) {
        const key = `${route.method} ${route.path}`;
        // Ids of county A (the scope of supervisor, clerk and viewer); destructive routes and
        // other users' records get ids that do not exist, so an allowed call answers 404.
        const destructive = route.method === 'delete' || key.startsWith('patch /api/users') || key === 'get /api/imports/:id' || route.path.startsWith('/api/jobs/:id');
        const id = destructive ? 999999 : route.path.startsWith('/api/reports') ? ids.reportA1 : route.path.startsWith('/api/regions') ? ids.regionA : ids.agencyA1;
        const path = route.path.replace(':id', String(id)).replace(':version', '1').replace(/:n\{[^}]*\}/, '1.png').replace(':register', 'applications').replace(':record', '999999')
          + (route.path.startsWith('/api/regions/:id/') && route.path !== '/api/regions/:id/trends' ? '?year=2020' : '')
          + (route.path.endsWith('/rollup/sources') ? '&template=2019&path=requests.newReceived.total' : '')
          // A ledger report of year 1 is refused after the role check: the loop adds no report.
          + (route.path.endsWith('/ledger/summary') ? '?year=2024' : route.path.endsWith('/ledger/report') ? '?year=1' : '');
        // Page images of a text report and the diff of an agency with one year are 404 for anyone.
        const mayBe404 = destructive || route.path.includes('/pages/') || route.path.endsWith('/diff') || route.path.includes(':record');
        for (const role of ['anonymous', 'admin', 'supervisor', 'clerk', 'viewer']) {
          const init: RequestInit = route.method === 'get' ? {} : json(route.method.toUpperCase(), {});
          let request = role === 'anonymous' ? (p: string, i: RequestInit) => anonymous(p, { ...i, headers: { ...(i.headers as object), origin: ORIGIN } }) : clients[role]!.request;
          if (key === 'delete /api/session' && role !== 'anonymous') request = (await login(app, role === 'admin' ? 'admin' : { supervisor: 'supervisor-a', clerk: 'clerk-a1', viewer: 'viewer-a' }[role]!)).request;
          const res = await request(path, init);
          const allowed = ROLES_OF[route.access].includes(role);
          const outside = role === 'clerk' && route.path.startsWith('/api/regions/:id');
          const anonymousSession = role === 'anonymous' && key === 'get /api/session';
          // A hidden route (the audit log) answers a role below it 404, as if it did not exist.
          // Within its access level a workflow step allows only some roles (supervisors do not submit): the handler answers 403.
          const refused = REFUSED_IN_HANDLER[key]?.includes(role) ?? false;
          const want = !allowed ? (role === 'anonymous' ? 401 : route.hidden ? 404 : 403) : refused ? 403 : outside ? 404 : anonymousSession ? 401 : 'ok';
          const ok = want === 'ok' ? ![401, 403].includes(res.status) && (mayBe404 || res.status !== 404) : res.status === want;
          if (!ok) problems.push(`${role} ${route.method.toUpperCase()} ${path}: ${res.status}, expected ${want} — ${(await res.text()).slice(0, 120)}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    test('without a session: 401 JSON for the API, 303 to the login page for pages; health and login are public', async () => {
      const res = await anonymous('/api/reports');
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), UNAUTHORIZED);
      assert.deepEqual(await (await anonymous('/api/openapi.json')).json(), UNAUTHORIZED);
      assert.deepEqual(await (await anonymous('/api/no-such-route')).json(), UNAUTHORIZED);
      assert.equal((await anonymous('/api/health')).status, 200);
      const page = await anonymous('/reports/1?x=1');
      assert.equal(page.status, 303);
      assert.equal(page.headers.get('location'), `/login?next=${encodeURIComponent('/reports/1?x=1')}`);
      const loginPage = await anonymous('/login');
      assert.equal(loginPage.status, 200);
      assert.match(await loginPage.text(), /<h1>登录<\/h1>/);
      assert.equal((await anonymous('/static/app.css')).status, 200);
      // The old hole: deleting without login.
      assert.equal((await anonymous(`/api/reports/${ids.reportB}`, { method: 'DELETE', headers: { origin: ORIGIN } })).status, 401);
    });

    test('the region summary report: an admin gets the summed tables and a Word file; a supervisor of another county 404', async () => {
      const admin = clients.admin!;
      const res = await admin.request(`/api/regions/${ids.regionA}/summary-report?year=2020`);
      assert.equal(res.status, 200);
      const s = (await res.json()) as any;
      const one = (await (await admin.request(`/api/reports/${ids.reportA1}`)).json()) as any;
      assert.deepEqual(s.report.tables.requests, one.report.tables.requests);
      assert.deepEqual(s.included.map((i: any) => i.file), [`#${ids.reportA1}`]);
      assert.equal(s.report.agency, '淄川区（汇总）');
      assert.equal(s.sources['requests.newReceived.total'].length, 1);
      const docx = await admin.request(`/api/regions/${ids.regionA}/summary-report?year=2020&format=docx`);
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml/);
      assert.equal((await admin.request(`/api/regions/${ids.regionA}/summary-report?year=1999`)).status, 404);
      assert.equal((await admin.request(`/api/regions/${ids.regionA}/summary-report?year=2020&format=exe`)).status, 400);
      assert.equal((await clients.supervisor!.request(`/api/regions/${ids.regionB}/summary-report?year=2020`)).status, 404);
      assert.equal((await clients.supervisor!.request(`/api/regions/${ids.regionA}/summary-report?year=2020&format=html`)).status, 200);
      const page = await (await admin.request(`/regions/${ids.regionA}?year=2020`)).text();
      assert.match(page, /下载本区域汇总报告（Word \/ PDF \/ 网页 \/ Excel）/);
      assert.ok(page.includes(`/api/regions/${ids.regionA}/summary-report?year=2020&amp;format=docx`), 'the Word link of the year');
    });

    test('scope: a supervisor of county A cannot see county B; a clerk sees only their agency', async () => {
      const sup = clients.supervisor!;
      assert.equal((await sup.request(`/api/reports/${ids.reportB}`)).status, 404);
      assert.match(((await (await sup.request(`/api/reports/${ids.reportB}`)).json()) as any).error.message, /不存在/);
      assert.equal((await sup.request(`/api/reports/${ids.reportB}/original`)).status, 404);
      assert.equal((await sup.request(`/api/regions/${ids.regionB}/rollup?year=2020`)).status, 404);
      assert.equal((await sup.request(`/api/agencies/${ids.agencyB}`)).status, 404);
      assert.equal((await sup.request(`/api/reports?regionId=${ids.regionB}`)).status, 404);
      const supList = (await (await sup.request('/api/reports')).json()) as any;
      assert.deepEqual(supList.items.map((r: any) => r.id), [ids.reportA1]);
      assert.deepEqual(((await (await sup.request('/api/regions')).json()) as any).tree.map((n: any) => n.name), ['淄川区']);
      assert.equal((await sup.request(`/api/reports/${ids.reportB}`, { method: 'DELETE' })).status, 404);

      const clerk = clients.clerk!;
      const list = (await (await clerk.request('/api/reports')).json()) as any;
      assert.deepEqual(list.items.map((r: any) => r.agencyId), [ids.agencyA1]);
      assert.deepEqual(((await (await clerk.request('/api/agencies')).json()) as any).map((a: any) => a.id), [ids.agencyA1]);
      assert.deepEqual(((await (await clerk.request('/api/regions')).json()) as any), { tree: [], items: [] });
      const summary = (await (await clerk.request('/api/summary')).json()) as any;
      assert.deepEqual([summary.reports, summary.agencies, summary.regions], [1, 1, 0]);
      assert.equal((await clerk.request(`/api/reports/${ids.reportB}`)).status, 404);
      const csv = await (await clerk.request('/api/reports?format=csv')).text();
      assert.equal(csv.trim().split('\n').length, 2, csv);

      const viewer = clients.viewer!;
      assert.equal((await viewer.request(`/api/reports/${ids.reportA1}`)).status, 200);
      const del = await viewer.request(`/api/reports/${ids.reportA1}`, { method: 'DELETE' });
      assert.equal(del.status, 403);
      assert.equal(((await del.json()) as any).error.code, 'forbidden');
      assert.equal((await viewer.request(`/api/reports/${ids.reportA1}/corrections`, json('POST', { reason: 'x', changes: [{ path: 'requests.newReceived.total', value: 1 }] }))).status, 403);
    });

    test('pages follow the scope: the clerk’s report list holds their agency only; other reports and regions are 404', async () => {
      const clerk = clients.clerk!;
      const list = await (await clerk.request('/reports')).text();
      assert.match(list, /淄川区工业和信息化局/);
      assert.doesNotMatch(list, /博山区投资促进中心|澄江市投资促进局/);
      assert.match(list, /<meta name="csrf-token" content="[\w-]+">/);
      assert.match(list, /clerk-a1<\/a><span class="role">机关经办人<\/span>/);
      assert.match(list, /退出登录/);
      assert.equal((await clerk.request(`/reports/${ids.reportB}`)).status, 404);
      assert.equal((await clerk.request(`/regions/${ids.regionA}`)).status, 404);
      assert.equal((await clients.viewer!.request('/import')).status, 403);
      assert.equal((await clerk.request('/users')).status, 403);
      assert.equal((await clients.admin!.request('/users')).status, 200);
      // Read-only users see the agency selects disabled, and the body says the role for the stylesheet.
      const agencies = await (await clients.viewer!.request('/agencies')).text();
      assert.match(agencies, /<select class="region-select" data-agency="\d+" aria-label="所属区域" disabled>/);
      assert.match(agencies, /<body class="role-viewer">/);
      assert.doesNotMatch(await (await clients.supervisor!.request('/agencies')).text(), /region-select[^>]*disabled/);
      // Logged in, /login sends the user on, never to another site.
      const next = await clerk.request('/login?next=//evil.example/x');
      assert.equal(next.status, 303);
      assert.equal(next.headers.get('location'), '/reports');
    });

    test('imports: a clerk’s reports go to their agency, another known agency’s are refused; a supervisor’s must be in their region', async () => {
      const clerkFile = synthetic({ agency: '淄川区工业和信息化局', year: 2022 });
      const foreign = synthetic({ agency: '淄博市博山区投资促进中心', year: 2022 });
      const res = await clients.clerk!.request('/api/imports', { method: 'POST', body: form({ 'own.txt': clerkFile, 'foreign.txt': foreign }) });
      const body = (await res.json()) as any;
      assert.equal(res.status, 201, JSON.stringify(body));
      const own = body.items.find((i: any) => i.name === 'own.txt');
      assert.equal(own.status, 'imported');
      const refused = body.items.find((i: any) => i.name === 'foreign.txt');
      assert.equal(refused.status, 'failed');
      assert.match(refused.reason, /不是您所属的机关/);
      const stored = (await (await clients.admin!.request(`/api/reports/${own.reportId}`)).json()) as any;
      assert.equal(stored.agencyId, ids.agencyA1);
      // Who imported is the logged-in user, whatever the form says.
      const batches = (await (await clients.clerk!.request('/api/imports')).json()) as any;
      assert.deepEqual(batches.map((b: any) => b.author), ['clerk-a1']);
      assert.equal((await clients.supervisor!.request(`/api/imports/${body.id}`)).status, 404);

      const sup = await clients.supervisor!.request('/api/imports', { method: 'POST', body: form({ 'b.txt': synthetic({ agency: '淄博市博山区投资促进中心', year: 2019 }), 'new.txt': synthetic({ agency: '某某新机关', year: 2022 }) }) });
      const supBody = (await sup.json()) as any;
      assert.deepEqual(supBody.items.map((i: any) => i.status), ['failed', 'failed']);
      assert.match(supBody.items[0].reason, /不在您所辖的区域内/);
      assert.match(supBody.items[1].reason, /不是您所辖区域内已登记的机关/);
      assert.equal((await store.db.selectFrom('agencies').select('id').where('name', '=', '某某新机关').executeTakeFirst()), undefined);
      // A duplicate of a report outside the scope does not tell its id.
      const original = await (await clients.admin!.request(`/api/reports/${ids.reportB}/original`)).arrayBuffer();
      const dup = (await (await clients.clerk!.request('/api/imports', { method: 'POST', body: form({ 'copy.txt': Buffer.from(original) }) })).json()) as any;
      assert.deepEqual([dup.items[0].status, dup.items[0].reportId], ['duplicate', undefined]);
      assert.match(dup.items[0].reason, /不在您的数据范围内/);

      // Corrections record the user too.
      const fix = await clients.clerk!.request(`/api/reports/${own.reportId}/corrections`, json('POST', { author: '冒名', reason: '测试', changes: [{ path: 'meta.signedOn', value: '2023-01-10' }] }));
      assert.equal(fix.status, 201, await fix.clone().text());
      assert.equal(((await fix.json()) as any).author, 'clerk-a1');
    });

    test('a supervisor places agencies only inside their region', async () => {
      const sup = clients.supervisor!;
      assert.equal((await sup.request(`/api/agencies/${ids.agencyA1}`, json('PATCH', { regionId: ids.regionB }))).status, 404);
      assert.equal((await sup.request(`/api/agencies/${ids.agencyA1}`, json('PATCH', { regionId: null }))).status, 403);
      assert.equal((await sup.request(`/api/agencies/${ids.agencyA1}`, json('PATCH', { issuerType: 'department' }))).status, 200);
      const created = await sup.request('/api/agencies', json('POST', { name: '淄川区测试局', regionId: ids.regionA }));
      assert.equal(created.status, 201);
      assert.equal((await sup.request('/api/agencies', json('POST', { name: '博山区测试局', regionId: ids.regionB }))).status, 404);
    });

    test('CSRF: a foreign Origin is refused, so is a missing token; the right token with this site’s Origin or Referer passes', async () => {
      const evil = await anonymous('/api/imports', { method: 'POST', headers: { origin: 'http://evil.example' }, body: form({ 'a.txt': 'x' }) });
      assert.equal(evil.status, 403);
      assert.equal(((await evil.json()) as any).error.code, 'forbidden-origin');
      const admin = clients.admin!;
      const victim = synthetic({ agency: '淄川区工业和信息化局', year: 2018 });
      const made = (await (await admin.request('/api/imports', { method: 'POST', body: form({ 'victim.txt': victim }) })).json()) as any;
      const rid = made.items[0].reportId;
      const foreign = await admin.request(`/api/reports/${rid}`, { method: 'DELETE', headers: { origin: 'http://evil.example' } });
      assert.equal(foreign.status, 403);
      assert.equal(((await foreign.json()) as any).error.code, 'forbidden-origin');
      const noOrigin = await app.request(`/api/reports/${rid}`, { method: 'DELETE', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } });
      assert.equal(((await noOrigin.json()) as any).error.code, 'forbidden-origin');
      const noToken = await app.request(`/api/reports/${rid}`, { method: 'DELETE', headers: { cookie: admin.cookie, origin: ORIGIN } });
      assert.equal(noToken.status, 403);
      assert.equal(((await noToken.json()) as any).error.code, 'csrf');
      const wrongToken = await app.request(`/api/reports/${rid}`, { method: 'DELETE', headers: { cookie: admin.cookie, origin: ORIGIN, 'x-csrf-token': 'x'.repeat(32) } });
      assert.equal(wrongToken.status, 403);
      const byReferer = await app.request(`/api/reports/${rid}`, { method: 'DELETE', headers: { cookie: admin.cookie, referer: `${ORIGIN}/reports/${rid}`, 'x-csrf-token': admin.csrfToken } });
      assert.equal(byReferer.status, 204);
      // A form field works for uploads.
      const fd = form({ 'v2.txt': synthetic({ agency: '淄川区工业和信息化局', year: 2017 }) }, { _csrf: admin.csrfToken });
      assert.equal((await app.request('/api/imports', { method: 'POST', headers: { cookie: admin.cookie, origin: ORIGIN }, body: fd })).status, 201);
    });

    test('the cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age; Secure over https', async () => {
      const http = await anonymous('/api/session', { ...json('POST', { username: 'viewer-a', password: TEST_PASSWORD }), headers: { 'content-type': 'application/json', origin: ORIGIN } });
      const cookie = http.headers.get('set-cookie')!;
      assert.match(cookie, /^ogi_session=[\w-]{40,};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.match(cookie, /Path=\//);
      assert.match(cookie, /Max-Age=604800/);
      assert.doesNotMatch(cookie, /Secure/);
      const body = (await http.json()) as any;
      assert.deepEqual(body.user, { id: body.user.id, username: 'viewer-a', role: 'viewer', regionId: ids.regionA, agencyId: null });
      const https = await app.request('https://localhost/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://localhost' }, body: JSON.stringify({ username: 'viewer-a', password: TEST_PASSWORD }) });
      assert.match(https.headers.get('set-cookie')!, /Secure/);
      // The token is stored only hashed.
      const token = cookie.split(';')[0]!.split('=')[1]!;
      assert.equal(await store.db.selectFrom('sessions').select('id').where('token_hash', '=', token).executeTakeFirst(), undefined);
      const wrong = await anonymous('/api/session', { ...json('POST', { username: 'viewer-a', password: 'wrong-password' }), headers: { 'content-type': 'application/json', origin: ORIGIN } });
      assert.equal(wrong.status, 401);
      assert.match(((await wrong.json()) as any).error.message, /用户名或密码不正确/);
    });

    test('sessions end at logout, at a password change, when the account is disabled, and after the idle or absolute time', async () => {
      await addUser(store, 'temp-user', 'viewer', { regionId: ids.regionA });
      const a = await login(app, 'temp-user');
      const b = await login(app, 'temp-user');
      assert.equal(((await (await a.request('/api/session')).json()) as any).user.username, 'temp-user');
      assert.equal((await a.request('/api/session', { method: 'DELETE' })).status, 204);
      assert.equal((await a.request('/api/reports')).status, 401);
      assert.equal((await a.request('/api/session')).status, 401);
      assert.equal((await b.request('/api/reports')).status, 200);

      const short = await b.request('/api/session/password', json('POST', { current: TEST_PASSWORD, next: '短密码' }));
      assert.equal(short.status, 400);
      assert.match(((await short.json()) as any).error.message, /至少 10 个字符/);
      const badCurrent = await b.request('/api/session/password', json('POST', { current: 'not-the-password', next: 'another-password-1' }));
      assert.match(((await badCurrent.json()) as any).error.message, /当前密码不正确/);
      const c = await login(app, 'temp-user');
      const changed = await b.request('/api/session/password', json('POST', { current: TEST_PASSWORD, next: 'another-password-1' }));
      assert.equal(changed.status, 200);
      assert.equal((await c.request('/api/reports')).status, 401, 'other sessions end');
      assert.equal((await b.request('/api/reports')).status, 401, 'the old cookie ends too');
      const renewed = changed.headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await app.request('/api/reports', { headers: { cookie: renewed } })).status, 200);
      await assert.rejects(login(app, 'temp-user'));
      const d = await login(app, 'temp-user', 'another-password-1');

      const userId = (await store.db.selectFrom('users').select('id').where('username', '=', 'temp-user').executeTakeFirstOrThrow()).id;
      assert.equal((await clients.admin!.request(`/api/users/${userId}`, json('PATCH', { disabled: true }))).status, 200);
      assert.equal((await d.request('/api/reports')).status, 401);
      await assert.rejects(login(app, 'temp-user', 'another-password-1'));

      const idle = createApp(store, { sessions: { idleMs: 300 } });
      const e = await login(idle, 'viewer-a');
      assert.equal((await e.request('/api/summary')).status, 200);
      await new Promise((ok) => setTimeout(ok, 400));
      assert.equal((await e.request('/api/summary')).status, 401);
      const absolute = createApp(store, { sessions: { absoluteMs: 300 } });
      const f = await login(absolute, 'viewer-a');
      await new Promise((ok) => setTimeout(ok, 400));
      assert.equal((await f.request('/api/summary')).status, 401);
    });

    test('login attempts are limited per user name and per address: 429 with Retry-After and a Chinese message', async () => {
      const limited = createApp(store);
      const attempt = (username: string, password: string, address = '10.0.0.1') =>
        limited.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username, password }) }, { incoming: { socket: { remoteAddress: address } } });
      for (let i = 0; i < 5; i++) assert.equal((await attempt('viewer-a', 'wrong-password')).status, 401);
      const blocked = await attempt('viewer-a', TEST_PASSWORD, '10.0.0.2');
      assert.equal(blocked.status, 429);
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      assert.match(((await blocked.json()) as any).error.message, /登录失败次数过多，请 \d+ 分钟后再试/);
      for (let i = 0; i < 20; i++) await attempt(`nobody-${i}`, 'wrong-password', '10.0.0.9');
      assert.equal((await attempt('admin', TEST_PASSWORD, '10.0.0.9')).status, 429);
      assert.equal((await attempt('admin', TEST_PASSWORD, '10.0.0.3')).status, 200);
    });

    test('users: admins add (a generated password shown once), change and remove users; the last admin stays', async () => {
      const admin = clients.admin!;
      const made = await admin.request('/api/users', json('POST', { username: 'new-clerk', role: 'clerk', agencyId: ids.agencyA1 }));
      assert.equal(made.status, 201);
      const user = (await made.json()) as any;
      assert.equal(typeof user.password, 'string');
      await login(app, 'new-clerk', user.password);
      assert.equal((await admin.request('/api/users', json('POST', { username: 'x-viewer', role: 'viewer' }))).status, 400);
      assert.equal((await admin.request('/api/users', json('POST', { username: 'new-clerk', role: 'viewer', regionId: ids.regionA, password: 'long-enough-pw' }))).status, 409);
      const list = (await (await admin.request('/api/users')).json()) as any[];
      assert.ok(list.every((u) => !('passwordHash' in u) && !('password_hash' in u)));
      assert.equal((await admin.request(`/api/users/${user.id}`, json('PATCH', { password: 'reset-password-1' }))).status, 200);
      await login(app, 'new-clerk', 'reset-password-1');
      assert.equal((await admin.request(`/api/users/${user.id}`, { method: 'DELETE' })).status, 204);
      const adminId = list.find((u) => u.username === 'admin').id;
      const last = await admin.request(`/api/users/${adminId}`, { method: 'DELETE' });
      assert.equal(last.status, 409);
      assert.match(((await last.json()) as any).error.message, /唯一可用的管理员/);
    });

    test('OpenAPI: cookie and CSRF header security schemes; each route says which it needs', async () => {
      const doc = (await (await clients.viewer!.request('/api/openapi.json')).json()) as any;
      assert.deepEqual(Object.keys(doc.components.securitySchemes), ['session', 'csrf']);
      assert.equal(doc.components.securitySchemes.session.name, 'ogi_session');
      assert.equal(doc.components.securitySchemes.csrf.name, 'X-CSRF-Token');
      assert.deepEqual(doc.paths['/api/health'].get.security, []);
      assert.deepEqual(doc.paths['/api/reports'].get.security, [{ session: [] }]);
      assert.deepEqual(doc.paths['/api/reports/{id}'].delete.security, [{ session: [], csrf: [] }]);
      assert.ok(doc.paths['/api/reports/{id}'].delete.responses['403']);
    });
  });
}
