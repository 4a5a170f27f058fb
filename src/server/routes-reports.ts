import type { Context } from 'hono';
import { z } from 'zod';
import { correctReport, listVersions, reportAtVersion, revertReport } from '../store/corrections.ts';
import type { Store } from '../store/db.ts';
import { STATUS_LABEL } from '../store/workflow-steps.ts';
import { isDismissed, setTriage, TRIAGE_LABEL, type TriagedFinding } from '../store/triage.ts';
import { deleteReport, getFindings, getOriginal, getReport, listReports, reportData, reportSummary, type ReportFilter, type ReportSummary } from '../store/reports.ts';
import { ApiError, type Api } from './api.ts';
import { actorOf } from './auth/actor.ts';
import { authOf, scopeOfRequest, versionOfRequest } from './auth/scope.ts';
import { requireReport, type DataScope } from '../store/scope.ts';
import type { AnswerCache } from './cache.ts';
import { fileResponse, localTime, originalType, renderReport, renderReports, SANDBOX_CSP, sheet, tabular } from './export.ts';
import { pdfPagePng } from './page-images.ts';
import * as S from './schemas.ts';

const SEVERITY_LABEL: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
/** Most reports one XLSX export holds (three sheets each); CSV has no such limit. */
const MAX_XLSX_REPORTS = 200;
const MAX_EXPORT_ROWS = 100_000;

const reportColumns = sheetColumns<ReportSummary>([
  ['编号', (r) => r.id], ['机关', (r) => r.agency], ['区域', (r) => r.regionPath.join('/')], ['年度', (r) => r.year], ['格式', (r) => r.template],
  ['错误', (r) => r.errors], ['警告', (r) => r.warnings], ['提示', (r) => r.infos], ['版本', (r) => r.version], ['文件', (r) => r.fileName],
  ['导入时间', (r) => localTime(r.importedAt)], ['修改时间', (r) => localTime(r.updatedAt)], ['报送状态', (r) => STATUS_LABEL[r.status]], ['发布日期', (r) => r.publishedOn],
]);

export function sheetColumns<T>(list: [string, (row: T) => string | number | null | undefined][]) {
  return list.map(([label, value]) => ({ label, value }));
}

const findingColumns = sheetColumns<TriagedFinding>([
  ['规则', (f) => f.rule], ['严重程度', (f) => SEVERITY_LABEL[f.severity]], ['说明', (f) => f.message],
  ['位置', (f) => Object.values(f.location).join('.')], ['行号', (f) => f.span?.line], ['原文', (f) => f.span?.text],
  ['实际', (f) => f.actual], ['应为', (f) => f.expected], ['依据', (f) => f.basis],
  ['审核判断', (f) => (f.triage ? `${TRIAGE_LABEL[f.triage.status]}${f.triage.stale ? '（数值已修改，不再适用）' : ''}` : '')],
  ['理由', (f) => f.triage?.reason], ['审核意见', (f) => f.triage?.comment], ['审核人', (f) => f.triage?.by], ['审核时间', (f) => localTime(f.triage?.at)],
]);

function filterOf(q: Omit<ReportFilter, 'limit' | 'offset'> & { limit?: number; offset?: number }): ReportFilter {
  const { year, agencyId, agency, regionId, template, severity, importId, sort, order, limit, offset } = q;
  return { year, agencyId, agency, regionId, template, severity, importId, sort, order, limit, offset };
}

const baseName = (r: { id: number; agency: string | null; year: number | null }) => `${r.agency ?? '报告'}${r.year ?? ''}-${r.id}`;

export function reportRoutes(api: Api, store: Store, cache: AnswerCache): void {
  const db = store.db;

  api.route(
    { method: 'get', access: 'read', path: '/api/reports', tag: '报告', summary: '报告列表（可按年度、机关、区域、格式、严重程度筛选），含错误、警告数', query: S.ReportListQuery, response: S.ReportList,
      produces: { 'text/csv': 'format=csv', [XLSX]: 'format=xlsx' } },
    async (c, { query }) => {
      const scope = scopeOfRequest(c);
      if (query.format === 'json') {
        return cache.json(`list ${scopeKey(scope)} ${JSON.stringify(query)}`, async (version) => ({ ...(await listReports(db, { ...filterOf(query), scope }, version)), limit: query.limit, offset: query.offset }), versionOfRequest(c));
      }
      const { items } = await listReports(db, { ...filterOf(query), scope, limit: MAX_EXPORT_ROWS, offset: 0 });
      return tabular(query.format, '报告列表', [sheet('报告列表', reportColumns, items)]);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/data', tag: '报告', summary: '筛选出的报告的统计表数据：CSV（每格一行）或 XLSX（src/render 的格式）', query: S.DataExportQuery,
      produces: { 'text/csv': 'format=csv', [XLSX]: 'format=xlsx' } },
    async (c, { query }) => {
      const { items, total } = await listReports(db, { ...filterOf(query), scope: scopeOfRequest(c), limit: MAX_EXPORT_ROWS, offset: 0 });
      if (query.format === 'xlsx' && total > MAX_XLSX_REPORTS) {
        throw new ApiError(400, 'bad-request', `XLSX 一次最多导出 ${MAX_XLSX_REPORTS} 份报告（每份三张表），筛选结果有 ${total} 份；请缩小范围或改用 CSV`);
      }
      return renderReports(await reportData(db, items.map((r) => r.id)), query.format, '报告数据');
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id', tag: '报告', summary: '一份报告：数据（含出处）、核查结果、修改记录摘要和解码后的原文', params: S.IdParams, query: S.ReportQuery, response: S.ReportDetail },
    async (c, { params, query }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      return cache.json(`report ${params.id} ${query.text}`, (version) => getReport(db, params.id, { text: query.text === '1', seenVersion: version }), versionOfRequest(c));
    },
  );

  api.route(
    { method: 'delete', access: 'write', path: '/api/reports/:id', tag: '报告', summary: '删除报告（连同原件和版本）；同一机关其他年度的跨年度核查随之重算；记入审计日志（机关、年度、文件名和 sha256）', params: S.IdParams, status: 204 },
    async (c, { params }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      await deleteReport(store, params.id, actorOf(c));
      return null;
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/findings', tag: '报告', summary: '报告的核查结果', params: S.IdParams, query: S.FindingsQuery, response: z.array(S.Finding),
      produces: { 'text/csv': 'format=csv', [XLSX]: 'format=xlsx' } },
    async (c, { params, query }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      const findings = (await getFindings(db, params.id)).filter((f) => query.dismissed === '1' || !isDismissed(f));
      if (query.format === 'json') return findings;
      const r = await reportSummary(db, params.id);
      return tabular(query.format, `${baseName(r)}-核查结果`, [sheet('核查结果', findingColumns, findings)]);
    },
  );

  api.route(
    { method: 'put', access: 'manage', path: '/api/reports/:id/triage', tag: '报告',
      summary: '审核判断：把一条核查结果标为确认、误报（须写理由）或待定，可附审核意见；报告的错误、警告数随之只计未标为误报的',
      description: '判断按核查结果的 key 保存，重新核查后仍然有效，直到该结果涉及的单元格数值被修改（此后 triage.stale 为 true，结果重新计为未处理）。' +
        '只有管理员和本区域的政务公开办可以判断；记入审计日志。',
      params: S.IdParams, body: S.TriageBody, response: S.Finding },
    async (c, { params, body }) => {
      const auth = authOf(c);
      await requireReport(db, auth.scope, params.id);
      return setTriage(store, params.id, body, { id: auth.user.id, username: auth.user.username }, actorOf(c));
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/original', tag: '报告', summary: '原始文件（导入时的字节）。文字类原件按纯文本返回，不作为网页执行',
      params: S.IdParams, query: S.OriginalQuery, produces: { 'application/octet-stream': '原件' } },
    async (c, { params, query }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      const o = await getOriginal(db, params.id);
      const name = o.fileName.split('/').pop() || `report-${params.id}`;
      return fileResponse(o.bytes, originalType(o.format, o.bytes, o.encoding), name, query.inline === '1' ? 'inline' : 'attachment', {
        'Content-Security-Policy': SANDBOX_CSP,
      });
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/pages/:n{[0-9]+\\.png}', docPath: '/api/reports/{id}/pages/{n}.png', tag: '报告',
      summary: '原件的一页（PNG）：PDF 用 pdftoppm 按 dpi 绘制；图片原件只有第 1 页，即原图。出处的 box 乘 dpi/72 即为 PDF 页面图像上的像素位置（图片为 1:1）',
      description: '只有 PDF 和图片原件有页面图像，其他格式返回 404；页码超出范围返回 404；本机没有 pdftoppm（Debian 软件包 poppler-utils）时返回 501。',
      params: S.PageParams, query: S.PageQuery, produces: { 'image/png': '页面图像（图片原件为其原本的类型）' }, errors: [501] },
    async (c, { params, query }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      const o = await getOriginal(db, params.id);
      if (params.n < 1) throw new ApiError(404, 'not-found', '页码从 1 起，没有第 0 页');
      const headers = { 'Cache-Control': 'private, max-age=3600', 'Content-Security-Policy': SANDBOX_CSP };
      if (o.format === 'image') {
        if (params.n !== 1) throw new ApiError(404, 'not-found', `图片原件只有 1 页，没有第 ${params.n} 页`);
        return new Response(new Uint8Array(o.bytes), { headers: { 'Content-Type': originalType(o.format, o.bytes, o.encoding), ...headers } });
      }
      if (o.format !== 'pdf') throw new ApiError(404, 'not-found', `报告 ${params.id} 的原件是${o.format}文件，没有页面图像（只有 PDF 和图片原件有）`);
      const png = await pdfPagePng(o.bytes, params.n, query.dpi);
      return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png', ...headers } });
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/export', tag: '报告', summary: '按 src/render 的格式导出报告（当前版本）：html、txt、md、docx、pdf、xlsx、csv、json',
      params: S.IdParams, query: S.ExportQuery, produces: { 'application/octet-stream': '所选格式的文件' } },
    async (c, { params, query }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      const r = await getReport(db, params.id, { text: false });
      return renderReport(r.report, query.format, baseName(r));
    },
  );

  api.route(
    { method: 'post', access: 'write', path: '/api/reports/:id/corrections', tag: '修改', summary: '修改报告中的数字（或 meta 字段）：保存为新版本（修改人、时间、原值、新值、原因），并立即重新核查',
      description: '一次请求中的全部修改在一个事务中完成。baseVersion 与当前版本不同时返回 409。', params: S.IdParams, body: S.CorrectionBody, status: 201,
      response: S.Version.extend({ report: S.ReportSummary }) },
    async (c, { params, body }) => {
      const auth = authOf(c);
      await requireReport(db, auth.scope, params.id);
      const version = await correctReport(store, params.id, { ...body, author: auth.user.username }, actorOf(c));
      return { ...version, report: await reportSummary(db, params.id) };
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/versions', tag: '修改', summary: '报告的版本历史（第 1 版为导入时）', params: S.IdParams, response: z.array(S.Version) },
    async (c, { params }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      return listVersions(db, params.id);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/versions/:version', tag: '修改', summary: '报告在某一版本时的数据', params: S.VersionParams,
      response: { type: 'object', properties: { version: { type: 'object' }, report: { type: 'object' } } } },
    async (c, { params }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      return reportAtVersion(db, params.id, params.version);
    },
  );

  api.route(
    { method: 'post', access: 'write', path: '/api/reports/:id/revert', tag: '修改', summary: '恢复到某一版本：作为新版本保存（历史完整保留），并立即重新核查', params: S.IdParams, body: S.RevertBody,
      status: 201, response: S.Version.extend({ report: S.ReportSummary }) },
    async (c, { params, body }) => {
      const auth = authOf(c);
      await requireReport(db, auth.scope, params.id);
      const version = await revertReport(store, params.id, { ...body, author: auth.user.username }, actorOf(c));
      return { ...version, report: await reportSummary(db, params.id) };
    },
  );
}

/** The part of a cache key that keeps one scope's answers from another's. */
export const scopeKey = (s: DataScope): string => (s.kind === 'all' ? 'all' : s.kind === 'agency' ? `agency:${s.agencyId}` : `regions:${s.rootId}`);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type { Context };
