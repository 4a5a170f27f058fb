import { z } from 'zod';
import { RANKING_LEVELS } from '../store/ranking.ts';
import { TIMELINESS } from '../store/ranking-measures.ts';
import { REPORT_STATUSES } from '../store/workflow-steps.ts';
import { FORMAT_TABULAR } from './schemas.ts';

/** Request and answer schemas of the region's ranking. */

export { IdParams } from './schemas.ts';

export const RankingQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).describe('年度'),
  level: z.enum(RANKING_LEVELS).default('agencies').describe('agencies（默认）：区域内（含下级）各机关；regions：各直属下级区域（计其所有机关）'),
  format: FORMAT_TABULAR,
});

const Rate = z.object({ value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable() });

const AgencyRank = z.object({
  rank: z.number().int(),
  agencyId: z.number().int(),
  agency: z.string(),
  issuerType: z.string(),
  regionId: z.number().int().nullable(),
  regionPath: z.array(z.string()),
  reportId: z.number().int().nullable(),
  status: z.enum([...REPORT_STATUSES, 'missing']),
  deadline: z.string().nullable(),
  publishedOn: z.string().nullable(),
  timeliness: z.enum(TIMELINESS),
  errors: z.number().int().nullable(),
  warnings: z.number().int().nullable(),
  completeness: Rate,
  returns: z.number().int(),
});

const RegionRank = z.object({
  rank: z.number().int(),
  regionId: z.number().int(),
  region: z.string(),
  agencies: z.number().int(),
  reports: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  onTimeRate: Rate,
  errors: z.number().int(),
  warnings: z.number().int(),
  returns: z.number().int(),
  errorsPerReport: Rate,
  warningsPerReport: Rate,
  returnsPerReport: Rate,
  completeness: Rate,
});

export const Ranking = z.object({
  region: z.object({ id: z.number().int(), name: z.string(), path: z.array(z.string()) }),
  year: z.number().int(),
  today: z.string().describe('判断是否逾期所用的日期'),
  level: z.enum(RANKING_LEVELS),
  items: z.array(z.union([AgencyRank, RegionRank])).describe('按排名规则排列；并列的名次相同（1、2、2、4）'),
  definitions: z.record(z.string(), z.object({ key: z.string(), label: z.string(), unit: z.string(), definition: z.string() })).describe('每项指标的定义'),
  order: z.string().describe('排名规则'),
});
