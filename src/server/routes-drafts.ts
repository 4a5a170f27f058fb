import type { Context } from 'hono';
import type { ExtractedReport } from '../extract/index.ts';
import { contentOf } from '../ingest/authoring-content.ts';
import { cellList } from '../schema/cells.ts';
import { checkContent, saveContent } from '../store/content.ts';
import type { Store } from '../store/db.ts';
import { createDraft } from '../store/drafts.ts';
import { requireAgency, requireReport } from '../store/scope.ts';
import { locatedPaths } from '../web/grid.ts';
import { ApiError, type Api } from './api.ts';
import { actorOf } from './auth/actor.ts';
import { authOf } from './auth/scope.ts';
import * as S from './schemas.ts';
import * as D from './schemas-drafts.ts';

const WRITE_MESSAGE = '只有本机关的填报人员（或管理员）可以新建和编写报告';

/** 新建报告 and writing it in the browser: only the agency's clerks (and admins) write; others 403, outside the scope 404. */
export function draftRoutes(api: Api, store: Store): void {
  const db = store.db;

  function writer(c: Context) {
    const auth = authOf(c);
    if (auth.user.role !== 'clerk' && auth.user.role !== 'admin') throw new ApiError(403, 'forbidden', WRITE_MESSAGE);
    return auth;
  }

  async function contentAnswer(id: number) {
    const row = await db.selectFrom('reports').select(['id', 'data', 'version', 'status', 'template', 'year']).where('id', '=', id).executeTakeFirstOrThrow();
    if ((row.template !== '2019' && row.template !== '2021') || row.year === null) {
      throw new ApiError(409, 'conflict', `报告 ${id} 是 2019 年以前的格式或没有年度，不能在网页中编写`);
    }
    const report = JSON.parse(row.data) as ExtractedReport & { template: '2019' | '2021'; year: number };
    return { id: row.id, version: row.version, status: row.status, content: contentOf(report) };
  }

  api.route(
    { method: 'post', access: 'write', path: '/api/drafts', tag: '编写', summary: '新建报告：某机关某年度的草稿，按库中该机关上一年度的报告预填承接的数字（申请结转、存量件数、事项数）、机关信息和前言',
      description: `年度决定格式（2019–2020 年度为 2019 格式，2021 年度起为 2021 格式）。该机关该年度已有报告时 409，details.reportId 为已有报告的编号。${WRITE_MESSAGE}，其他角色 403，数据范围外的机关 404。记入审计日志（report.draft）。`,
      body: D.DraftBody, status: 201, response: D.DraftAnswer, errors: [403] },
    async (c, { body }) => {
      const auth = writer(c);
      await requireAgency(db, auth.scope, body.agencyId);
      const draft = await createDraft(store, body, auth.user.username, actorOf(c));
      return { ...(await contentAnswer(draft.id)), previousReportId: draft.previousReportId, carried: draft.carried };
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/content', tag: '编写', summary: '报告的编写内容（键同填写文件的英文键）、当前版本号和报送状态', params: S.IdParams, response: D.ContentAnswer },
    async (c, { params }) => {
      await requireReport(db, authOf(c).scope, params.id);
      return contentAnswer(params.id);
    },
  );

  api.route(
    { method: 'put', access: 'write', path: '/api/reports/:id/content', tag: '编写', summary: '保存编写的报告内容（全部单元格、六个部分、前言、落款日期）为新版本，并立即重新核查',
      description: '内容按填写文件的规则严格读取：未知的键、行的数字个数不对、非整数或负数的件数等，400 并逐条说明。只有“草稿”和“退回修改”的报告可以保存，否则 409；' +
        `baseVersion 与当前版本不同时 409。内容与已保存的相同时不产生新版本（changed 为 false）。${WRITE_MESSAGE}，其他角色 403，数据范围外 404。记入审计日志（report.edit）。`,
      params: S.IdParams, body: D.ContentBody, response: D.SavedAnswer, errors: [403] },
    async (c, { params, body }) => {
      const auth = writer(c);
      await requireReport(db, auth.scope, params.id);
      const saved = await saveContent(store, params.id, body, auth.user.username, actorOf(c));
      const r = await db.selectFrom('reports').select(['status', 'errors', 'warnings', 'infos']).where('id', '=', params.id).executeTakeFirstOrThrow();
      return { ...saved, ...r };
    },
  );

  api.route(
    { method: 'post', access: 'write', path: '/api/reports/:id/content/check', tag: '编写', summary: '核查尚未保存的报告内容（编写页面边写边查），不保存任何东西；每条结果附其涉及的单元格',
      params: S.IdParams, body: D.CheckBody, response: D.CheckAnswer, errors: [403] },
    async (c, { params, body }) => {
      const auth = writer(c);
      await requireReport(db, auth.scope, params.id);
      const { template, findings } = await checkContent(store, params.id, body.content);
      const paths = template === 'legacy' ? [] : cellList(template).map((x) => x.path);
      const known = new Set(paths);
      return { findings: findings.map((f) => ({ ...f, paths: f.cells?.length ? f.cells.filter((p) => known.has(p)) : locatedPaths(f.location, paths) })) };
    },
  );
}
