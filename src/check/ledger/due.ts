import { addWorkingDays } from '../../schema/calendar/working-days.ts';
import type { Application } from '../../schema/ledger.ts';
import { dueDate } from '../deadline.ts';

export const DUE_SOON_WORKING_DAYS = 5;

/** An extension counts only with an approval record (art. 33 ¶2: 经政府信息公开工作机构负责人同意). */
export const approvedExtension = (app: Application): boolean => Boolean(app.extension?.approvedBy?.trim());

export const suspendedDays = (app: Application): number => (app.consultations ?? []).reduce((s, c) => s + c.days, 0);

export type DueState =
  | { kind: 'due'; dueOn: string }
  /** A 补正 was asked for and has not come back: the clock has not started again (art. 30). */
  | { kind: 'awaitingCorrection' }
  /** The calendar does not cover the dates (the message says which year is missing). */
  | { kind: 'unknown'; message: string };

/** The statutory reply date of an application (arts 30–34), reusing `ogi deadline`'s computation. */
export function applicationDue(app: Application): DueState {
  if (app.correction && !app.correction.receivedOn) return { kind: 'awaitingCorrection' };
  try {
    const d = dueDate({
      received: app.receivedOn,
      extended: approvedExtension(app),
      ...(app.correction?.receivedOn ? { correctionReceived: app.correction.receivedOn } : {}),
      suspendedDays: suspendedDays(app),
    });
    return { kind: 'due', dueOn: d.dueDate };
  } catch (e) {
    return { kind: 'unknown', message: (e as Error).message };
  }
}

export interface DueEntry {
  app: Application;
  dueOn: string;
  overdue: boolean;
}

/**
 * The undecided applications on `asOf` that are overdue, or due within 5 working days, ordered by due date.
 * A decided application is overdue when its reply came after the due date (listed with `includeDecided`).
 */
export function dueList(apps: readonly Application[], asOf: string, options: { includeDecided?: boolean } = {}): { overdue: DueEntry[]; dueSoon: DueEntry[] } {
  const overdue: DueEntry[] = [];
  const dueSoon: DueEntry[] = [];
  let horizon: string;
  try {
    horizon = addWorkingDays(asOf, DUE_SOON_WORKING_DAYS);
  } catch {
    horizon = asOf;
  }
  for (const app of apps) {
    if (app.receivedOn > asOf) continue;
    const due = applicationDue(app);
    if (due.kind !== 'due') continue;
    const decided = Boolean(app.decidedOn && app.decidedOn <= asOf);
    if (decided) {
      if (options.includeDecided && app.decidedOn! > due.dueOn) overdue.push({ app, dueOn: due.dueOn, overdue: true });
      continue;
    }
    if (due.dueOn < asOf) overdue.push({ app, dueOn: due.dueOn, overdue: true });
    else if (due.dueOn <= horizon) dueSoon.push({ app, dueOn: due.dueOn, overdue: false });
  }
  const byDue = (a: DueEntry, b: DueEntry) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.app.number.localeCompare(b.app.number));
  return { overdue: overdue.sort(byDue), dueSoon: dueSoon.sort(byDue) };
}
