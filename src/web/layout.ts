import { asset } from './assets.ts';
import { ROLE_LABELS, type Role } from '../store/users.ts';
import type { Auth } from './context.ts';
import { html, type Html, type Part } from './html.ts';

export type Section = 'reports' | 'import' | 'jobs' | 'regions' | 'agencies' | 'account' | 'users' | 'audit';

const NAV: readonly [Section, string, string, readonly Role[]][] = [
  ['reports', '/reports', '报告核查', ['admin', 'supervisor', 'clerk', 'viewer']],
  ['import', '/import', '导入', ['admin', 'supervisor', 'clerk']],
  ['jobs', '/jobs', '任务中心', ['admin', 'supervisor', 'clerk']],
  ['regions', '/regions', '区域汇总', ['admin', 'supervisor', 'viewer']],
  ['agencies', '/agencies', '机关', ['admin', 'supervisor', 'clerk', 'viewer']],
  ['users', '/users', '用户', ['admin']],
  ['audit', '/audit', '审计日志', ['admin', 'supervisor']],
];

export interface PageOptions {
  title: string;
  section?: Section;
  /** Script files of src/web/static to load after common.js. */
  scripts?: string[];
  /** A class on <body> (e.g. a full-height layout). */
  bodyClass?: string;
  /** Breadcrumb links above the page title: [label, href?]. */
  crumbs?: [string, string?][];
  /** Who is logged in: the header shows them and the pages' scripts send their CSRF token. None on the login page. */
  auth?: Auth;
}

/** The page shell: header with navigation, the content, the scripts. */
export function page(options: PageOptions, content: Part): string {
  const crumbs = options.crumbs?.length
    ? html`<nav class="crumbs" aria-label="位置">${options.crumbs.map(([label, href], i) => html`${i ? html`<span class="sep">›</span>` : ''}${href ? html`<a href="${href}">${label}</a>` : html`<span>${label}</span>`}`)}</nav>`
    : '';
  const doc: Html = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ogi</title>
<link rel="icon" href="data:,">
${options.auth ? html`<meta name="csrf-token" content="${options.auth.csrfToken}">
` : ''}<link rel="stylesheet" href="${asset('app.css')}">
</head>
<body class="${[options.bodyClass, options.auth ? `role-${options.auth.user.role}` : ''].filter(Boolean).join(' ')}">
<header class="top">
<a class="brand" href="/reports"><strong>ogi</strong><span>政府信息公开工作年度报告 · 汇总核查</span></a>
${options.auth ? html`<nav class="main-nav" aria-label="主导航">${NAV.filter(([, , , roles]) => roles.includes(options.auth!.user.role)).map(([key, href, label]) => html`<a href="${href}"${key === options.section ? html` aria-current="page"` : ''}>${label}</a>`)}<a href="/api/openapi.json" class="api">API</a></nav>
<div class="account"><a href="/account" id="account-name"${options.section === 'account' ? html` aria-current="page"` : ''}>${options.auth.user.username}</a><span class="role">${ROLE_LABELS[options.auth.user.role]}</span><button type="button" class="btn btn-small" id="logout">退出登录</button></div>` : ''}
</header>
<main>
${crumbs}
<p id="flash-slot" class="flash" role="status" hidden></p>
${content}
</main>
<script src="${asset('common.js')}" defer></script>
${(options.scripts ?? []).map((s) => html`<script src="${asset(s)}" defer></script>\n`)}
</body>
</html>
`;
  return doc.value;
}

/** The Content-Security-Policy of the pages: only this site's scripts run; nothing is fetched from elsewhere. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** A row of export links: label, then [text, href] pairs. */
export function exportLinks(label: string, links: readonly [string, string][]): Html {
  return html`<div class="exports"><span class="exports-label">${label}</span>${links.map(([text, href]) => html`<a class="btn btn-small" href="${href}">${text}</a>`)}</div>`;
}

/** A severity badge with its count (zero counts are muted). */
export function countBadge(kind: 'error' | 'warning' | 'info', n: number, label: string): Html {
  return html`<span class="badge badge-${kind}${n ? '' : ' zero'}" title="${label} ${n} 条">${label} ${n}</span>`;
}
