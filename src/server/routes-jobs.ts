import { z } from 'zod';
import type { Store } from '../store/db.ts';
import { enqueueRecheck } from '../store/job-recheck.ts';
import { cancelJob, ITEMS_LIMIT, jobDetail, jobResult, jobSummary, listJobs, MAX_ITEMS_LIMIT, retryJob } from '../store/jobs.ts';
import { OUTPUT_FORMATS } from '../render/formats.ts';
import { enqueueRender, enqueueRollup } from './job-exports.ts';
import type { Api } from './api.ts';
import { authOf } from './auth/scope.ts';
import { disposition } from './export.ts';
import { JOB_HANDLERS } from './jobs.ts';
import * as S from './schemas.ts';

const Counts = z.object({ pending: z.number(), imported: z.number(), duplicate: z.number(), failed: z.number(), done: z.number() });
const JobSummary = z.object({
  id: z.number(), kind: z.string().describe('import、recheck、rollup、render'), kindLabel: z.string(),
  status: z.string().describe('preparing（准备中）、queued（排队）、running（进行中）、done（完成）、failed（出错）、cancelled（已取消）'),
  author: z.string(), total: z.number().describe('项目数（文件或报告）'), counts: Counts.describe('各状态的项目数：pending 待处理'),
  importId: z.number().nullable(), error: z.string().nullable(), hasResult: z.boolean(), resultName: z.string().nullable(),
  createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
});
const JobItem = z.object({
  seq: z.number(), name: z.string(), status: z.string().describe('pending、imported、duplicate、failed、done'),
  reportId: z.number().nullable(), reason: z.string().nullable(), detail: z.record(z.string(), z.unknown()).nullable(),
});
const JobDetail = JobSummary.extend({
  itemsTotal: z.number().describe('项目总数'), offset: z.number(), limit: z.number(),
  items: z.array(JobItem).describe('从第 offset 项（0 起）起的至多 limit 项，按序号排列'),
});
const ItemsQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0).describe('从第几项起（0 起）'),
  limit: z.coerce.number().int().min(1).max(MAX_ITEMS_LIMIT).default(ITEMS_LIMIT).describe(`每页项数（1–${MAX_ITEMS_LIMIT}，默认 ${ITEMS_LIMIT}）`),
});

const NewJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recheck'), all: z.boolean().optional().describe('true：全部报告；默认只重做由旧版规则或旧版读取程序得出的报告') }),
  z.object({ kind: z.literal('rollup'), regionId: z.number().int().positive(), year: z.number().int().min(1990).max(2100), format: z.enum(['csv', 'xlsx']) }),
  z.object({ kind: z.literal('render'), reportIds: z.array(z.number().int().positive()).min(1).max(1000), format: z.enum(OUTPUT_FORMATS) }),
]);

const SCOPE = '本人的任务（管理员：全部任务）；其他人的任务 404。';

export function jobRoutes(api: Api, store: Store): void {
  const viewer = (c: Parameters<typeof authOf>[0]) => {
    const { user } = authOf(c);
    return { id: user.id, role: user.role };
  };

  api.route(
    { method: 'get', access: 'write', path: '/api/jobs', tag: '任务', summary: '后台任务（导入、重新核查、汇总导出、批量生成），最近的在前，各带进度', description: SCOPE, response: z.array(JobSummary) },
    (c) => listJobs(store, viewer(c)),
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/jobs', tag: '任务',
      summary: '新建后台任务：recheck（规则或读取程序升级后重新核查；未经修改的报告从原件重新读取）、rollup（区域某年度汇总导出为 CSV/Excel）、render（批量生成报告文件，打包为 .zip）；返回 202 和 Location',
      description: '只处理您数据范围内的报告和区域。生成的文件见 GET /api/jobs/{id}/result。', body: NewJob, status: 202, response: z.object({ jobId: z.number(), location: z.string() }) },
    async (c, { body }) => {
      const { user, scope } = authOf(c);
      const owner = { userId: user.id, author: user.username, scope };
      const jobId = body.kind === 'recheck' ? await enqueueRecheck(store, JOB_HANDLERS, owner, { all: body.all })
        : body.kind === 'rollup' ? await enqueueRollup(store, JOB_HANDLERS, owner, body)
          : await enqueueRender(store, JOB_HANDLERS, owner, body);
      return c.json({ jobId, location: `/api/jobs/${jobId}` }, 202, { Location: `/api/jobs/${jobId}` });
    },
  );
  api.route(
    { method: 'get', access: 'write', path: '/api/jobs/:id', tag: '任务', summary: '一个任务及其文件（或报告）的结果，分页：待处理、已导入、重复、失败（及原因）', description: `${SCOPE}各状态的项目数见 counts，项目总数见 itemsTotal。`,
      params: S.IdParams, query: ItemsQuery, response: JobDetail },
    (c, { params, query }) => jobDetail(store, viewer(c), params.id, query),
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/jobs/:id/retry', tag: '任务', summary: '重试已结束任务中失败的项目（已取消任务中未处理的项目）；已完成的项目不重做',
      description: `${SCOPE}重试按任务发起人现在的角色和数据范围运行（不按发起时的）；发起人的账户已停用、删除或已无权运行后台任务时 403。`, params: S.IdParams, status: 202, response: JobSummary, errors: [403] },
    async (c, { params }) => {
      await retryJob(store, JOB_HANDLERS, viewer(c), params.id);
      return c.json(await jobSummary(store, viewer(c), params.id), 202, { Location: `/api/jobs/${params.id}` });
    },
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/jobs/:id/cancel', tag: '任务', summary: '取消排队或进行中的任务：正在处理的文件完成后停止，其余不再处理（可重试）', description: SCOPE, params: S.IdParams, response: JobSummary },
    async (c, { params }) => {
      await cancelJob(store, JOB_HANDLERS, viewer(c), params.id);
      return jobSummary(store, viewer(c), params.id);
    },
  );
  api.route(
    { method: 'get', access: 'write', path: '/api/jobs/:id/result', tag: '任务', summary: '汇总导出或批量生成任务生成的文件', description: SCOPE, params: S.IdParams, produces: { 'application/octet-stream': '生成的文件' } },
    async (c, { params }) => {
      const file = await jobResult(store, viewer(c), params.id);
      return new Response(new Uint8Array(file.bytes), { headers: { 'content-type': file.type, 'content-disposition': disposition('attachment', file.name) } });
    },
  );
}
