import type { TableTemplate } from '../schema/templates.ts';
import { stripNumbering } from '../schema/normalize.ts';
import { REQUEST_COLUMNS, REQUEST_GROUP_LABELS, REQUEST_RESULTS_LABEL, REQUEST_ROWS, requestRows, type RequestGroup } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUP_KEYS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL } from '../schema/review.ts';
import type { Cell, Tables } from '../schema/types.ts';
import { readCell, requestsPath, reviewPath } from '../schema/cells.ts';
import { categoryLabel, categoryRows, RESULT_CATEGORIES, type ResultCategory } from '../schema/identities.ts';
import type { ReviewColumnKey } from '../schema/review.ts';

/**
 * The figures the region pages show, each with one written definition (the
 * API returns them, so the pages print the same words). A rate whose
 * denominator is 0, or whose cells are blank, is null — never 0.
 */

export interface Rate {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Sum {
  value: number | null;
  /** Cells that were blank (null) and so are not in the sum. */
  blanks: number;
}

export const DISTRIBUTION_GROUPS = RESULT_CATEGORIES;
export type DistributionKey = ResultCategory;

export interface MetricDef {
  key: string;
  label: string;
  unit: string;
  definition: string;
}

const ROW = (key: string) => REQUEST_ROWS.find((r) => r.key === key)!;
const rowLabel = (key: string) => {
  const r = ROW(key);
  return 'short' in r && r.short ? r.short : r.label;
};
const COL_TOTAL = REQUEST_COLUMNS.find((c) => c.key === 'total')!.label;
const REVIEW_COL = (key: string) => REVIEW_COLUMNS.find((c) => c.key === key)!.label;
const REVIEW_GROUP = (key: string) => REVIEW_GROUPS.find((g) => g.key === key)!.label;
const GROUP_LABEL = Object.fromEntries(RESULT_CATEGORIES.map((c) => [c, categoryLabel(c)])) as Record<DistributionKey, string>;
const NULL_RULE = '分母为 0 或所需数字空白时不计算（为空，不是 0）。';
const POOLED = '地区的比率 = 各报告分子之和 ÷ 各报告分母之和，只计可以计算的报告。';

// Labels come from src/schema, the one place that writes them.
export const METRICS = {
  received: {
    key: 'received',
    label: '收到申请数',
    unit: '件',
    definition: `收到申请数 = 表三“${ROW('newReceived').label}”的“${COL_TOTAL}”列。空白不计为 0，另计空白数。`,
  },
  resultTotal: {
    key: 'resultTotal',
    label: '办理结果总数',
    unit: '件',
    definition: `办理结果总数 = 表三“${REQUEST_RESULTS_LABEL}${rowLabel('resultTotal')}”的“${COL_TOTAL}”列。`,
  },
  distribution: {
    key: 'distribution',
    label: '办理结果分布',
    unit: '件',
    definition:
      `办理结果分布 = 表三“${REQUEST_RESULTS_LABEL}”${DISTRIBUTION_GROUPS.map((k) => GROUP_LABEL[k]).join('、')}各类的“${COL_TOTAL}”列；` +
      `${GROUP_LABEL.denied}至${GROUP_LABEL.other}为该类各小项之和。空白不计为 0，另计空白数。`,
  },
  openRate: {
    key: 'openRate',
    label: '公开率',
    unit: '',
    definition:
      `公开率 =（表三“${rowLabel('granted')}”+“${rowLabel('partlyGranted')}”）÷ 表三“${rowLabel('resultTotal')}”，均取“${COL_TOTAL}”列。${NULL_RULE}${POOLED}`,
  },
  correctionRate: {
    key: 'correctionRate',
    label: '纠错率',
    unit: '',
    definition:
      `纠错率 = 表四“${REVIEW_COL('corrected')}”之和 ÷（“${REVIEW_COL('total')}”之和 − “${REVIEW_COL('pending')}”之和），` +
      `对${REVIEW_GROUP('review')}、${REVIEW_LITIGATION_LABEL}（${REVIEW_GROUP('litigationDirect')}、${REVIEW_GROUP('litigationAfterReview')}）三组求和。${NULL_RULE}${POOLED}`,
  },
} as const satisfies Record<string, MetricDef>;

/** Short names of the result categories (printed labels without their numbering). */
export const DISTRIBUTION_LABELS: Record<DistributionKey, string> = Object.fromEntries(
  DISTRIBUTION_GROUPS.map((k) => [k, stripNumbering(GROUP_LABEL[k]).replace(/^（[一二三四五六七]）/, '')]),
) as Record<DistributionKey, string>;

const requestTotal = (tables: Tables, row: string): Cell => readCell(tables, requestsPath(row, 'total')) ?? null;

function sumOf(cells: readonly Cell[]): Sum {
  let value: number | null = null;
  let blanks = 0;
  for (const c of cells) {
    if (c === null) blanks++;
    else value = (value ?? 0) + c;
  }
  return { value, blanks };
}

/** The （一）–（六） result categories of table 三, each the sum of its rows' totals. */
export function distribution(template: TableTemplate, tables: Tables): Record<DistributionKey, Sum> {
  const out = {} as Record<DistributionKey, Sum>;
  for (const key of DISTRIBUTION_GROUPS) {
    out[key] = sumOf(categoryRows(template, key).map((row) => requestTotal(tables, row)));
  }
  return out;
}

export function rate(numerator: number | null, denominator: number | null): Rate {
  if (numerator === null || denominator === null || denominator === 0) return { value: null, numerator, denominator };
  return { value: numerator / denominator, numerator, denominator };
}

export function openRate(tables: Tables): Rate {
  const granted = requestTotal(tables, 'granted');
  const partly = requestTotal(tables, 'partlyGranted');
  const total = requestTotal(tables, 'resultTotal');
  return rate(granted === null || partly === null ? null : granted + partly, total);
}

export function correctionRate(tables: Tables): Rate {
  let numerator: number | null = 0;
  let denominator: number | null = 0;
  for (const g of REVIEW_GROUP_KEYS) {
    const cell = (column: ReviewColumnKey) => readCell(tables, reviewPath(g, column)) ?? null;
    const corrected = cell('corrected');
    const total = cell('total');
    const pending = cell('pending');
    numerator = corrected === null || numerator === null ? null : numerator + corrected;
    denominator = total === null || pending === null || denominator === null ? null : denominator + total - pending;
  }
  return rate(numerator, denominator);
}

export interface ReportMetrics {
  received: Cell;
  resultTotal: Cell;
  distribution: Record<DistributionKey, Sum>;
  openRate: Rate;
  correctionRate: Rate;
}

export function reportMetrics(template: TableTemplate, tables: Tables): ReportMetrics {
  return {
    received: requestTotal(tables, 'newReceived'),
    resultTotal: requestTotal(tables, 'resultTotal'),
    distribution: distribution(template, tables),
    openRate: openRate(tables),
    correctionRate: correctionRate(tables),
  };
}

export interface PooledRate extends Rate {
  /** Reports whose rate could be computed and so are in the sums. */
  included: number;
  /** Reports left out (denominator 0 or blank cells). */
  excluded: number;
}

/** A region's rate: numerators and denominators summed over the reports where both are known and the denominator is not 0. */
export function pooled(rates: readonly Rate[]): PooledRate {
  let n = 0;
  let d = 0;
  let included = 0;
  for (const r of rates) {
    if (r.value === null) continue;
    n += r.numerator!;
    d += r.denominator!;
    included++;
  }
  return { ...rate(included ? n : null, included ? d : null), included, excluded: rates.length - included };
}

export function sumCells(cells: readonly Cell[]): Sum {
  return sumOf(cells);
}

export interface Ranked<T> {
  rank: number | null;
  value: number | null;
  item: T;
}

/** Highest first, ties share a rank (1, 1, 3); null values last, unranked. */
export function rank<T>(items: readonly T[], value: (t: T) => number | null): Ranked<T>[] {
  const known = items.map((item) => ({ item, value: value(item) })).filter((x) => x.value !== null).sort((a, b) => b.value! - a.value!);
  const out: Ranked<T>[] = [];
  known.forEach((x, i) => {
    const prev = out[i - 1];
    out.push({ rank: prev && prev.value === x.value ? prev.rank : i + 1, value: x.value, item: x.item });
  });
  for (const item of items) if (value(item) === null) out.push({ rank: null, value: null, item });
  return out;
}
