import { readFile, stat } from 'node:fs/promises';
import type { Store } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import { enqueueImport } from '../store/job-import.ts';
import { importFiles, readContractJson } from '../store/import.ts';
import type { ImportLimits } from '../store/import-files.ts';
import { ApiError, type Api } from './api.ts';
import { actorOf } from './auth/actor.ts';
import { authOf } from './auth/scope.ts';
import { JOB_HANDLERS } from './jobs.ts';
import { withUpload } from './multipart.ts';
import * as S from './schemas.ts';
import { z } from 'zod';

const ImportQuery = z.object({
  queue: z.enum(['0', '1']).optional().describe('1：加入后台任务队列，立即返回 202 和 Location: /api/jobs/{id}（进度见该任务）；默认在本请求中导入并返回结果'),
});

export function importRoutes(api: Api, store: Store, limits: ImportLimits & { maxUploadFiles: number; maxUploadBytes: number }): void {
  const db = store.db;

  api.route(
    { method: 'post', access: 'write', path: '/api/imports', tag: '导入', summary: '上传一个或多个报告文件或 .zip 压缩包并导入；重复文件（内容相同）不重复导入；无法读取的文件列出原因，其余照常导入',
      description: `限制：每次最多 ${limits.maxUploadFiles} 个上传文件、压缩包展开后最多 ${limits.maxFiles} 个文件、每个文件最多 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB；超出时返回 413。`,
      upload: { fields: { files: { description: '报告文件（txt、md、html、docx、doc、pdf、图片）、报告数据（.json，见 ogi schema）或 .zip', file: true, multiple: true }, _csrf: { description: 'CSRF 令牌（也可用 X-CSRF-Token 头）' } } },
      query: ImportQuery, status: 201, response: S.ImportResult },
    async (c, { query }) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith('multipart/form-data')) throw new ApiError(415, 'unsupported-media-type', '请以 multipart/form-data 上传文件（字段 files，可多个）');
      const maxFiles = { count: limits.maxUploadFiles, message: (n: number) => `一次最多上传 ${limits.maxUploadFiles} 个文件，收到 ${n} 个；请分批上传或打成 .zip` };
      return withUpload(c, { maxBytes: limits.maxUploadBytes, maxFiles }, async ({ files: uploads }) => {
        if (!uploads.length) throw new ApiError(400, 'bad-request', '没有收到文件（表单字段 files）');
        const files = uploads.map((f) => ({ name: f.name || 'upload', path: f.path, spooled: true as const }));
        // Report data uploaded as JSON is a request like any other JSON body: invalid data is refused (400), nothing imported.
        for (const f of files) {
          if (!f.name.toLowerCase().endsWith('.json') || (await stat(f.path)).size > limits.maxFileBytes) continue;
          const json = readContractJson(f.name, await readFile(f.path));
          if (!json.ok) throw new ApiError(400, json.code === 'damaged' ? 'invalid-json' : 'bad-request', json.message, { file: f.name, problems: json.problems });
        }
        const { user, scope } = authOf(c);
        if (query.queue === '1') {
          // The job keeps each file's bytes: they are all read before the temporary folder goes.
          const jobId = await enqueueImport(store, JOB_HANDLERS, files, { owner: { userId: user.id, author: user.username, scope }, source: 'api', limits });
          return c.json({ jobId, location: `/api/jobs/${jobId}` }, 202, { Location: `/api/jobs/${jobId}` });
        }
        return importFiles(store, files, { author: user.username, userId: user.id, scope, source: 'api', limits, actor: actorOf(c) });
      });
    },
  );

  api.route(
    { method: 'get', access: 'write', path: '/api/imports', tag: '导入', summary: '导入记录（最近的在前）', response: { type: 'array', items: { type: 'object' } } },
    async (c) => {
      const { user } = authOf(c);
      let q = db.selectFrom('imports').select(['id', 'source', 'author', 'created_at', 'total', 'imported', 'duplicates', 'failed']);
      if (user.role !== 'admin') q = q.where('user_id', '=', user.id);
      const rows = await q.orderBy('id', 'desc').limit(200).execute();
      return rows.map(({ created_at, ...r }) => ({ ...r, createdAt: created_at }));
    },
  );

  api.route(
    { method: 'get', access: 'write', path: '/api/imports/:id', tag: '导入', summary: '一次导入的结果：每个文件导入、重复或失败（及原因）', params: S.IdParams, response: S.ImportResult },
    async (c, { params }) => {
      const { user } = authOf(c);
      const row = await db.selectFrom('imports').selectAll().where('id', '=', params.id).executeTakeFirst();
      if (!row || (user.role !== 'admin' && row.user_id !== user.id)) throw new StoreError('not-found', `导入记录 ${params.id} 不存在`);
      return { id: row.id, total: row.total, imported: row.imported, duplicates: row.duplicates, failed: row.failed, items: JSON.parse(row.items) };
    },
  );
}
