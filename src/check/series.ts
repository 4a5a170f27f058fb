import { seriesKey } from '../schema/issuer.ts';
import type { Message } from '../schema/message.ts';
import type { CheckableReport } from './types.ts';

/** How reports given together are grouped into series. */
export interface SeriesOptions {
  /** All the reports are one issuer's series, whatever their names (`ogi check --series`). */
  series?: boolean;
}

/** The series key of a report (`seriesKey` of its agency), null without an agency. */
export function reportSeriesKey(report: CheckableReport): string | null {
  return report.agency ? seriesKey(report.agency) : null;
}

/**
 * The pairs [previous, current] (indexes into `reports`) of consecutive years of one series,
 * on which the cross-year rules run. Reports without a year are in no pair; without an agency
 * they are in none either, unless every report is taken as one series.
 */
export function seriesPairs(reports: readonly CheckableReport[], options: SeriesOptions = {}): [number, number][] {
  const groups = new Map<string, number[]>();
  reports.forEach((r, i) => {
    const key = options.series ? '' : reportSeriesKey(r);
    if (key === null || r.year === null) return;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const pairs: [number, number][] = [];
  for (const indexes of groups.values()) {
    const sorted = [...indexes].sort((a, b) => reports[a]!.year! - reports[b]!.year!);
    for (let n = 1; n < sorted.length; n++) {
      if (reports[sorted[n]!]!.year! - reports[sorted[n - 1]!]!.year! === 1) pairs.push([sorted[n - 1]!, sorted[n]!]);
    }
  }
  return pairs;
}

/** Code of the notice that reports given together were not checked across years. */
export const UNPAIRED_CODE = 'series-unpaired';

/**
 * When reports given together form no series at all although two of them are of consecutive
 * years (under names that differ), a notice on the later one of the first such pair: the
 * cross-year checks did not run, and how to make them run. Null when some pair was checked,
 * or when no two reports are of consecutive years.
 */
export function unpairedNotice(reports: readonly CheckableReport[], options: SeriesOptions = {}): { index: number; message: Message } | null {
  if (options.series || reports.length < 2 || seriesPairs(reports).length) return null;
  const dated = reports.map((r, i) => ({ r, i })).filter(({ r }) => r.agency && r.year !== null);
  dated.sort((a, b) => a.r.year! - b.r.year!);
  for (let n = 1; n < dated.length; n++) {
    const a = dated[n - 1]!;
    const b = dated[n]!;
    if (b.r.year! - a.r.year! !== 1) continue;
    return {
      index: b.i,
      message: {
        source: 'check',
        code: UNPAIRED_CODE,
        severity: 'info',
        message: `这两份报告的发布机关名称不同（“${a.r.agency}”“${b.r.agency}”），未作跨年度核对；如为同一机关，请统一名称或用 --series 指定`,
        location: { field: 'agency' },
      },
    };
  }
  return null;
}
