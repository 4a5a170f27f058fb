import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadRules } from '../check/engine.ts';
import type { Store } from '../store/db.ts';
import { DEFAULT_LIMITS } from '../store/import-files.ts';
import { DISTRIBUTION_LABELS, METRICS } from '../store/metrics.ts';
import { storeSummary } from '../store/reports.ts';
import { Api, ApiError, errorResponse } from './api.ts';
import { AnswerCache } from './cache.ts';
import { importRoutes } from './routes-imports.ts';
import { jobRoutes } from './routes-jobs.ts';
import { agencyRoutes, regionRoutes } from './routes-regions.ts';
import { reportRoutes } from './routes-reports.ts';
import * as S from './schemas.ts';
import { notFoundPage, webRoutes } from '../web/index.ts';
import { CSRF_HEADER, csrfRefused, csrfTokenOf, isStateChanging, sameOrigin, tokensEqual } from './auth/csrf.ts';
import { isMultipart, isStreamedUpload, requestTooLarge, uploadBodyLimit } from './multipart.ts';
import { scopeOfRequest } from './auth/scope.ts';
import { Sessions, type SessionOptions } from './auth/sessions.ts';
import { sessionRoutes } from './routes-session.ts';
import { requestAddress } from './auth/actor.ts';
import { auditRoutes } from './routes-audit.ts';
import { workflowRoutes } from './routes-workflow.ts';
import { rankingRoutes } from './routes-ranking.ts';
import { draftRoutes } from './routes-drafts.ts';
import { ledgerRoutes } from './routes-ledger.ts';
import { todayIso } from '../store/region-status.ts';
import { DEFAULT_RETENTION_YEARS } from '../store/ledger-retention.ts';

export interface AppOptions {
  /** Bytes of one upload request (all files together). Default 200 MB. */
  maxUploadBytes?: number;
  /** Files in one upload request. Default 500. */
  maxUploadFiles?: number;
  /** Files in one import after unpacking .zip archives. Default 2000. */
  maxFiles?: number;
  /** Bytes of one file. Default 50 MB. */
  maxFileBytes?: number;
  /** Bytes of a JSON request body. Default 1 MB. */
  maxJsonBytes?: number;
  /** Bytes of an agencies CSV file. Default 5 MB. */
  maxCsvBytes?: number;
  /** Bytes of a ledger .xlsx file. Default 10 MB (the workbook is read in memory). */
  maxLedgerBytes?: number;
  /** Keep answers of the read endpoints until the data changes (default true). */
  cache?: boolean;
  /** Session lifetimes and login rate limits. */
  sessions?: SessionOptions;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (its last entry). Default false. */
  trustProxy?: boolean;
  /** Today as YYYY-MM-DD, for deadlines (default: the server's clock; tests fix it). */
  today?: () => string;
  /** Years applicants' personal data is kept in the ledger after the year of the decision (default OGI_LEDGER_RETENTION_YEARS, else 5). */
  ledgerRetentionYears?: number;
}

const registries = new WeakMap<Hono, Api>();

/** The routes an app declares, each with its access rule (for tests and documents). */
export function routesOf(app: Hono): ReturnType<Api['routes']> {
  return registries.get(app)?.routes() ?? [];
}

/** API paths answered without a session: the health check and logging in. */
const PUBLIC_API = new Set(['/api/health', '/api/session']);
/** Pages shown without a session: the login page and the static files it needs. */
const isPublicPage = (path: string) => path === '/login' || path.startsWith('/static/');

const MB = 1024 * 1024;

/** OGI_LEDGER_RETENTION_YEARS: a whole number of years ≥ 1; anything else stops the server with a clear message. */
function retentionYearsFromEnv(): number {
  const raw = process.env.OGI_LEDGER_RETENTION_YEARS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_YEARS;
  const years = Number(raw);
  if (!Number.isInteger(years) || years < 1 || years > 100) throw new Error(`环境变量 OGI_LEDGER_RETENTION_YEARS 应为 1—100 的整数（年），收到“${raw}”`);
  return years;
}

/** The HTTP API over a store (tests call `app.request()` without a socket). */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const fileBytes = options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const ledgerBytes = options.maxLedgerBytes ?? 10 * MB;
  const limits = {
    maxUploadBytes: options.maxUploadBytes ?? 200 * MB,
    maxUploadFiles: options.maxUploadFiles ?? 500,
    maxFiles: options.maxFiles ?? DEFAULT_LIMITS.maxFiles,
    maxFileBytes: fileBytes,
    maxDraftUploadBytes: fileBytes + MB,
    maxUnpackedBytes: DEFAULT_LIMITS.maxUnpackedBytes,
    batchBytes: DEFAULT_LIMITS.batchBytes,
    maxJsonBytes: options.maxJsonBytes ?? MB,
    maxCsvBytes: options.maxCsvBytes ?? 5 * MB,
    maxLedgerBytes: ledgerBytes,
    maxLedgerUploadBytes: ledgerBytes + MB,
  };
  const app = new Hono();

  app.onError((err, c) => errorResponse(c, err));
  app.use('*', async (c, next) => {
    c.set('clientAddress', requestAddress(c, options.trustProxy === true));
    await next();
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? errorResponse(c, new ApiError(404, 'not-found', `没有这个地址：${c.req.method} ${c.req.path}`))
      : c.html(notFoundPage(c.req.path), 404),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('X-Frame-Options')) c.header('X-Frame-Options', 'DENY');
  });
  app.use('/api/drafts/upload', uploadBodyLimit(limits.maxDraftUploadBytes));
  app.use('/api/imports', uploadBodyLimit(limits.maxUploadBytes));
  app.use('/api/agencies/import', uploadBodyLimit(limits.maxCsvBytes));
  app.use('/api/agencies/:id/ledger/import', uploadBodyLimit(limits.maxLedgerUploadBytes));
  const sessions = new Sessions(store, options.sessions);
  app.use('*', async (c, next) => {
    const path = c.req.path;
    const api = path.startsWith('/api/');
    if (isStateChanging(c.req.method) && !sameOrigin(c)) {
      throw new ApiError(403, 'forbidden-origin', '请求来源不是本站（Origin 或 Referer 与本站地址不符），已拒绝；请从本站页面操作');
    }
    if (!api && path.startsWith('/static/')) return next();
    const auth = await sessions.resolve(c);
    if (auth) c.set('auth', auth);
    if (auth && isStateChanging(c.req.method) && !(path === '/api/session' && c.req.method === 'POST')) {
      // An upload read as a stream carries its token in the form: withUpload checks it before the route uses anything.
      if (isStreamedUpload(path) && isMultipart(c) && !c.req.header(CSRF_HEADER)) c.set('csrfInForm', auth.csrfToken);
      else if (!tokensEqual(await csrfTokenOf(c), auth.csrfToken)) throw csrfRefused();
    }
    if (auth || (api ? PUBLIC_API.has(path) : isPublicPage(path))) return next();
    if (api) throw new ApiError(401, 'unauthorized', '请先登录');
    const target = path + new URL(c.req.url).search;
    return c.redirect(`/login?next=${encodeURIComponent(target)}`, 303);
  });
  app.use('/api/*', async (c, next) => {
    if (isStreamedUpload(c.req.path) || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return bodyLimit({ maxSize: limits.maxJsonBytes, onError: () => { throw requestTooLarge(limits.maxJsonBytes); } })(c, next);
  });


  const api = new Api(app);
  registries.set(app, api);
  const cache = new AnswerCache(store, 64 * MB, options.cache !== false);
  api.route({ method: 'get', access: 'public', path: '/api/health', tag: '概况', summary: '服务状态', response: { type: 'object' } }, () => ({ ok: true, database: store.dialect }));
  api.route(
    { method: 'get', access: 'read', path: '/api/summary', tag: '概况', summary: '概况：报告、机关、区域数，已有年度和格式，有错误或警告的报告数（您的数据范围内）', response: S.Summary },
    (c) => storeSummary(store.db, scopeOfRequest(c)),
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/definitions', tag: '概况', summary: '指标定义（收到申请数、办理结果分布、公开率、纠错率）', response: S.Definitions },
    () => ({ ...METRICS, distributionLabels: DISTRIBUTION_LABELS }),
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/rules', tag: '概况', summary: '全部核查规则（编号、名称、严重程度、适用格式、说明、依据）', response: S.RuleList },
    async () => (await loadRules()).map((r) => ({
      id: r.meta.id, name: r.meta.name, severity: r.meta.severity, templates: [...r.meta.templates], scope: r.meta.scope, description: r.meta.description, basis: r.meta.basis,
    })),
  );

  sessionRoutes(api, store, sessions);
  importRoutes(api, store, { ...limits, maxUploadFiles: limits.maxUploadFiles });
  reportRoutes(api, store, cache);
  regionRoutes(api, store, cache);
  agencyRoutes(api, store, cache, { csvBytes: limits.maxCsvBytes });
  auditRoutes(api, store);
  jobRoutes(api, store);
  const today = options.today ?? (() => todayIso());
  workflowRoutes(api, store, today);
  rankingRoutes(api, store, today);
  draftRoutes(api, store, limits);
  ledgerRoutes(api, store, today, options.ledgerRetentionYears ?? retentionYearsFromEnv(), { fileBytes: limits.maxLedgerBytes, requestBytes: limits.maxLedgerUploadBytes });

  let doc: unknown = null;
  api.route({ method: 'get', access: 'read', path: '/api/openapi.json', tag: '概况', summary: '本 API 的 OpenAPI 3.0 说明', response: { type: 'object' } }, (c) => {
    doc ??= api.openapi({
      title: 'ogi API',
      version: '0.1.0',
      description:
        '政府信息公开工作年度报告：导入、核查、修改、区域汇总与排名、导出。JSON over HTTP；错误为 {"error":{"status","code","message"}}，message 为中文。' +
        '报告内容来自外部文件，是不可信的输入：API 原样返回数据，页面显示时必须转义。' +
        '除 /api/health 和 /api/session 外都须登录（POST /api/session 设置 Cookie ogi_session）；未登录 401，角色不允许 403，数据范围外的报告、机关、区域 404。' +
        '修改类请求（POST、PUT、PATCH、DELETE）的 Origin（或 Referer）须为本站，并在 X-CSRF-Token 头中带上登录应答的 csrfToken，否则 403。',
    });
    return c.json(doc as Record<string, unknown>);
  });

  // The pages (server-rendered; every change they make goes through the API above).
  app.route('/', webRoutes(store, { today, maxUploadBytes: limits.maxUploadBytes, maxUploadFiles: limits.maxUploadFiles }));
  return app;
}
