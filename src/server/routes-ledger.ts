import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';
import { z } from 'zod';
import { ledgerReport } from '../check/ledger/report.ts';
import { readLedgerXlsx } from '../ingest/ledger-xlsx.ts';
import { ledgerXlsx } from '../render/ledger-xlsx.ts';
import { isoDayNumber } from '../schema/calendar/iso-date.ts';
import { APPLICANT_COLUMNS, LEDGER_REGISTERS } from '../schema/ledger.ts';
import type { IssuerType } from '../schema/types.ts';
import type { Store } from '../store/db.ts';
import { storeReport } from '../store/import.ts';
import { sha256 } from '../store/import-files.ts';
import {
  addLedgerRecord, deleteLedgerRecord, importLedger, ledgerDue, ledgerSummary, listLedgerRecords, loadLedger, REGISTER_KEYS, updateLedgerRecord,
  type DueItem,
} from '../store/ledger.ts';
import { purgeLedgerPersonalData, retentionCutoff } from '../store/ledger-retention.ts';
import { requireAgency } from '../store/scope.ts';
import { ApiError, type Api } from './api.ts';
import { actorOf } from './auth/actor.ts';
import { authOf } from './auth/scope.ts';
import { fileResponse, sheet, tabular, XLSX_TYPE } from './export.ts';
import { withUpload } from './multipart.ts';
import { sheetColumns } from './routes-reports.ts';
import { FORMAT_TABULAR } from './schemas.ts';

const id = (what: string) => z.coerce.number().int().positive().describe(what);
const year = z.coerce.number().int().min(2019).max(2100).describe('年度');
const RegisterParams = z.object({ id: id('机关编号'), register: z.enum(REGISTER_KEYS).describe(`台账：${LEDGER_REGISTERS.map((r) => `${r.key} ${r.label}`).join('、')}`) });
const RecordParams = RegisterParams.extend({ record: id('记录编号') });
const AgencyParams = z.object({ id: id('机关编号') });
const YearOnly = z.object({ year });
/** Checked in the handler, after the caller's role and scope: a refused caller learns nothing from a 400. */
const AnyYear = z.object({ year: z.coerce.number().int().describe('年度（2019—2100）') });
const DueQuery = z.object({
  date: z.string().refine((s) => isoDayNumber(s) !== null, { message: '应为“年-月-日”格式的有效日期' }).optional().describe('按哪一天计算（默认今天）'),
  format: FORMAT_TABULAR,
});
const AnyRecord = z.record(z.string(), z.unknown());

const PERSONAL = '申请人的个人信息（姓名、联系方式、证件号码、申请内容）只对本机关的用户和管理员开放';

const dueColumns = sheetColumns<DueItem>([
  ['登记号', (r) => r.number], ['收到申请之日', (r) => r.receivedOn], ['申请人类别', (r) => APPLICANT_COLUMNS.find((x) => x.key === r.applicantCategory)?.label],
  ['答复期限', (r) => r.dueOn], ['状态', (r) => (r.overdue ? '已逾期' : '5 个工作日内到期')],
]);

/** The year's ledger of an agency: registers, due list, summary, and the report computed from it. */
export function ledgerRoutes(api: Api, store: Store, today: () => string, retentionYears: number, upload: { fileBytes: number; requestBytes: number }): void {
  const db = store.db;

  /** The caller may see and change the agency's registers: admin, or a clerk of that agency (other roles 403; other agencies 404). */
  async function ownAgency(c: Context, agencyId: number): Promise<void> {
    const auth = authOf(c);
    if (auth.user.role !== 'admin' && auth.user.role !== 'clerk') {
      throw new ApiError(403, 'forbidden', `${PERSONAL}；区域的政务公开办可查看台账统计（GET /api/agencies/${agencyId}/ledger/summary）和到期提醒`);
    }
    // A clerk's scope is their own agency: any other agency is not found.
    await requireAgency(db, auth.scope, agencyId);
  }
  async function inScope(c: Context, agencyId: number): Promise<void> {
    await requireAgency(db, authOf(c).scope, agencyId);
  }

  api.route(
    { method: 'get', access: 'read', path: '/api/agencies/:id/ledger/due', tag: '台账',
      summary: '到期提醒：已逾期和 5 个工作日内到期的未办结申请（只有登记号、日期和申请人类别，没有个人信息）',
      params: AgencyParams, query: DueQuery, response: { type: 'object' }, produces: { 'text/csv': 'format=csv', [XLSX_TYPE]: 'format=xlsx' } },
    async (c, { params, query }) => {
      await inScope(c, params.id);
      const due = await ledgerDue(db, params.id, query.date ?? today());
      if (query.format === 'json') return due;
      return tabular(query.format, `到期提醒${due.asOf}`, [sheet('到期提醒', dueColumns, [...due.overdue, ...due.dueSoon])]);
    },
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/agencies/:id/ledger/summary', tag: '台账',
      summary: '台账统计：各台账的记录数、由台账计算的表二、表三、表四和台账核查结果（不含个人信息）',
      params: AgencyParams, query: YearOnly, response: { type: 'object' } },
    async (c, { params, query }) => {
      await inScope(c, params.id);
      return ledgerSummary(db, params.id, query.year, today());
    },
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/agencies/:id/ledger/report', tag: '台账',
      summary: '由台账生成该年度报告的草稿：表二、表三、表四由台账计算（出处注明“由台账计算”），第三、四、六部分起草法定语句，存为新报告（草稿状态）',
      params: AgencyParams, query: AnyYear, response: { type: 'object' }, status: 201, errors: [403] },
    async (c, { params, query }) => {
      await ownAgency(c, params.id);
      if (!year.safeParse(query.year).success) throw new ApiError(400, 'bad-request', `年度应在 2019—2100 之间，收到 ${query.year}`);
      const agency = await db.selectFrom('agencies').select(['name', 'issuer_type']).where('id', '=', params.id).executeTakeFirstOrThrow();
      const report = ledgerReport(await loadLedger(db, params.id), { agency: agency.name, year: query.year, issuerType: agency.issuer_type as IssuerType });
      const bytes = Buffer.from(JSON.stringify(report, null, 2));
      const hash = sha256(bytes);
      const existing = await db.selectFrom('reports').select('id').where('content_hash', '=', hash).executeTakeFirst();
      if (existing) return { reportId: existing.id, created: false };
      const name = `${agency.name}${query.year}年度报告（台账生成）.json`;
      const reportId = await storeReport(store, {
        file: { name, bytes }, hash, source: { path: name, name, format: 'json', encoding: 'utf-8', text: '' }, report,
        author: authOf(c).user.username, importId: null, scope: authOf(c).scope, actor: actorOf(c),
      });
      return { reportId, created: true };
    },
  );
  api.route(
    { method: 'get', access: 'write', path: '/api/agencies/:id/ledger/export', tag: '台账',
      summary: '导出机关的全部台账为 .xlsx（每本台账一个工作表，列模板见 README“台账”；含申请人个人信息，仅本机关用户和管理员）',
      params: AgencyParams, produces: { [XLSX_TYPE]: '台账文件' }, errors: [403] },
    async (c, { params }) => {
      await ownAgency(c, params.id);
      const agency = await db.selectFrom('agencies').select('name').where('id', '=', params.id).executeTakeFirstOrThrow();
      return fileResponse(await ledgerXlsx(await loadLedger(db, params.id)), XLSX_TYPE, `${agency.name}台账.xlsx`);
    },
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/agencies/:id/ledger/import', tag: '台账',
      summary: '从 .xlsx 导入台账（列模板同导出）：任何一行有误则一条也不导入，400 逐行说明（工作表、行、列，不回显内容）；登记号重复 409；文件过大 413',
      params: AgencyParams, upload: { fields: { file: { description: '台账 .xlsx', file: true }, _csrf: { description: 'CSRF 令牌（也可用 X-CSRF-Token 头）' } } },
      response: { type: 'object' }, status: 201, errors: [403, 413, 415] },
    async (c, { params }) => {
      await ownAgency(c, params.id);
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) throw new ApiError(415, 'unsupported-media-type', '请以 multipart/form-data 上传台账文件（字段 file）');
      const maxFile = { bytes: upload.fileBytes, message: `台账文件过大（最多 ${Math.round(upload.fileBytes / 1024 / 1024)} MB）` };
      const maxFiles = { count: 1, message: (n: number) => `一次只能导入一个台账文件，收到 ${n} 个` };
      const file = await withUpload(c, { maxBytes: upload.requestBytes, maxFile, maxFiles, fileFields: ['file'] }, async ({ files }) => {
        const [received] = files;
        if (!received) throw new ApiError(400, 'bad-request', '没有收到台账文件（表单字段 file）');
        return { name: received.name, bytes: await readFile(received.path) };
      });
      const read = await readLedgerXlsx(file.bytes);
      const name = file.name || '台账.xlsx';
      if (!read.ok) {
        const shown = read.problems.slice(0, 50);
        throw new ApiError(400, 'bad-request', `${name} 有 ${read.problems.length} 处错误，未导入：${shown.join('；')}${read.problems.length > shown.length ? '……' : ''}`, read.problems);
      }
      return { added: await importLedger(db, params.id, read.ledger, actorOf(c), name) };
    },
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/agencies/:id/ledger/purge', tag: '台账',
      summary: `按保存期限（${retentionYears} 年，服务启动时由 OGI_LEDGER_RETENTION_YEARS 设定）删除此前年度办结的申请中的申请人个人信息（姓名、联系方式、证件号码、申请内容）；登记号、日期、类别、结果等统计所需字段保留，表二、表三、表四不变`,
      params: AgencyParams, response: { type: 'object' }, errors: [403] },
    async (c, { params }) => {
      await ownAgency(c, params.id);
      const cutoff = retentionCutoff(today(), retentionYears);
      return { retentionYears, decidedBefore: cutoff, purged: await purgeLedgerPersonalData(db, params.id, cutoff, actorOf(c)) };
    },
  );
  // After the fixed paths (due, summary, report, purge): hono tries routes in the order they were added.
  api.route(
    { method: 'get', access: 'write', path: '/api/agencies/:id/ledger/:register', tag: '台账', summary: '机关的一本台账的全部记录（含申请人个人信息，仅本机关用户和管理员）',
      params: RegisterParams, response: { type: 'array', items: { type: 'object' } }, errors: [403] },
    async (c, { params }) => {
      await ownAgency(c, params.id);
      return listLedgerRecords(db, params.id, params.register);
    },
  );
  api.route(
    { method: 'post', access: 'write', path: '/api/agencies/:id/ledger/:register', tag: '台账', summary: '新增一条台账记录（登记号重复 409）',
      params: RegisterParams, body: AnyRecord, response: { type: 'object' }, status: 201, errors: [403] },
    async (c, { params, body }) => {
      await ownAgency(c, params.id);
      return addLedgerRecord(db, params.id, params.register, body, actorOf(c));
    },
  );
  api.route(
    { method: 'put', access: 'write', path: '/api/agencies/:id/ledger/:register/:record', tag: '台账', summary: '修改一条台账记录（整条替换）',
      params: RecordParams, body: AnyRecord, response: { type: 'object' }, errors: [403] },
    async (c, { params, body }) => {
      await ownAgency(c, params.id);
      return updateLedgerRecord(db, params.id, params.register, params.record, body, actorOf(c));
    },
  );
  api.route(
    { method: 'delete', access: 'write', path: '/api/agencies/:id/ledger/:register/:record', tag: '台账', summary: '删除一条台账记录',
      params: RecordParams, status: 204, errors: [403] },
    async (c, { params }) => {
      await ownAgency(c, params.id);
      await deleteLedgerRecord(db, params.id, params.register, params.record, actorOf(c));
      return null;
    },
  );
}
