import { Hono, type Context } from 'hono';
import type { Store } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import { requireAgency, requireRegion, requireReport } from '../store/scope.ts';
import type { Auth } from './context.ts';
import { accountPage, loginPage, safeNext, usersPage } from './pages/account.ts';
import { ASSETS } from './assets.ts';
import { html } from './html.ts';
import { page, PAGE_CSP } from './layout.ts';
import { agencyListPage, agencyPage } from './pages/agencies.ts';
import { auditPage, parseAuditQuery } from './pages/audit.ts';
import { importBatchPage, importPage } from './pages/imports.ts';
import { jobsPage } from './pages/jobs.ts';
import { ledgerPage } from './pages/ledger.ts';
import { defaultYear, regionPage, regionsPage, rollupPage } from './pages/regions.ts';
import { reportPage, versionPage } from './pages/report.ts';
import { reportEditPage } from './pages/report-edit.ts';
import { mayAuthor } from '../store/report-authors.ts';
import { parseListQuery, reportListPage } from './pages/reports.ts';
import { regionStatusPage } from './pages/region-status.ts';
import { regionRankingPage } from './pages/region-ranking.ts';
import { todayIso } from '../store/region-status.ts';

/**
 * The web pages: server-rendered HTML (Chinese UI) over the same store the API
 * uses, with small plain scripts for interactions; every change a page makes
 * goes through the JSON API under /api. Mount next to the API:
 *
 *   const app = createApp(store);
 *   app.route('/', webRoutes(store));
 */

/** The API's upload limits (the same names as createApp's options): the import page sizes its requests to them. */
export interface WebOptions {
  /** Bytes of one upload request (default 200 MB). */
  maxUploadBytes?: number;
  /** Files in one upload request (default 500). */
  maxUploadFiles?: number;
  /** Today as YYYY-MM-DD, for deadlines (default: the server's clock). */
  today?: () => string;
}

class PageError extends Error {
  constructor(readonly status: 400 | 403 | 404, message: string) {
    super(message);
  }
}

const id = (c: Context, name = 'id'): number => {
  const v = c.req.param(name) ?? '';
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new PageError(404, `没有这个页面：${c.req.path}`);
  return Number(v);
};

const yearParam = (v: string | undefined): number | undefined => (v && /^\d{4}$/.test(v) && Number(v) >= 1990 && Number(v) <= 2100 ? Number(v) : undefined);

/** The logged-in user of a page (the server sends anyone else to /login first). */
function authOf(c: Context, roles?: readonly Auth['user']['role'][]): Auth {
  const auth = c.get('auth');
  if (!auth) throw new PageError(403, '请先登录');
  if (roles && !roles.includes(auth.user.role)) throw new PageError(403, '您的账户没有查看这个页面的权限');
  return auth;
}

const WRITERS = ['admin', 'supervisor', 'clerk'] as const;

function respond(c: Context, body: string, status: 200 | 400 | 403 | 404 | 500 = 200): Response {
  return c.body(body, status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': 'no-store',
  });
}

function errorPage(status: number, message: string): string {
  const title = status === 404 ? '没有找到' : status === 500 ? '出错了' : status === 403 ? '没有权限' : '请求有误';
  return page({ title }, html`<div class="page-head"><h1>${title}</h1><p class="lead">${message}</p><p><a class="btn" href="/reports">返回报告列表</a></p></div>`);
}

/** The page for an address that does not exist (the API answers JSON instead). */
export function notFoundPage(path: string): string {
  return errorPage(404, `没有这个页面：${path}`);
}

export function webRoutes(store: Store, options: WebOptions = {}): Hono {
  const web = new Hono();

  web.onError((err, c) => {
    if (err instanceof PageError) return respond(c, errorPage(err.status, err.message), err.status);
    if (err instanceof StoreError) {
      const status = err.code === 'not-found' ? 404 : err.code === 'forbidden' ? 403 : 400;
      return respond(c, errorPage(status, err.message), status);
    }
    console.error(err);
    return respond(c, errorPage(500, '服务器内部错误，请稍后再试；如果一再出现，请把时间和操作告诉管理员。'), 500);
  });

  web.get('/static/:name', (c) => {
    const a = ASSETS.get(c.req.param('name'));
    if (!a) return c.text('没有这个文件', 404);
    const etag = `"${a.hash}"`;
    const headers = { 'Content-Type': a.type, ETag: etag, 'Cache-Control': c.req.query('v') === a.hash ? 'public, max-age=31536000, immutable' : 'no-cache' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(a.body), 200, headers);
  });

  web.get('/', (c) => c.redirect('/reports'));

  web.get('/login', (c) => {
    const next = c.req.query('next');
    if (c.get('auth')) return c.redirect(safeNext(next), 303);
    return respond(c, loginPage(next));
  });
  web.get('/account', async (c) => respond(c, await accountPage(store, authOf(c))));
  web.get('/users', async (c) => respond(c, await usersPage(store, authOf(c, ['admin']))));
  web.get('/audit', async (c) => {
    const auth = authOf(c);
    // Like the API: the page does not exist for roles that may not see the log.
    if (auth.user.role !== 'admin' && auth.user.role !== 'supervisor') throw new PageError(404, `没有这个页面：${c.req.path}`);
    return respond(c, await auditPage(store, auth, parseAuditQuery(c.req.query())));
  });

  web.get('/reports', async (c) => respond(c, await reportListPage(store, authOf(c), parseListQuery(c.req.query()))));
  web.get('/reports/:id', async (c) => {
    const auth = authOf(c);
    await requireReport(store.db, auth.scope, id(c));
    const saved = Number(c.req.query('saved'));
    return respond(c, await reportPage(store, auth, id(c), { saved: Number.isInteger(saved) && saved > 1 ? saved : undefined }));
  });
  web.get('/reports/:id/edit', async (c) => {
    const auth = authOf(c);
    if (!(await mayAuthor(store.db, { role: auth.user.role, scope: auth.scope }, id(c)))) throw new PageError(403, '您的账户没有查看这个页面的权限');
    await requireReport(store.db, auth.scope, id(c));
    return respond(c, await reportEditPage(store, auth, id(c)));
  });
  web.get('/reports/:id/versions/:version', async (c) => {
    const auth = authOf(c);
    await requireReport(store.db, auth.scope, id(c));
    return respond(c, await versionPage(store, auth, id(c), id(c, 'version')));
  });

  web.get('/import', async (c) => respond(c, await importPage(store, authOf(c, WRITERS), { maxUploadBytes: options.maxUploadBytes ?? 200 * 1024 * 1024, maxUploadFiles: options.maxUploadFiles ?? 500 })));
  web.get('/jobs', (c) => respond(c, jobsPage(authOf(c, WRITERS))));
  web.get('/imports/:id', async (c) => respond(c, await importBatchPage(store, authOf(c, WRITERS), id(c))));

  web.get('/regions', async (c) => respond(c, await regionsPage(store, authOf(c))));
  web.get('/regions/:id', async (c) => {
    const auth = authOf(c);
    const rid = id(c);
    await requireRegion(store.db, auth.scope, rid);
    return respond(c, await regionPage(store, auth, rid, yearParam(c.req.query('year')) ?? (await defaultYear(store, rid))));
  });
  web.get('/regions/:id/rollup', async (c) => {
    const auth = authOf(c);
    const rid = id(c);
    await requireRegion(store.db, auth.scope, rid);
    return respond(c, await rollupPage(store, auth, rid, yearParam(c.req.query('year')) ?? (await defaultYear(store, rid))));
  });
  web.get('/regions/:id/status', async (c) => {
    const auth = authOf(c);
    const rid = id(c);
    await requireRegion(store.db, auth.scope, rid);
    const today = options.today ?? (() => todayIso());
    return respond(c, await regionStatusPage(store, auth, rid, yearParam(c.req.query('year')) ?? (await defaultYear(store, rid)), today()));
  });
  web.get('/regions/:id/ranking', async (c) => {
    const auth = authOf(c);
    const rid = id(c);
    await requireRegion(store.db, auth.scope, rid);
    const today = options.today ?? (() => todayIso());
    return respond(c, await regionRankingPage(store, auth, rid, yearParam(c.req.query('year')) ?? (await defaultYear(store, rid)), today()));
  });

  web.get('/agencies', async (c) => {
    const q = c.req.query();
    const regionId = q.regionId && /^\d{1,9}$/.test(q.regionId) ? Number(q.regionId) : undefined;
    return respond(c, await agencyListPage(store, authOf(c), { regionId, q: q.q?.trim().slice(0, 100) || undefined, unassigned: q.unassigned === '1' }));
  });
  web.get('/agencies/:id', async (c) => {
    const auth = authOf(c);
    await requireAgency(store.db, auth.scope, id(c));
    return respond(c, await agencyPage(store, auth, id(c), { from: c.req.query('from'), to: c.req.query('to') }));
  });
  web.get('/agencies/:id/ledger', async (c) => {
    const auth = authOf(c);
    await requireAgency(store.db, auth.scope, id(c));
    const today = (options.today ?? (() => todayIso()))();
    return respond(c, await ledgerPage(store, auth, id(c), yearParam(c.req.query('year')) ?? Number(today.slice(0, 4))));
  });

  return web;
}
