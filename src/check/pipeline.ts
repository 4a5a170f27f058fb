import { checkReports, loadRules } from './engine.ts';
import type { CheckConfig, CheckableReport, Finding } from './types.ts';

/**
 * The one pipeline every entry point runs (the CLI's check and render, the store's import,
 * corrections and re-checks, the API): read → extract → repair is `extractSource`
 * (src/extract/index.ts) for documents, `readAuthoring` + `completeTotals` for filled-in files,
 * `checkContract` for contract JSON; then this — every rule, with the same configuration.
 */
export async function checkAll(reports: readonly CheckableReport[], config: CheckConfig = {}): Promise<Finding[][]> {
  return checkReports(reports, await loadRules(), config);
}
