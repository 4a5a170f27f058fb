import type { Context } from 'hono';
import type { Store } from '../store/db.ts';
import { ISSUER_LABEL_PLAIN, STATUS_OR_MISSING_LABEL } from '../store/region-status-labels.ts';
import { regionStatus, type AgencyStatus } from '../store/region-status.ts';
import { mayAuthor } from '../store/report-authors.ts';
import { requireRegion, requireReport } from '../store/scope.ts';
import { acceptReport, listWorkflow, publishReport, returnReport, submitReport, type WorkflowRecord } from '../store/workflow.ts';
import { forbiddenStepMessage, roleMayTake, STATUS_LABEL, STEP_RULES, type WorkflowStep } from '../store/workflow-steps.ts';
import { ApiError, type Api } from './api.ts';
import { actorOf } from './auth/actor.ts';
import { authOf, scopeOfRequest } from './auth/scope.ts';
import { sheet, tabular, XLSX_TYPE } from './export.ts';
import { sheetColumns } from './routes-reports.ts';
import * as S from './schemas.ts';
import * as W from './schemas-workflow.ts';

const statusColumns = sheetColumns<AgencyStatus>([
  ['机关', (r) => r.agency], ['区域', (r) => r.regionPath.join('/')], ['机关类型', (r) => ISSUER_LABEL_PLAIN[r.issuerType] ?? r.issuerType],
  ['状态', (r) => STATUS_OR_MISSING_LABEL[r.status]], ['报告编号', (r) => r.reportId], ['发布期限', (r) => r.deadline], ['期限依据', (r) => r.deadlineSource],
  ['逾期', (r) => (r.overdue ? '逾期' : '')], ['发布日期', (r) => r.publishedOn], ['逾期发布', (r) => (r.late ? '是' : '')], ['发布网址', (r) => r.publishedUrl],
]);

/** The reporting workflow (submit, return, accept, publish, history) and the supervisor's status list. */
export function workflowRoutes(api: Api, store: Store, today: () => string): void {
  const db = store.db;

  /** The caller, allowed to take the step on this report: 403 for a role that may not, 404 outside the scope. */
  async function stepCaller(c: Context, id: number, step: WorkflowStep) {
    const auth = authOf(c);
    // A region's supervisors also submit the region's summary draft they write (src/store/report-authors.ts).
    const summaryAuthor = step === 'submit' && auth.user.role === 'supervisor' && (await mayAuthor(db, { role: auth.user.role, scope: auth.scope }, id));
    if (!roleMayTake(auth.user.role, step) && !summaryAuthor) throw new ApiError(403, 'forbidden', forbiddenStepMessage(step));
    await requireReport(db, auth.scope, id);
    return { user: { id: auth.user.id, username: auth.user.username }, actor: actorOf(c) };
  }
  const answer = (r: WorkflowRecord) => ({ status: r.to, step: r });
  const description = (step: WorkflowStep) => {
    const rule = STEP_RULES[step];
    return `只能从${rule.from.map((x) => STATUS_LABEL[x]).join('、')}状态进行，否则 409；${forbiddenStepMessage(step)}，其他角色 403，数据范围外 404。记入审计日志（report.${step}）。`;
  };

  api.route(
    { method: 'post', access: 'write', path: '/api/reports/:id/submit', tag: '报送', summary: '报送（或退回修改后再次报送）报告给机关所在区域的政务公开办',
      description: description('submit'), params: S.IdParams, response: W.StepAnswer, errors: [403] },
    async (c, { params }) => {
      const { user, actor } = await stepCaller(c, params.id, 'submit');
      return answer(await submitReport(store, params.id, user, actor));
    },
  );
  api.route(
    { method: 'post', access: 'manage', path: '/api/reports/:id/return', tag: '报送', summary: '退回修改：附意见，可指明涉及的单元格和核查结果',
      description: description('return'), params: S.IdParams, body: W.ReturnBody, response: W.StepAnswer },
    async (c, { params, body }) => {
      const { user, actor } = await stepCaller(c, params.id, 'return');
      return answer(await returnReport(store, params.id, body, user, actor));
    },
  );
  api.route(
    { method: 'post', access: 'manage', path: '/api/reports/:id/accept', tag: '报送', summary: '审核通过已报送的报告',
      description: description('accept'), params: S.IdParams, response: W.StepAnswer },
    async (c, { params }) => {
      const { user, actor } = await stepCaller(c, params.id, 'accept');
      return answer(await acceptReport(store, params.id, user, actor));
    },
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/reports/:id/publish', tag: '报送', summary: '登记发布：发布网址和日期；日期写入报告的发布日期（新版本）并重新核查，发布期限按实际日期核对',
      description: description('publish'), params: S.IdParams, body: W.PublishBody, response: W.StepAnswer, errors: [403] },
    async (c, { params, body }) => {
      const { user, actor } = await stepCaller(c, params.id, 'publish');
      return answer(await publishReport(store, params.id, body, user, actor));
    },
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/reports/:id/workflow', tag: '报送', summary: '报告的报送与审核记录（最早的在前）：每一步的操作人、时间、意见',
      params: S.IdParams, response: { type: 'array', items: { type: 'object' } } },
    async (c, { params }) => {
      await requireReport(db, scopeOfRequest(c), params.id);
      return listWorkflow(db, params.id);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/status', tag: '报送',
      summary: '区域（含下级）某年度各机关的报送状态、适用的发布期限、是否逾期和发布日期（逾期的在前）；未报送的机关状态为 missing',
      params: S.IdParams, query: S.YearQuery, response: W.RegionStatus, produces: { 'text/csv': 'format=csv', [XLSX_TYPE]: 'format=xlsx' } },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      const s = await regionStatus(db, params.id, query.year, store.checkConfig, today());
      if (query.format === 'json') return s;
      return tabular(query.format, `${s.region.name}${s.year}年度报送状态`, [sheet('报送状态', statusColumns, s.items)]);
    },
  );
}
