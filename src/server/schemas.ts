import { z } from 'zod';
import { MessageSchema } from '../schema/contract.ts';
import { TRIAGE_STATUSES } from '../store/triage.ts';
import { ISSUER_TYPES } from '../schema/types.ts';
import { SORTS } from '../store/reports.ts';
import { SUMMARY_REPORTS } from '../store/region-summary.ts';

/** zod schemas of the API: request parameters, bodies and answers (they also make /api/openapi.json). */

const id = (what: string) => z.coerce.number().int().positive().describe(what);
const year = z.coerce.number().int().min(1990).max(2100);
export const FORMAT_TABULAR = z.enum(['json', 'csv', 'xlsx']).default('json').describe('json（默认）、csv（UTF-8 带 BOM）或 xlsx');

export const IdParams = z.object({ id: id('编号') });
export const PageParams = z.object({
  id: id('报告编号'),
  n: z.preprocess((v) => (typeof v === 'string' ? v.replace(/\.png$/, '') : v), z.coerce.number().int().nonnegative()).describe('页码，从 1 起'),
});
export const PageQuery = z.object({
  dpi: z.coerce.number().int().min(36).max(200).default(100).describe('分辨率（每英寸点数），默认 100，最大 200；图片原件忽略此项'),
});
export const VersionParams = z.object({ id: id('报告编号'), version: z.coerce.number().int().positive().describe('版本号，1 为导入时') });

export const ReportListQuery = z.object({
  year: year.optional().describe('年度'),
  agencyId: id('机关编号').optional(),
  agency: z.string().max(100).optional().describe('机关名称的一部分'),
  regionId: id('区域编号（含下级区域）').optional(),
  template: z.enum(['2019', '2021', 'legacy']).optional().describe('格式'),
  severity: z.enum(['error', 'warning', 'info', 'clean']).optional().describe('error：有错误；warning：有警告；info：有提示；clean：无错误和警告'),
  importId: id('导入批次编号').optional(),
  sort: z.enum(SORTS).optional().describe('排序：year（默认）、agency、errors、warnings、imported、id'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('每页条数（1–500，默认 50；导出 csv/xlsx 时不分页）'),
  offset: z.coerce.number().int().min(0).default(0),
  format: FORMAT_TABULAR,
});

export const DataExportQuery = ReportListQuery.omit({ limit: true, offset: true, format: true }).extend({
  format: z.enum(['csv', 'xlsx']).describe('csv：每格一行；xlsx：每份报告三张表加 data 表'),
});

export const ReportQuery = z.object({
  text: z.enum(['0', '1']).default('1').describe('1（默认）：同时返回解码后的原文（出处偏移指向它）；0：不返回'),
});

export const ReportFormat = z.enum(['html', 'txt', 'md', 'docx', 'pdf', 'xlsx', 'csv', 'json']);
export const ExportQuery = z.object({ format: ReportFormat.describe('html、txt、md、docx、pdf、xlsx、csv 或 json') });
export const FindingsQuery = z.object({
  format: FORMAT_TABULAR,
  dismissed: z.enum(['0', '1']).default('0').describe('1：包括审核人标为误报的结果（默认只列未标为误报的）'),
});
export const OriginalQuery = z.object({
  inline: z.enum(['0', '1']).default('0').describe('1：在浏览器中显示（PDF、图片）；0（默认）：下载'),
});

export const YearQuery = z.object({ year: year.describe('年度'), format: FORMAT_TABULAR });
export const RollupQuery = YearQuery.extend({
  values: z.enum(['0', '1']).default('0').describe('1：JSON 中附来源报告列表（reports）和每格各报告的值（values，顺序同 reports）；一个省的汇总有上万份来源报告、数百万个值，默认只给份数（reportCount）。CSV/Excel 总是含明细'),
});
export const RollupSourcesQuery = z.object({
  year: year.describe('年度'),
  template: z.enum(['2019', '2021']).describe('表格格式'),
  path: z.string().max(120).describe('单元格路径，如 requests.newReceived.total'),
});
export const FormatQuery = z.object({ format: FORMAT_TABULAR });
export const SummaryReportQuery = z.object({
  year: year.describe('年度'),
  format: z.enum(['json', 'docx', 'pdf', 'html', 'xlsx']).default('json').describe('json（默认：汇总报告数据及每个单元格的来源）、docx、pdf、html 或 xlsx'),
  reports: z.enum(SUMMARY_REPORTS).default('all').describe('all（默认）：各机关的报告；accepted：只汇总已通过或已发布的报告，其余列入 skipped'),
});

const cellValue = z.union([z.number(), z.string(), z.null()]);

export const CorrectionBody = z.object({
  author: z.string().max(100).optional().describe('已不使用：修改人为登录的用户'),
  reason: z.string().min(1).max(500).describe('修改原因'),
  baseVersion: z.number().int().positive().optional().describe('修改所依据的版本；报告已被他人改过时拒绝（409）'),
  changes: z
    .array(z.object({
      path: z.string().min(1).max(200).describe('单元格路径（同 provenance 的键，如 requests.newReceived.total），或 meta.agency、meta.year、meta.issuerType、meta.signedOn、meta.publishedOn'),
      value: cellValue.describe('新值：数字；null 表示空白；meta 字段为文字或数字'),
    }))
    .min(1)
    .max(500),
});

export const RevertBody = z.object({
  version: z.number().int().positive().describe('要恢复到的版本'),
  author: z.string().max(100).optional().describe('已不使用：修改人为登录的用户'),
  reason: z.string().max(500).optional(),
});

export const RegionBody = z.object({
  name: z.string().min(1).max(100),
  parentId: z.number().int().positive().nullable().optional().describe('上级区域；不填为最上级'),
});
export const RegionPatch = z.object({
  name: z.string().min(1).max(100).optional(),
  parentId: z.number().int().positive().nullable().optional(),
});

export const AgencyBody = z.object({
  name: z.string().min(1).max(100),
  issuerType: z.enum(ISSUER_TYPES).optional().describe('不填时按名称推断'),
  regionId: z.number().int().positive().nullable().optional(),
});
export const AgencyPatch = z.object({
  name: z.string().min(1).max(100).optional().describe('新名称：原名称保留为曾用名，以后导入写着原名称的报告仍归入本机关'),
  issuerType: z.enum(ISSUER_TYPES).optional(),
  regionId: z.number().int().positive().nullable().optional().describe('null：移出区域'),
});
export const AgencyListQuery = z.object({
  regionId: id('区域编号（含下级区域）').optional(),
  unassigned: z.enum(['0', '1']).optional().describe('1：只列出未归属区域的机关'),
  q: z.string().max(100).optional().describe('名称的一部分'),
  format: FORMAT_TABULAR,
});
export const DiffQuery = z.object({
  from: year.optional().describe('较早年度（默认：倒数第二个年度）'),
  to: year.optional().describe('较晚年度（默认：最近年度）'),
});

// ── Answers ──────────────────────────────────────────────────────────

export const ReportSummary = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    format: z.string(),
    size: z.number().int(),
    agencyId: z.number().int().nullable(),
    agency: z.string().nullable(),
    regionId: z.number().int().nullable(),
    regionPath: z.array(z.string()).describe('区域名称，自上而下'),
    year: z.number().int().nullable(),
    template: z.string(),
    issuerType: z.string(),
    version: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    dismissed: z.number().int().describe('审核人标为误报（且仍然适用）的核查结果数；errors、warnings、infos 只计未标为误报的'),
    status: z.enum(['draft', 'submitted', 'returned', 'accepted', 'published']).describe('报送状态：草稿、已报送、退回修改、已通过、已发布'),
    publishedUrl: z.string().nullable().describe('登记发布的网址'),
    publishedOn: z.string().nullable().describe('登记发布的日期（YYYY-MM-DD）'),
    importId: z.number().int().nullable(),
    importedAt: z.string(),
    updatedAt: z.string(),
  });

export const ReportList = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(ReportSummary) });

export const Finding = MessageSchema.extend({
  source: z.literal('check'),
  rule: z.string().describe('规则编号（与 code 相同）'),
  rules: z.array(z.string()).optional().describe('一个格的错误同时破坏几处勾稽关系、合并为一条时，所涉及的全部规则编号（第一个即 rule）'),
  messageId: z.string().optional().describe('产生该结果的消息模板编号（规则内唯一）'),
  basis: z.string(),
  notes: z.array(z.object({ code: z.string(), path: z.string().optional(), start: z.number().optional() })).optional()
    .describe('该结果所报告的读取说明（这些说明不再单独列出）'),
  key: z.string().optional().describe('该结果的稳定编号（规则、消息、位置），审核判断按它保存'),
  triage: z.object({
    status: z.enum(TRIAGE_STATUSES).describe('confirmed 确认；dismissed 误报；pending 待定'),
    reason: z.string().nullable().describe('标为误报的理由'),
    comment: z.string().nullable(),
    by: z.string().describe('审核人（用户名）'),
    at: z.string(),
    stale: z.boolean().describe('判断之后该结果涉及的数值已修改，判断不再适用，该结果重新计为未处理'),
  }).optional().describe('审核人的判断；没有判断时省略'),
});

export const TriageBody = z.object({
  key: z.string().min(1).max(500).describe('核查结果的 key'),
  status: z.enum(TRIAGE_STATUSES),
  reason: z.string().max(2000).nullable().optional().describe('标为误报（dismissed）时必填'),
  comment: z.string().max(4000).nullable().optional(),
});

const Change = z.object({ path: z.string(), old: cellValue, new: cellValue });
export const Version = z.object({
  version: z.number().int(),
  kind: z.enum(['import', 'correction', 'revert', 'draft', 'edit']),
  author: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  changes: z.array(Change),
});

export const ReportDetail = ReportSummary.extend({
  contentHash: z.string().describe('原始文件的 sha256'),
  report: z.record(z.string(), z.unknown()).describe('报告数据（数据契约，见 ogi schema），含 provenance 与 structure'),
  findings: z.array(Finding),
  messages: z.array(MessageSchema).describe('一个列表：核查结果，以及没有被核查结果报告的读取说明'),
  versions: z.object({ extractor: z.string().nullable(), rules: z.string().nullable() })
    .describe('产生数据的读取程序版本与产生核查结果的规则版本（记录之前导入的为 null）'),
  corrections: z.array(z.object({
    path: z.string(), imported: cellValue, value: cellValue, version: z.number().int(), author: z.string(), at: z.string(), reason: z.string().nullable(),
  })).describe('当前与导入时不同的值及最近一次修改'),
  text: z.string().optional().describe('解码后的原文，provenance 的 start/end 指向其中（UTF-16 偏移）'),
  encoding: z.string(),
});

export const ImportItem = z.object({
  name: z.string(),
  status: z.enum(['imported', 'duplicate', 'failed', 'cancelled']).describe('cancelled：后台导入任务被取消时尚未处理的文件（可在任务中心重试）'),
  reportId: z.number().int().optional(),
  agency: z.string().nullable().optional(),
  year: z.number().int().nullable().optional(),
  template: z.string().optional(),
  errors: z.number().int().optional(),
  warnings: z.number().int().optional(),
  reason: z.string().optional().describe('未导入的原因'),
});
export const ImportResult = z.object({
  id: z.number().int(),
  total: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  items: z.array(ImportItem),
});
export const ImportBatch = z.object({
  id: z.number().int(), source: z.string(), author: z.string(), createdAt: z.string(),
  total: z.number().int(), imported: z.number().int(), duplicates: z.number().int(), failed: z.number().int(),
});

export const RegionNode = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  path: z.array(z.string()),
  depth: z.number().int(),
  agencies: z.number().int().describe('直属机关数'),
  children: z.array(z.record(z.string(), z.unknown())).describe('下级区域（同样的结构）'),
});
export const Region = z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() });

export const Agency = z.object({
  id: z.number().int(), name: z.string(), issuerType: z.enum(ISSUER_TYPES), regionId: z.number().int().nullable(), regionPath: z.array(z.string()),
});
export const AgencyWithAliases = Agency.extend({ aliases: z.array(z.string()).describe('曾用名（改名、合并后保留）') });
export const MergeBody = z.object({ from: z.number().int().positive().describe('并入本机关的另一机关的编号（合并后删除）') });
export const AuditQuery = z.object({
  from: z.string().max(40).optional().describe('开始日期（含），如 2026-01-01，或 ISO 时间'),
  to: z.string().max(40).optional().describe('结束日期（含），或 ISO 时间（不含）'),
  action: z.string().max(40).optional().describe('操作代码，如 login、report.delete、agency.merge'),
  user: z.string().max(100).optional().describe('用户名'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditEntry = z.object({
  id: z.number().int(), at: z.string().describe('ISO 时间'), userId: z.number().int().nullable(), username: z.string().nullable().describe('当时的用户名；登录失败时为所填用户名'),
  address: z.string().nullable().describe('客户端地址'), action: z.string(), actionLabel: z.string(), summary: z.string(),
  detail: z.record(z.string(), z.unknown()), reportId: z.number().int().nullable(), agencyId: z.number().int().nullable(), regionId: z.number().int().nullable(),
});
export const AuditList = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(AuditEntry) });
export const AgencyListItem = Agency.extend({ reports: z.number().int(), years: z.array(z.number().int()) });

const RegionRef = z.object({ id: z.number().int(), name: z.string(), path: z.array(z.string()) });
const SourceReport = z.object({ reportId: z.number().int(), agencyId: z.number().int(), agency: z.string(), regionPath: z.array(z.string()), template: z.string() });
const Superseded = z.array(z.object({ reportId: z.number().int(), agency: z.string(), year: z.number().int(), keptReportId: z.number().int() }))
  .describe('同一机关同一年度的其他报告（不计入；使用最近导入的一份）');
const CellDef = {
  path: z.string(), table: z.enum(['active', 'requests', 'review']), item: z.string().nullable(), row: z.string(), column: z.string(),
  kind: z.enum(['count', 'signed', 'money']), tableLabel: z.string(), itemLabel: z.string().nullable(), rowLabel: z.string(), columnLabel: z.string(),
};
export const Rollup = z.object({
  region: RegionRef,
  year: z.number().int(),
  agencies: z.number().int().describe('区域（含下级）机关数'),
  reporting: z.number().int().describe('有该年度报告的机关数'),
  groups: z.array(z.object({
    template: z.enum(['2019', '2021']),
    reportCount: z.number().int().describe('来源报告份数'),
    reports: z.array(SourceReport).optional().describe('来源报告（仅 values=1 时）'),
    cells: z.array(z.object({
      ...CellDef,
      sum: z.number().nullable().describe('非空白单元格之和；全部空白时为 null'),
      reported: z.number().int().describe('填了数字的报告数'),
      blanks: z.number().int().describe('空白（null）的报告数，不计入合计，也不当作 0'),
      values: z.array(z.number().nullable()).optional().describe('各报告的值，顺序同 reports（仅 values=1 时）'),
    })),
  })).describe('按表格格式分组（2019 与 2021 格式的单元格不同）'),
  legacy: z.array(SourceReport).describe('2019 年以前格式的报告（没有统计表）'),
  superseded: Superseded,
});

export const RollupSources = z.object({
  ...CellDef,
  region: RegionRef,
  year: z.number().int(),
  template: z.enum(['2019', '2021']),
  sum: z.number().nullable().describe('非空白单元格之和；全部空白时为 null'),
  reported: z.number().int().describe('填了数字的报告数'),
  blanks: z.number().int().describe('空白（null）的报告数，不计入合计，也不当作 0'),
  sources: z.array(SourceReport.extend({ value: z.number().nullable().describe('该报告此单元格的值；null 为空白') })).describe('该格式的每份来源报告及其值'),
});

const Sum = z.object({ value: z.number().nullable(), blanks: z.number().int() });
const Rate = z.object({ value: z.number().nullable().describe('分母为 0 或数字空白时为 null'), numerator: z.number().nullable(), denominator: z.number().nullable() });
const Pooled = Rate.extend({ included: z.number().int(), excluded: z.number().int() });
const Distribution = z.object({
  granted: Sum, partlyGranted: Sum, denied: Sum, unavailable: Sum, notProcessed: Sum, other: Sum,
});
const Metrics = { received: z.number().nullable(), resultTotal: z.number().nullable(), distribution: Distribution, openRate: Rate, correctionRate: Rate };
const Totals = z.object({ received: Sum, resultTotal: Sum, distribution: Distribution, openRate: Pooled, correctionRate: Pooled });
const Ranking = z.array(z.object({ rank: z.number().int().nullable(), value: z.number().nullable(), reportId: z.number().int(), agencyId: z.number().int(), agency: z.string() }));
export const Definition = z.object({ key: z.string(), label: z.string(), unit: z.string(), definition: z.string() });
export const Definitions = z.record(z.string(), Definition);

export const RegionStats = z.object({
  region: RegionRef,
  year: z.number().int(),
  agencies: z.number().int(),
  reporting: z.number().int(),
  items: z.array(SourceReport.extend(Metrics)),
  totals: Totals,
  rankings: z.object({ received: Ranking, resultTotal: Ranking, openRate: Ranking, correctionRate: Ranking }).describe('从高到低；并列同名次；无法计算的排在最后，名次为 null'),
  distributionLabels: z.record(z.string(), z.string()),
  definitions: Definitions,
  superseded: Superseded,
});
export const Trends = z.object({
  region: RegionRef,
  agencies: z.number().int(),
  years: z.array(Totals.extend({ year: z.number().int(), reporting: z.number().int() })),
  definitions: Definitions,
});
export const Unpublished = z.object({
  region: RegionRef,
  year: z.number().int(),
  agencies: z.number().int(),
  items: z.array(z.object({ agencyId: z.number().int(), agency: z.string(), issuerType: z.string(), regionPath: z.array(z.string()), lastYear: z.number().int().nullable() })),
});
export const CrossYear = z.object({
  region: RegionRef,
  year: z.number().int(),
  items: z.array(z.object({ reportId: z.number().int(), agencyId: z.number().int(), agency: z.string(), year: z.number().int(), finding: Finding })),
});
export const AgencyYears = z.object({
  agency: Agency,
  years: z.array(z.object({
    year: z.number().int(), reportId: z.number().int(), template: z.string(), errors: z.number().int(), warnings: z.number().int(),
    metrics: z.object(Metrics).nullable(),
  })),
  cells: z.array(z.object({ ...CellDef, templates: z.array(z.enum(['2019', '2021'])), values: z.array(z.number().nullable()).describe('每个年度一个值，顺序同 years') })),
  superseded: z.array(z.number().int()),
  definitions: Definitions,
});
export const NarrativeDiff = z.object({
  agencyId: z.number().int(),
  agency: z.string(),
  from: z.object({ year: z.number().int(), reportId: z.number().int() }),
  to: z.object({ year: z.number().int(), reportId: z.number().int() }),
  sections: z.array(z.object({
    key: z.string(),
    heading: z.string(),
    similarity: z.number().nullable().describe('0–1，字符二元组相似度（数字、标点不计），同 NAR-09“内容雷同”'),
    ops: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
  })),
});
export const CsvResult = z.object({
  rows: z.number().int(), regionsCreated: z.array(z.string()), agenciesCreated: z.number().int(), agenciesMoved: z.number().int(), agenciesUnchanged: z.number().int(),
});
export const Summary = z.object({
  reports: z.number().int(), agencies: z.number().int(), regions: z.number().int(), years: z.array(z.number().int()), templates: z.array(z.string()),
  withErrors: z.number().int(), withWarnings: z.number().int(), errors: z.number().int(), warnings: z.number().int(),
});
export const RuleList = z.array(z.object({
  id: z.string(), name: z.string(), severity: z.string(), templates: z.array(z.string()), scope: z.string(), description: z.string(), basis: z.string(),
}));
