import { z } from 'zod';
import { SUMMARY_REPORTS } from '../store/region-summary.ts';
import { Finding } from './schemas.ts';

/** Request and answer schemas of writing a report in the browser (新建报告, 编写). */

export const DraftBody = z.object({
  agencyId: z.coerce.number().int().positive().describe('机关编号'),
  year: z.coerce.number().int().min(2019).max(2100).describe('报告年度（2019 年度起；2019–2020 用 2019 格式，2021 起用 2021 格式）'),
});

const Content = z.record(z.string(), z.unknown()).describe(
  '报告内容，键同填写文件（可用中文名或数据契约的英文键）：agency、year、template、issuerType、signedOn、publishedOn、preamble、sections{部分: 文字}、' +
  'active{项: {行: {列: 数}}}、requests{行: [7 个数]}、review{组: [5 个数]}；空白为 null，总计可写 null 由程序计算',
);

export const ContentAnswer = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: z.string(),
  content: Content,
});

export const DraftAnswer = ContentAnswer.extend({
  previousReportId: z.number().int().nullable().describe('预填所依据的上一年度报告（没有时为 null）'),
  carried: z.array(z.string()).describe('从上一年度报告预填的单元格路径'),
});

export const ContentBody = z.object({
  baseVersion: z.number().int().positive().describe('编写时看到的版本号；报告已被改过时 409'),
  content: Content,
});

export const CheckBody = z.object({ content: Content });

export const SavedAnswer = z.object({
  version: z.number().int(),
  changed: z.boolean().describe('false：内容与已保存的相同，没有新版本'),
  changes: z.number().int().describe('改动的单元格和字段数'),
  status: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
});

export const CheckAnswer = z.object({ findings: z.array(Finding.extend({ paths: z.array(z.string()).describe('结果涉及的单元格') })) });

export const SummaryDraftBody = z.object({
  year: z.coerce.number().int().min(2019).max(2100).describe('年度'),
  reports: z.enum(SUMMARY_REPORTS).default('accepted').describe('accepted（默认）：只汇总已通过或已发布的报告；all：各机关的全部报告'),
});

export const SummaryDraftAnswer = z.object({
  id: z.number().int().describe('新建的汇总报告草稿编号'),
  reports: z.number().int().describe('逐格相加的报告数'),
  skipped: z.number().int().describe('未计入的报告数（未通过、格式不同或下级区域的汇总报告）'),
});
