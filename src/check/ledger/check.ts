import { placeName } from '../../schema/places.ts';
import { ledgerTemplateOf, type Ledger } from '../../schema/ledger.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { format } from '../cells.ts';
import { loadRules, sortFindings } from '../engine.ts';
import type { CheckableReport, Finding, LedgerRule, ReportInput, Rule } from '../types.ts';
import { ledgerTables, yearEnd } from './tables.ts';

export interface LedgerCheckOptions {
  /** The report published for the year (LED-02 compares its tables with the ledger's). */
  published?: CheckableReport;
  /** Judge deadlines as on this day (default: 31 December of the year). */
  asOf?: string;
}

/** The statutory template of a ledger year; ledgers start with the 2019 format. */
export const ledgerTemplate: (year: number) => TableTemplate = ledgerTemplateOf;

/** Runs the ledger rules over an agency's registers for a year. */
export function checkLedgerWith(ledger: Ledger, year: number, rules: readonly Rule[], options: LedgerCheckOptions = {}): Finding[] {
  const template = ledgerTemplate(year);
  const derived = ledgerTables(ledger, year, template);
  const asOf = options.asOf && options.asOf < yearEnd(year) ? options.asOf : yearEnd(year);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.meta.scope !== 'ledger' || !rule.meta.templates.includes(template)) continue;
    const { meta } = rule as LedgerRule;
    (rule as LedgerRule).check({
      ledger, year, template, asOf, derived,
      ...(options.published ? { published: options.published } : {}),
      report: (input: ReportInput) => {
        const text = meta.messages[input.messageId];
        if (text === undefined) throw new Error(`${meta.id}: no message "${input.messageId}"`);
        findings.push({
          source: 'check',
          code: meta.id,
          rule: meta.id,
          messageId: input.messageId,
          severity: input.severity ?? meta.severity,
          message: format(text, { where: placeName(input.location, template), ...input.data }),
          location: input.location,
          ...(input.actual !== undefined ? { actual: input.actual } : {}),
          ...(input.expected !== undefined ? { expected: input.expected } : {}),
          basis: meta.basis,
          ...(input.cells?.length ? { cells: input.cells } : {}),
        });
      },
    });
  }
  return sortFindings(findings);
}

export async function checkLedger(ledger: Ledger, year: number, options: LedgerCheckOptions = {}): Promise<Finding[]> {
  return checkLedgerWith(ledger, year, await loadRules(), options);
}
