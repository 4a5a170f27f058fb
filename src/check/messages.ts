import { bySeverity, type Message } from '../schema/message.ts';
import type { ExtractionNote } from '../schema/types.ts';
import type { CheckableReport, Finding } from './types.ts';

const reports = (f: Finding, n: ExtractionNote) =>
  f.notes?.some((r) => r.code === n.code && (r.path ?? '') === (n.path ?? '') && (r.start === undefined || r.start === n.start)) ?? false;

/**
 * Everything the stages say about a report, as one list: the findings of the rules, then the
 * extractor's notes that no finding already reports (a note a rule turned into a finding is
 * shown once, as that finding). Most severe first; within a severity, findings before notes.
 */
export function messagesOf(report: Pick<CheckableReport, 'notes'>, findings: readonly Finding[]): Message[] {
  const notes = (report.notes ?? []).filter((n) => !findings.some((f) => reports(f, n)));
  return [...findings, ...notes].sort(bySeverity);
}
