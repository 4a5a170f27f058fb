import { readFile } from 'node:fs/promises';
import { agencyYears, crossYear, regionStats, regionTrends, rollup, rollupSources, unpublished, type AgencyFigures, type RollupCell } from '../store/analysis.ts';
import { createAgency, getAgency, listAgencies, updateAgency, type AgencyListItem } from '../store/agencies.ts';
import { importAgenciesCsv } from '../store/agencies-csv.ts';
import { listAliases, mergeAgencies, renameAgency } from '../store/agency-names.ts';
import { inTx } from '../store/db.ts';
import { actorOf } from './auth/actor.ts';
import type { Store } from '../store/db.ts';
import { narrativeDiff } from '../store/diff.ts';
import { DISTRIBUTION_GROUPS, DISTRIBUTION_LABELS, METRICS } from '../store/metrics.ts';
import { createRegion, deleteRegion, listRegions, regionTree, updateRegion } from '../store/regions.ts';
import { ApiError, type Api } from './api.ts';
import { authOf, scopeOfRequest, versionOfRequest } from './auth/scope.ts';
import { requireAgency, requireRegion, regionVisible } from '../store/scope.ts';
import { listRegionsIn } from '../store/regions.ts';
import type { AnswerCache } from './cache.ts';
import { percent, renderReport, sheet, tabular } from './export.ts';
import { regionSummary } from '../store/region-summary.ts';
import { createSummaryDraft } from '../store/summary-draft.ts';
import * as D from './schemas-drafts.ts';
import { sheetColumns } from './routes-reports.ts';
import * as S from './schemas.ts';
import { withUpload } from './multipart.ts';

const ISSUER_LABEL: Record<string, string> = { government: '人民政府', department: '政府部门', township: '乡镇（街道）', other: '其他' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILES = { 'text/csv': 'format=csv', [XLSX]: 'format=xlsx' };

const pct = (label: string) => `${label}（%）`;

const figureColumns = sheetColumns<AgencyFigures>([
  ['机关', (r) => r.agency], ['区域', (r) => r.regionPath.join('/')], ['报告编号', (r) => r.reportId], ['格式', (r) => r.template],
  [METRICS.received.label, (r) => r.received], [METRICS.resultTotal.label, (r) => r.resultTotal],
  ...DISTRIBUTION_GROUPS.map((k): [string, (r: AgencyFigures) => number | null] => [DISTRIBUTION_LABELS[k], (r) => r.distribution[k].value]),
  [pct(METRICS.openRate.label), (r) => percent(r.openRate.value)], ['公开率分子', (r) => r.openRate.numerator], ['公开率分母', (r) => r.openRate.denominator],
  [pct(METRICS.correctionRate.label), (r) => percent(r.correctionRate.value)], ['纠错率分子', (r) => r.correctionRate.numerator], ['纠错率分母', (r) => r.correctionRate.denominator],
]);

export function regionRoutes(api: Api, store: Store, cache: AnswerCache): void {
  const db = store.db;

  api.route(
    { method: 'get', access: 'read', path: '/api/regions', tag: '区域', summary: '区域树（含每个区域的直属机关数）和平铺列表', response: { type: 'object', properties: { tree: { type: 'array' }, items: { type: 'array' } } } },
    async (c) => {
      const scope = scopeOfRequest(c);
      return { tree: await regionTree(db, scope), items: await listRegionsIn(db, scope) };
    },
  );
  api.route(
    { method: 'post', access: 'admin', path: '/api/regions', tag: '区域', summary: '新建区域', body: S.RegionBody, status: 201, response: S.Region },
    async (_c, { body }) => createRegion(db, body),
  );
  api.route(
    { method: 'patch', access: 'admin', path: '/api/regions/:id', tag: '区域', summary: '重命名或移动区域（不能移到自己的下级之下）', params: S.IdParams, body: S.RegionPatch, response: S.Region },
    async (_c, { params, body }) => updateRegion(db, params.id, body),
  );
  api.route(
    { method: 'delete', access: 'admin', path: '/api/regions/:id', tag: '区域', summary: '删除空区域（有下级区域或机关时拒绝，409）', params: S.IdParams, status: 204 },
    async (_c, { params }) => {
      await deleteRegion(db, params.id);
      return null;
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/rollup', tag: '汇总', summary: '区域（含下级）某年度的汇总表：每格为各机关之和，给出来源报告份数（values=1 时列出来源报告及各自的值），空白单独计数',
      params: S.IdParams, query: S.RollupQuery, response: S.Rollup, produces: FILES },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      if (query.format === 'json') {
        const values = query.values === '1';
        return cache.json(`rollup ${params.id} ${query.year} ${values}`, async () => rollupAnswer(await rollup(db, params.id, query.year), values), versionOfRequest(c));
      }
      return rollupFile(db, params.id, query.year, query.format);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/rollup/sources', tag: '汇总', summary: '汇总表一个单元格的来源：区域（含下级）该年度该格式的每份报告及其值（汇总表网页点击数字时调用）',
      params: S.IdParams, query: S.RollupSourcesQuery, response: S.RollupSources },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      return cache.json(`rollup-sources ${params.id} ${query.year} ${query.template} ${query.path}`, () => rollupSources(db, params.id, query.year, query.template, query.path), versionOfRequest(c));
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/summary-report', tag: '汇总',
      summary: '区域（含下级）某年度的汇总报告：各机关报告（当前版本；reports=accepted 时只取已通过、已发布的）的三张统计表逐格相加，按法定格式生成 Word、PDF、网页或 Excel；json 含每个单元格的来源和空白数',
      params: S.IdParams, query: S.SummaryReportQuery, produces: { 'application/octet-stream': '所选格式的文件' } },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      const s = await regionSummary(db, params.id, query.year, query.reports);
      if (query.format === 'json') return s;
      return renderReport(s.report, query.format, `${s.region.name}${s.year}年度汇总报告${query.reports === 'accepted' ? '（已通过）' : ''}`);
    },
  );

  api.route(
    { method: 'post', access: 'manage', path: '/api/regions/:id/summary-draft', tag: '汇总',
      summary: '在编辑器中撰写区域汇总报告：以本区域人民政府的名义新建该年度的草稿，三张统计表为汇总报告逐格相加之和，六个部分留待撰写',
      description: '本区域人民政府尚未登记为机关时新建（归入本区域）。该机关该年度已有报告时 409，details.reportId 为已有报告的编号；没有可汇总的报告时 404。' +
        '只有管理员和本区域（或上级区域）的政务公开办可以新建，其他角色 403，数据范围外的区域 404。新建后本区域的政务公开办也可以编写、报送这份草稿。记入审计日志（report.draft）。',
      params: S.IdParams, body: D.SummaryDraftBody, status: 201, response: D.SummaryDraftAnswer },
    async (c, { params, body }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      return createSummaryDraft(store, { regionId: params.id, year: body.year, reports: body.reports }, authOf(c).user.username, actorOf(c));
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/stats', tag: '汇总', summary: '区域某年度的各机关指标、区域合计和排名（收到申请数、办理结果分布、公开率、纠错率），附每项指标的定义',
      params: S.IdParams, query: S.YearQuery, response: S.RegionStats, produces: FILES },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      if (query.format === 'json') {
        return cache.json(`stats ${params.id} ${query.year}`, async () => ({ ...(await regionStats(db, params.id, query.year)), distributionLabels: DISTRIBUTION_LABELS, definitions: METRICS }), versionOfRequest(c));
      }
      const s = await regionStats(db, params.id, query.year);
      return tabular(query.format, `${s.region.name}${s.year}年度指标`, [sheet('指标', figureColumns, s.items)]);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/trends', tag: '汇总', summary: '区域各年度的合计与比率（趋势）', params: S.IdParams, query: S.FormatQuery, response: S.Trends, produces: FILES },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      if (query.format === 'json') return cache.json(`trends ${params.id}`, async () => ({ ...(await regionTrends(db, params.id)), definitions: METRICS }), versionOfRequest(c));
      const t = await regionTrends(db, params.id);
      type Y = (typeof t.years)[number];
      return tabular(query.format, `${t.region.name}各年度趋势`, [sheet('趋势', sheetColumns<Y>([
        ['年度', (y) => y.year], ['报告机关数', (y) => y.reporting], [METRICS.received.label, (y) => y.received.value], ['收到申请数空白', (y) => y.received.blanks],
        [METRICS.resultTotal.label, (y) => y.resultTotal.value],
        ...DISTRIBUTION_GROUPS.map((k): [string, (y: Y) => number | null] => [DISTRIBUTION_LABELS[k], (y) => y.distribution[k].value]),
        [pct(METRICS.openRate.label), (y) => percent(y.openRate.value)], [pct(METRICS.correctionRate.label), (y) => percent(y.correctionRate.value)],
      ]), t.years)]);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/unpublished', tag: '汇总', summary: '区域（含下级）中没有该年度报告的机关', params: S.IdParams, query: S.YearQuery, response: S.Unpublished, produces: FILES },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      if (query.format === 'json') return cache.json(`unpublished ${params.id} ${query.year}`, () => unpublished(db, params.id, query.year), versionOfRequest(c));
      const u = await unpublished(db, params.id, query.year);
      type U = (typeof u.items)[number];
      return tabular(query.format, `${u.region.name}${u.year}年度未发布`, [sheet('未发布', sheetColumns<U>([
        ['机关', (a) => a.agency], ['区域', (a) => a.regionPath.join('/')], ['机关类型', (a) => ISSUER_LABEL[a.issuerType]], ['最近报告年度', (a) => a.lastYear],
      ]), u.items)]);
    },
  );

  api.route(
    { method: 'get', access: 'read', path: '/api/regions/:id/cross-year', tag: '汇总', summary: '区域某年度报告的跨年度（X-）核查结果：与同一机关上一年度的报告比较，自动计算', params: S.IdParams, query: S.YearQuery,
      response: S.CrossYear, produces: FILES },
    async (c, { params, query }) => {
      await requireRegion(db, scopeOfRequest(c), params.id);
      if (query.format === 'json') return cache.json(`cross-year ${params.id} ${query.year}`, () => crossYear(db, params.id, query.year), versionOfRequest(c));
      const x = await crossYear(db, params.id, query.year);
      type X = (typeof x.items)[number];
      return tabular(query.format, `${x.region.name}${x.year}年度跨年度核查`, [sheet('跨年度核查', sheetColumns<X>([
        ['机关', (i) => i.agency], ['报告编号', (i) => i.reportId], ['年度', (i) => i.year], ['规则', (i) => i.finding.rule],
        ['严重程度', (i) => ({ error: '错误', warning: '警告', info: '提示' })[i.finding.severity]], ['说明', (i) => i.finding.message],
        ['实际', (i) => i.finding.actual], ['应为', (i) => i.finding.expected],
      ]), x.items)]);
    },
  );
}

/** A supervisor places agencies only in regions of their own subtree (an agency without a region is the admin's to place). */
function checkTargetRegion(c: Parameters<typeof authOf>[0], regionId: number | null | undefined): void {
  const scope = authOf(c).scope;
  if (scope.kind === 'all' || regionId === undefined) return;
  if (regionId === null) throw new ApiError(403, 'forbidden', '只有管理员可以把机关移出区域；请选择您所辖的区域');
  if (!regionVisible(scope, regionId)) throw new ApiError(404, 'not-found', `区域 ${regionId} 不存在`);
}

export function agencyRoutes(api: Api, store: Store, cache: AnswerCache, limits: { csvBytes: number }): void {
  const db = store.db;

  api.route(
    { method: 'get', access: 'read', path: '/api/agencies', tag: '机关', summary: '机关列表（可按区域、名称筛选），含各机关的报告数和年度', query: S.AgencyListQuery, response: { type: 'array', items: { type: 'object' } }, produces: FILES },
    async (c, { query }) => {
      const items = await listAgencies(db, { regionId: query.regionId, unassigned: query.unassigned === '1', q: query.q, scope: scopeOfRequest(c) });
      if (query.format === 'json') return items;
      return tabular(query.format, '机关列表', [sheet('机关', sheetColumns<AgencyListItem>([
        ['编号', (a) => a.id], ['机关', (a) => a.name], ['区域', (a) => a.regionPath.join('/')], ['机关类型', (a) => ISSUER_LABEL[a.issuerType]],
        ['报告数', (a) => a.reports], ['年度', (a) => a.years.join('、')],
      ]), items)]);
    },
  );
  api.route(
    { method: 'post', access: 'manage', path: '/api/agencies', tag: '机关', summary: '新建机关', body: S.AgencyBody, status: 201, response: S.Agency },
    async (c, { body }) => {
      checkTargetRegion(c, body.regionId);
      return createAgency(db, body);
    },
  );
  api.route(
    { method: 'post', access: 'admin', path: '/api/agencies/import', tag: '机关', summary: '从 CSV 导入“机关→区域”（表头：机关,区域,上级区域；UTF-8 有无 BOM 均可，或 GBK）。有错误的行全部列出，整个文件不导入',
      upload: { fields: { file: { description: 'CSV 文件（也可以直接以 text/csv 作为请求体）', file: true } } }, response: S.CsvResult },
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      let bytes: Uint8Array;
      if (type.startsWith('multipart/form-data')) {
        bytes = await withUpload(c, { maxBytes: limits.csvBytes }, async ({ files }) => {
          if (!files[0]) throw new ApiError(400, 'bad-request', '没有收到 CSV 文件（表单字段 file）');
          return readFile(files[0].path);
        });
      } else if (type.startsWith('text/csv') || type.startsWith('text/plain') || type.startsWith('application/octet-stream')) {
        bytes = new Uint8Array(await c.req.arrayBuffer());
      } else {
        throw new ApiError(415, 'unsupported-media-type', '请以 multipart/form-data（字段 file）或 text/csv 上传 CSV 文件');
      }
      if (bytes.length > limits.csvBytes) throw new ApiError(413, 'too-large', `CSV 文件过大（最多 ${limits.csvBytes / 1024 / 1024} MB）`);
      return importAgenciesCsv(db, bytes);
    },
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/agencies/:id', tag: '机关', summary: '一个机关及其曾用名', params: S.IdParams, response: S.AgencyWithAliases },
    async (c, { params }) => {
      await requireAgency(db, scopeOfRequest(c), params.id);
      return { ...(await getAgency(db, params.id)), aliases: await listAliases(db, params.id) };
    },
  );
  api.route(
    { method: 'patch', access: 'manage', path: '/api/agencies/:id', tag: '机关',
      summary: '改名（原名称保留为曾用名，记入审计日志）、把机关移到某区域（null：移出）或修改机关类型；新名称已是另一机关的名称或曾用名时 409',
      params: S.IdParams, body: S.AgencyPatch, response: S.AgencyWithAliases },
    async (c, { params, body }) => {
      await requireAgency(db, scopeOfRequest(c), params.id);
      checkTargetRegion(c, body.regionId);
      const { name, ...rest } = body;
      // One transaction: a refused name leaves the region and type unchanged too.
      await inTx(db, async (trx) => {
        if (name !== undefined) await renameAgency(trx, params.id, name, actorOf(c));
        await updateAgency(trx, params.id, rest);
      });
      return { ...(await getAgency(db, params.id)), aliases: await listAliases(db, params.id) };
    },
  );
  api.route(
    { method: 'post', access: 'manage', path: '/api/agencies/:id/merge', tag: '机关',
      summary: '把另一机关（from）并入本机关：报告、其机关经办人和曾用名移过来，from 的名称成为曾用名，from 删除；一个事务；记入审计日志',
      description: '两个机关都须在您的数据范围内。两者有同一年度的报告时拒绝（409，details.years 列出年度），须先删除其中一份。',
      params: S.IdParams, body: S.MergeBody, response: S.AgencyWithAliases },
    async (c, { params, body }) => {
      const scope = scopeOfRequest(c);
      await requireAgency(db, scope, params.id);
      await requireAgency(db, scope, body.from);
      await mergeAgencies(store, params.id, body.from, actorOf(c));
      return { ...(await getAgency(db, params.id)), aliases: await listAliases(db, params.id) };
    },
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/agencies/:id/years', tag: '机关', summary: '一个机关各年度的统计表（逐格对照）和指标', params: S.IdParams, query: S.FormatQuery, response: S.AgencyYears, produces: FILES },
    async (c, { params, query }) => {
      await requireAgency(db, scopeOfRequest(c), params.id);
      if (query.format === 'json') return cache.json(`years ${params.id}`, async () => ({ ...(await agencyYears(db, params.id)), definitions: METRICS }), versionOfRequest(c));
      const y = await agencyYears(db, params.id);
      type C = (typeof y.cells)[number];
      return tabular(query.format, `${y.agency.name}各年度`, [sheet('各年度', [
        ...sheetColumns<C>([['路径', (c) => c.path], ['表格', (c) => c.tableLabel], ['项目', (c) => c.itemLabel], ['行', (c) => c.rowLabel], ['列', (c) => c.columnLabel]]),
        ...y.years.map((yr, i) => ({ label: `${yr.year}年度（#${yr.reportId}）`, value: (c: C) => c.values[i] })),
      ], y.cells)]);
    },
  );
  api.route(
    { method: 'get', access: 'read', path: '/api/agencies/:id/diff', tag: '机关', summary: '一个机关两个年度报告正文的逐句比较和相似度（内容雷同）', params: S.IdParams, query: S.DiffQuery, response: S.NarrativeDiff },
    async (c, { params, query }) => {
      await requireAgency(db, scopeOfRequest(c), params.id);
      return narrativeDiff(db, params.id, query);
    },
  );
}

/** The roll-up as the API gives it: the source reports and each cell's per-report values only when asked for. */
function rollupAnswer(r: Awaited<ReturnType<typeof rollup>>, values: boolean): unknown {
  return {
    ...r,
    groups: r.groups.map((g) => ({
      template: g.template,
      reportCount: g.reports.length,
      ...(values ? { reports: g.reports, cells: g.cells } : { cells: g.cells.map(({ values: _v, ...cell }) => cell) }),
    })),
  };
}

/** A region's roll-up of a year as a CSV or Excel file (the API's format=csv|xlsx and the roll-up export job). */
export async function rollupFile(db: Store['db'], regionId: number, year: number, format: 'csv' | 'xlsx'): Promise<Response> {
  const r = await rollup(db, regionId, year);
  const name = `${r.region.name}${r.year}年度汇总`;
  type Row = RollupCell & { template: string; sources: string };
  const rows: Row[] = r.groups.flatMap((g) =>
    g.cells.map((cell) => ({
      ...cell,
      template: g.template,
      sources: g.reports.map((s, i) => `${s.agency}（#${s.reportId}）=${cell.values[i] ?? '空白'}`).join('；'),
    })),
  );
  const columns = sheetColumns<Row>([
    ['格式', (c) => c.template], ['表格', (c) => c.tableLabel], ['项目', (c) => c.itemLabel], ['行', (c) => c.rowLabel], ['列', (c) => c.columnLabel],
    ['路径', (c) => c.path], ['合计', (c) => c.sum], ['填报数', (c) => c.reported], ['空白数', (c) => c.blanks], ['来源', (c) => c.sources],
  ]);
  const details = r.groups.map((g) =>
    sheet(`明细 ${g.template}`, [
      ...sheetColumns<RollupCell>([['路径', (c) => c.path], ['表格', (c) => c.tableLabel], ['行', (c) => c.rowLabel], ['列', (c) => c.columnLabel], ['合计', (c) => c.sum], ['空白数', (c) => c.blanks]]),
      ...g.reports.map((s, i) => ({ label: `${s.agency}（#${s.reportId}）`, value: (c: RollupCell) => c.values[i] })),
    ], g.cells),
  );
  return tabular(format, name, [sheet('汇总', columns, rows), ...details]);
}
