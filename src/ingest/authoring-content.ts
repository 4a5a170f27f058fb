import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../schema/templates.ts';
import type { Cell, Report } from '../schema/types.ts';

/**
 * A report as authoring content with the contract's keys — what the web editor edits and sends
 * back (read again strictly by `readAuthoringValue`): metadata, preamble, the six sections, and
 * every cell of the template's three tables (blank = null).
 */
export interface AuthoringContent {
  agency: string | null;
  year: number;
  template: TableTemplate;
  issuerType: Report['issuerType'];
  signedOn: string | null;
  publishedOn: string | null;
  preamble: string | null;
  sections: Record<string, string | null>;
  active: Record<string, Record<string, Record<string, Cell>>>;
  requests: Record<string, Cell[]>;
  review: Record<string, Cell[]>;
}

export function contentOf(report: Report & { template: TableTemplate; year: number }): AuthoringContent {
  const t = report.template;
  const tables = report.tables;
  const active = Object.fromEntries(TEMPLATE_DEFS[t].active.map((item) => [
    item.key,
    Object.fromEntries(item.rows.map((r) => [r.key, Object.fromEntries(item.columns.map((c) => [c.key, tables.active[item.key]?.[r.key]?.[c.key] ?? null]))])),
  ]));
  const requests = Object.fromEntries(requestRows(t).map((r) => [r.key, REQUEST_COLUMNS.map((_c, i) => (tables.requests as Record<string, Cell[] | undefined>)[r.key]?.[i] ?? null)]));
  const review = Object.fromEntries(REVIEW_GROUPS.map((g) => [g.key, REVIEW_COLUMNS.map((_c, i) => tables.review[g.key]?.[i] ?? null)]));
  return {
    agency: report.agency,
    year: report.year,
    template: t,
    issuerType: report.issuerType,
    signedOn: report.signedOn,
    publishedOn: report.publishedOn,
    preamble: report.preamble ?? null,
    sections: Object.fromEntries(SECTIONS.map((s) => [s.key, report.sections[s.key] ?? null])),
    active,
    requests,
    review,
  };
}
