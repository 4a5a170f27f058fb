import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';
import type { ExtractedReport } from '../extract/index.ts';
import { contentOf } from '../ingest/authoring-content.ts';
import { cellList } from '../schema/cells.ts';
import { checkContent, saveContent } from '../store/content.ts';
import type { Store } from '../store/db.ts';
import { createDraft } from '../store/drafts.ts';
import { createDraftFromFile } from '../store/draft-file.ts';
import { mayAuthor } from '../store/report-authors.ts';
import { requireAgency, requireReport } from '../store/scope.ts';
import { locatedPaths } from '../web/grid.ts';
import { ApiError, type Api } from './api.ts';
import { actorOf } from './auth/actor.ts';
import { authOf } from './auth/scope.ts';
import { withUpload } from './multipart.ts';
import * as S from './schemas.ts';
import * as D from './schemas-drafts.ts';

const WRITE_MESSAGE = '只有本机关的填报人员（或管理员）可以新建和编写报告；区域的汇总报告也可由本区域的政务公开办编写';

/** 新建报告 and writing it in the browser: only the agency's clerks (and admins) write; others 403, outside the scope 404. */
export function draftRoutes(api: Api, store: Store, limits: { maxFileBytes: number; maxDraftUploadBytes: number }): void {
  const db = store.db;

  function writer(c: Context) {
    const auth = authOf(c);
    if (auth.user.role !== 'clerk' && auth.user.role !== 'admin') throw new ApiError(403, 'forbidden', WRITE_MESSAGE);
    return auth;
  }

  /** The writer of this report: a supervisor only of the summary draft of a region in their scope (the same 403 otherwise, telling nothing). */
  async function reportWriter(c: Context, id: number) {
    const auth = authOf(c);
    if (!(await mayAuthor(db, { role: auth.user.role, scope: auth.scope }, id))) throw new ApiError(403, 'forbidden', WRITE_MESSAGE);
    await requireReport(db, auth.scope, id);
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
    { method: 'post', access: 'write', path: '/api/drafts/upload', tag: '编写', summary: '从文件新建报告：上传填写文件（YAML，或用其中文键的 JSON）、报告数据（JSON）或报告文件（Word、PDF、网页……），作为该机关的草稿继续编写',
      description: `文件中的机关须是所选机关（或未写明）；年度取自文件，该机关该年度已有报告时 409（details.reportId）。文件读不出或有错时 400，逐条说明。${WRITE_MESSAGE}，其他角色 403，数据范围外的机关 404。`,
      upload: { fields: { agencyId: { description: '机关编号' }, file: { description: '一个文件', file: true } } }, status: 201, response: D.DraftAnswer, errors: [403, 413, 415] },
    async (c) => {
      const auth = writer(c);
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) throw new ApiError(415, 'unsupported-media-type', '请以 multipart/form-data 上传（字段 agencyId 和 file）');
      const maxFile = { bytes: limits.maxFileBytes, message: `文件过大（最多 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB）` };
      const draft = await withUpload(c, { maxBytes: limits.maxDraftUploadBytes, maxFile, fileFields: ['file'] }, async ({ fields, files }) => {
        const agencyId = Number(fields.agencyId);
        const file = files.at(-1);
        if (!Number.isInteger(agencyId) || agencyId < 1) throw new ApiError(400, 'bad-request', '缺少机关编号（字段 agencyId）');
        if (!file) throw new ApiError(400, 'bad-request', '没有收到文件（字段 file）');
        await requireAgency(db, auth.scope, agencyId);
        return createDraftFromFile(store, { agencyId, name: file.name || 'upload', bytes: await readFile(file.path) }, auth.user.username, actorOf(c));
      });
      return { ...(await contentAnswer(draft.id)), previousReportId: null, carried: [] };
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
      const auth = await reportWriter(c, params.id);
      const saved = await saveContent(store, params.id, body, auth.user.username, actorOf(c));
      const r = await db.selectFrom('reports').select(['status', 'errors', 'warnings', 'infos']).where('id', '=', params.id).executeTakeFirstOrThrow();
      return { ...saved, ...r };
    },
  );

  api.route(
    { method: 'post', access: 'write', path: '/api/reports/:id/content/check', tag: '编写', summary: '核查尚未保存的报告内容（编写页面边写边查），不保存任何东西；每条结果附其涉及的单元格',
      params: S.IdParams, body: D.CheckBody, response: D.CheckAnswer, errors: [403] },
    async (c, { params, body }) => {
      await reportWriter(c, params.id);
      const { template, findings } = await checkContent(store, params.id, body.content);
      const paths = template === 'legacy' ? [] : cellList(template).map((x) => x.path);
      const known = new Set(paths);
      return { findings: findings.map((f) => ({ ...f, paths: f.cells?.length ? f.cells.filter((p) => known.has(p)) : locatedPaths(f.location, paths) })) };
    },
  );
}
