import { z } from 'zod';
import { REPORT_STATUSES, WORKFLOW_STEPS } from '../store/workflow-steps.ts';

/** Request and answer schemas of the reporting workflow and the supervisor's status list. */

const status = z.enum(REPORT_STATUSES);

export const ReturnBody = z.object({
  comment: z.string().min(1).max(2000).describe('退回意见'),
  cells: z.array(z.string().max(200)).max(200).optional().describe('意见涉及的单元格路径（如 requests.newReceived.total）或 meta. 字段'),
  findingKeys: z.array(z.string().max(500)).max(200).optional().describe('意见涉及的核查结果 key'),
});

export const PublishBody = z.object({
  url: z.string().min(1).max(2000).describe('发布网址（http:// 或 https://）'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期').describe('发布日期，写入报告的发布日期并重新核查'),
});

export const WorkflowRecord = z.object({
  id: z.number().int(),
  step: z.enum(WORKFLOW_STEPS),
  from: status,
  to: status,
  userId: z.number().int().nullable(),
  username: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
  cells: z.array(z.string()),
  findingKeys: z.array(z.string()),
  publishedUrl: z.string().nullable(),
  publishedOn: z.string().nullable(),
});

export const StepAnswer = z.object({ status, step: WorkflowRecord });

export const RegionStatus = z.object({
  region: z.object({ id: z.number().int(), name: z.string(), path: z.array(z.string()) }),
  year: z.number().int(),
  today: z.string().describe('计算是否逾期所用的日期'),
  counts: z.record(z.string(), z.number().int()).describe('各状态（含 missing 未报送）和 overdue 逾期的机关数'),
  items: z.array(z.object({
    agencyId: z.number().int(),
    agency: z.string(),
    issuerType: z.string(),
    regionId: z.number().int().nullable(),
    regionPath: z.array(z.string()),
    reportId: z.number().int().nullable(),
    status: z.enum([...REPORT_STATUSES, 'missing']),
    deadline: z.string().nullable().describe('适用的发布期限（条例第四十九条或核查配置中的地方期限）'),
    deadlineSource: z.string().nullable(),
    overdue: z.boolean().describe('今天已过期限且尚未发布'),
    late: z.boolean().describe('发布日期晚于期限'),
    publishedOn: z.string().nullable(),
    publishedUrl: z.string().nullable(),
  })),
});
