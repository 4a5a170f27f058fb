import { cellPaths } from '../schema/cells.ts';
import { bySeverity, type Message } from '../schema/message.ts';
import { NOTE_DEFS, type NoteCode } from '../schema/notes.ts';
import { placeName, placeNameInTable } from '../schema/places.ts';
import type { ExtractionNote } from '../schema/types.ts';
import type { CheckableReport, Finding } from './types.ts';
import { ONE_BY_ONE } from './grouping.ts';

const reports = (f: Finding, n: ExtractionNote) =>
  f.notes?.some((r) => r.code === n.code && (r.path ?? '') === (n.path ?? '') && (r.start === undefined || r.start === n.start)) ?? false;

/**
 * Notes of one code about more than three rows (or items, or cells) of one table, said once for the
 * table: a report crawled with its cells run together has a note on nearly every row of 表三, and one
 * line per row would bury the report's own findings. The first three places are named, the first
 * note's place in the source is kept, and every cell of the rows is listed in `cells`.
 */
function perTable(notes: readonly ExtractionNote[], template: string): Message[] {
  // In order of first appearance; a note not about a table is a group of its own.
  const groups: ExtractionNote[][] = [];
  const byKey = new Map<string, ExtractionNote[]>();
  for (const n of notes) {
    const key = n.location.table ? `${n.code} ${n.location.table}` : null;
    const group = key === null ? undefined : byKey.get(key);
    if (group) group.push(n);
    else {
      groups.push([n]);
      if (key !== null) byKey.set(key, groups[groups.length - 1]!);
    }
  }
  return groups.flatMap((group): Message[] => (group.length <= ONE_BY_ONE ? group : [saidOnce(group, template)]));
}

/** One message for the notes of one code on one table. */
function saidOnce(group: readonly ExtractionNote[], template: string): Message {
  const first = group[0]!;
  const table = placeName({ table: first.location.table });
  const names = group.slice(0, ONE_BY_ONE).map((n) => placeNameInTable(n.location, template) || n.path);
  const paths = group.flatMap((n) => (n.path ? [n.path] : []));
  const cells = template === '2019' || template === '2021' ? cellPaths(template) : [];
  const covered = cells.filter((c) => paths.some((p) => c === p || c.startsWith(`${p}.`)));
  return {
    source: 'extract',
    code: first.code,
    severity: [...group].sort(bySeverity)[0]!.severity,
    message: `${table}共${group.length}处${NOTE_DEFS[first.code as NoteCode] ?? first.message}：${names.join('、')}等`,
    location: { table: first.location.table },
    ...(first.span ? { span: first.span } : {}),
    ...(covered.length ? { cells: covered } : {}),
  };
}

/**
 * Everything the stages say about a report, as one list: the findings of the rules, then the
 * extractor's notes that no finding already reports (a note a rule turned into a finding is
 * shown once, as that finding; notes of one kind on one table are shown once). Most severe
 * first; within a severity, findings before notes.
 */
export function messagesOf(report: Pick<CheckableReport, 'notes' | 'template'>, findings: readonly Finding[]): Message[] {
  const notes = (report.notes ?? []).filter((n) => !findings.some((f) => reports(f, n)));
  return [...findings, ...perTable(notes, report.template)].sort(bySeverity);
}
