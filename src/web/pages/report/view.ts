import type { Finding } from '../../../check/types.ts';
import type { Message } from '../../../schema/message.ts';
import type { ExtractedReport } from '../../../extract/index.ts';
import type { TableTemplate } from '../../../schema/templates.ts';
import type { Correction, ReportDetail } from '../../../store/reports.ts';
import { isDismissed, type TriagedFinding } from '../../../store/triage.ts';
import { locatedPaths, valuePaths } from '../../grid.ts';
import { imagePages } from './source-pane.ts';
import { findingSpan, type Span } from './spans.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A message (a finding or an extraction note) as listed on the page: the value cells it concerns and where it points in the source. */
export interface ShownFinding {
  f: Message;
  located: string[];
  span: Span | undefined;
}

/** What the parts of the report page are drawn from, worked out once. */
export interface ReportView {
  r: ReportDetail;
  report: ExtractedReport;
  template: ExtractedReport['template'];
  /** The template when the report has the statutory tables (2019 and 2021 formats), else null. */
  tableTemplate: TableTemplate | null;
  /** Paths of the value cells of the tables. */
  paths: string[];
  corrected: Map<string, Correction>;
  /** The one list of messages: most severe first, findings before notes, in check order within a severity. */
  findings: ShownFinding[];
  /** The most severe finding on each value cell. */
  worst: Map<string, Finding['severity']>;
  /** Pages of the original shown as images (PDF and images), else empty. */
  pageList: number[];
  title: string;
  /** The viewer may record decisions about findings (admins and supervisors). */
  mayTriage: boolean;
}

export function reportView(r: ReportDetail, opts: { mayTriage?: boolean } = {}): ReportView {
  const report = r.report;
  const template = report.template;
  const tableTemplate = template === '2019' || template === '2021' ? template : null;
  const paths = tableTemplate ? valuePaths(tableTemplate, report.tables) : [];
  const known = new Set(paths);
  const findings = r.messages.map((f) => {
      // A finding about several cells (an identity, a table's blanks) lists them; else its location names them.
      const located = f.cells?.length ? f.cells.filter((p) => known.has(p)) : locatedPaths(f.location, paths);
      return { f, located, span: findingSpan(f, located, report) };
    });
  return {
    r,
    report,
    template,
    tableTemplate,
    paths,
    corrected: new Map(r.corrections.map((c) => [c.path, c])),
    findings,
    worst: worstSeverities(findings),
    pageList: imagePages(r.format, report.provenance),
    title: `${r.agency ?? '（未读出机关名称）'}${r.year ? ` ${r.year} 年度` : ''}`,
    mayTriage: opts.mayTriage ?? false,
  };
}

function worstSeverities(findings: readonly ShownFinding[]): Map<string, Finding['severity']> {
  const worst = new Map<string, Finding['severity']>();
  for (const { f, located } of findings) {
    if (dismissedMessage(f)) continue;
    for (const p of located) {
      const w = worst.get(p);
      if (!w || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w]) worst.set(p, f.severity);
    }
  }
  return worst;
}


/** A finding a reviewer dismissed as 误报 (a decision that still applies). */
export const dismissedMessage = (f: Message): boolean => f.source === 'check' && isDismissed(f as TriagedFinding);
