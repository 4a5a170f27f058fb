import { checkReports, loadRules } from './engine.ts';
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
export const RULES_VERSION = '2026.12.03.3';

export async function checkAll(reports: readonly CheckableReport[], config: CheckConfig = {}, options: SeriesOptions = {}): Promise<Finding[][]> {
  return checkReports(reports, await loadRules(), config, options);
}
