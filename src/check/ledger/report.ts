import { readCell, requestsPath, reviewPath } from '../../schema/cells.ts';
import { categoryRows, LITIGATION_GROUPS, RESULT_CATEGORIES } from '../../schema/identities.ts';
import { LEDGER_NARRATIVE, LEDGER_PRODUCER, type Ledger } from '../../schema/ledger.ts';
import type { IssuerType, Report } from '../../schema/types.ts';
import { format } from '../cells.ts';
import { ledgerTemplate } from './check.ts';
import { FEE_FIRST_DAY } from './fees.ts';
import { ledgerTables, yearEnd } from './tables.ts';

export interface LedgerReportOptions {
  agency: string;
  year: number;
  issuerType: IssuerType;
}

/** Sections 三, 四 and 六 drafted from the tables: the statutory sentences with the ledger's numbers, for the clerk to edit. */
function draftSections(ledger: Ledger, report: Pick<Report, 'tables' | 'template'>, year: number): Pick<Report['sections'], 'requests' | 'review' | 'other'> {
  const cell = (path: string) => readCell(report.tables, path) ?? 0;
  const total = (row: string) => cell(requestsPath(row, 'total'));
  const counts: Record<string, number> = { year };
  for (const row of ['newReceived', 'carriedOver', 'resultTotal', 'carriedForward']) counts[row] = total(row);
  for (const category of RESULT_CATEGORIES) counts[category] = categoryRows(report.template as '2019' | '2021', category).reduce((s, r) => s + total(r), 0);
  const requests = counts.newReceived! + counts.carriedOver! === 0 ? format(LEDGER_NARRATIVE.noRequests, counts) : format(LEDGER_NARRATIVE.requests, counts);
  const review = format(LEDGER_NARRATIVE.review, {
    year,
    review: cell(reviewPath('review', 'total')),
    litigation: LITIGATION_GROUPS.reduce((s, g) => s + cell(reviewPath(g, 'total')), 0),
  });
  const fees = ledger.applications.filter((a) => a.fee && a.fee.noticeOn.slice(0, 4) === String(year) && a.fee.amount > 0);
  const collected = fees.filter((a) => a.fee!.paidOn && a.fee!.paidOn <= yearEnd(year)).reduce((s, a) => s + a.fee!.amount, 0);
  const other = year < Number(FEE_FIRST_DAY.slice(0, 4))
    ? ''
    : format(fees.length ? LEDGER_NARRATIVE.fees : LEDGER_NARRATIVE.noFees, { year, notices: fees.length, collected });
  return { requests, review, other };
}

/**
 * A draft report for the year computed from the ledger (LED-02): tables 二, 三 and 四 by construction,
 * every computed cell's provenance saying it comes from the ledger, and the statutory sentences drafted.
 */
export function ledgerReport(ledger: Ledger, options: LedgerReportOptions): Report {
  const template = ledgerTemplate(options.year);
  const { tables, provenance } = ledgerTables(ledger, options.year, template);
  const sections = draftSections(ledger, { tables, template }, options.year);
  return {
    agency: options.agency,
    year: options.year,
    template,
    signedOn: null,
    publishedOn: null,
    issuerType: options.issuerType,
    sections: { overview: null, active: null, requests: sections.requests, review: sections.review, problems: null, other: sections.other || null },
    tables,
    source: { name: `${options.agency}${options.year}年台账`, format: 'json' },
    preamble: null,
    provenance,
    notes: [],
    producedBy: { extractor: LEDGER_PRODUCER },
  };
}
