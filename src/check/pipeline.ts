import { addSeriesFindings, checkReport, checkReports, loadRules } from './engine.ts';
import type { SeriesOptions } from './series.ts';
import type { CheckConfig, CheckableReport, Finding } from './types.ts';

/**
 * The one pipeline every entry point runs (the CLI's check and render, the store's import,
 * corrections and re-checks, the API): read → extract → repair is `extractSource`
 * (src/extract/index.ts) for documents, `readAuthoringReport` (strict reading, then `completeTotals`) for filled-in files,
 * `checkContract` for contract JSON; then this — every rule, with the same configuration.
 */
/**
 * The version of the rule catalogue: stored with every set of findings, so that reports checked by
 * older rules can be found and checked again. Change it whenever a change alters what a rule reports.
 */
export const RULES_VERSION = '2026.12.07.1';

export async function checkAll(reports: readonly CheckableReport[], config: CheckConfig = {}, options: SeriesOptions = {}): Promise<Finding[][]> {
  return checkReports(reports, await loadRules(), config, options);
}

/** The one-report rules only (a report about to be stored: its transaction then runs only the cross-year part). */
export async function checkOne(report: CheckableReport, config: CheckConfig = {}): Promise<Finding[]> {
  return checkReport(report, await loadRules(), config);
}

/**
 * The cross-year rules added to one-report findings already known (`own`, changed in place and returned),
 * with the same pairing as `checkAll`.
 */
export async function addSeries(reports: readonly CheckableReport[], own: Finding[][], config: CheckConfig = {}): Promise<Finding[][]> {
  return addSeriesFindings(reports, own, await loadRules(), config);
}

/** Ids of the cross-year rules: their findings depend on the other years of a series, the others on the report alone. */
export async function seriesRuleIds(): Promise<Set<string>> {
  return new Set((await loadRules()).filter((r) => r.meta.scope === 'series').map((r) => r.meta.id));
}
