import { activePath, cellList, requestsPath, reviewPath, writeCell } from '../../schema/cells.ts';
import { DOCUMENT_ITEM, DOCUMENT_KINDS, LEDGER_PROVENANCE_NOTE, resultRowIn, type Application, type Ledger } from '../../schema/ledger.ts';
import type { RequestColumnKey, RequestRowKey } from '../../schema/requests.ts';
import type { ReviewColumnKey } from '../../schema/review.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import type { Provenance, Tables } from '../../schema/types.ts';

/** The year's bounds as ISO dates. */
export const yearStart = (year: number) => `${year}-01-01`;
export const yearEnd = (year: number) => `${year}-12-31`;

/** Decided on or before `day` (a result and its reply date recorded). */
export const decidedBy = (app: Application, day: string): boolean => Boolean(app.result && app.decidedOn && app.decidedOn <= day);

export interface LedgerTables {
  tables: Tables;
  /** Every computed cell, by path, marked as computed from the ledger. */
  provenance: Record<string, Provenance>;
}

type Counts = Record<string, number>;

function bump(counts: Counts, path: string): void {
  counts[path] = (counts[path] ?? 0) + 1;
}

/** Table 三 (LED-02): newReceived = received in the year, carriedOver = received before and undecided on 1 January, results = decided in the year, carriedForward = undecided on 31 December. */
function requestCounts(apps: readonly Application[], year: number, template: TableTemplate): Counts {
  const first = yearStart(year);
  const last = yearEnd(year);
  const counts: Counts = {};
  const add = (row: RequestRowKey, column: RequestColumnKey) => {
    bump(counts, requestsPath(row, column));
    bump(counts, requestsPath(row, 'total'));
  };
  for (const app of apps) {
    if (app.receivedOn > last) continue;
    const column = app.applicant.category;
    if (app.receivedOn >= first) add('newReceived', column);
    else if (!decidedBy(app, yearEnd(year - 1))) add('carriedOver', column);
    else continue;
    if (decidedBy(app, last)) {
      add(resultRowIn(template, app.result!), column);
      add('resultTotal', column);
    } else add('carriedForward', column);
  }
  return counts;
}

/**
 * Table 四: the cases filed in the year, each in its result column as on 31 December (the pending column when
 * undecided). The formats do not say whether a case still pending from an earlier year is counted
 * again; it is not (a case is counted in the year it was filed).
 */
function reviewCounts(ledger: Ledger, year: number): Counts {
  const counts: Counts = {};
  const last = yearEnd(year);
  for (const c of ledger.cases) {
    if (c.filedOn.slice(0, 4) !== String(year)) continue;
    const column: ReviewColumnKey = c.result && c.decidedOn && c.decidedOn <= last ? c.result : 'pending';
    bump(counts, reviewPath(c.kind, column));
    bump(counts, reviewPath(c.kind, 'total'));
  }
  return counts;
}

const inYear = (day: string | null | undefined, year: number) => Boolean(day && day.slice(0, 4) === String(year));
const byEnd = (day: string | null | undefined, year: number) => Boolean(day && day <= yearEnd(year));

/** 二（一） from the register of documents: issued, repealed and in force (2021); made, published and published in total (2019). */
function documentCounts(ledger: Ledger, year: number, template: TableTemplate): Counts {
  const counts: Counts = {};
  for (const kind of DOCUMENT_KINDS) {
    const docs = ledger.documents.filter((d) => d.kind === kind);
    const live = (d: (typeof docs)[number]) => !byEnd(d.repealedOn, year);
    const count = (f: (d: (typeof docs)[number]) => boolean) => docs.filter(f).length;
    const values: Record<string, number> = template === '2021'
      ? {
          issued: count((d) => inYear(d.issuedOn, year)),
          repealed: count((d) => inYear(d.repealedOn, year)),
          inForce: count((d) => byEnd(d.issuedOn, year) && live(d)),
        }
      : {
          madeThisYear: count((d) => inYear(d.issuedOn, year)),
          publishedThisYear: count((d) => inYear(d.publishedOn, year)),
          publishedTotal: count((d) => byEnd(d.publishedOn, year) && live(d)),
        };
    for (const [column, n] of Object.entries(values)) counts[activePath(DOCUMENT_ITEM, kind, column)] = n;
  }
  return counts;
}

/**
 * Tables 二, 三 and 四 of `year` computed from the ledger. 三 and 四 are complete registers, so a
 * category without applications is 0. In 二 a cell the ledger has no figure for stays blank (null):
 * 二（一） is computed from the register of documents when it holds any document, every other
 * cell is the figure recorded for the year.
 */
export function ledgerTables(ledger: Ledger, year: number, template: TableTemplate): LedgerTables {
  const tables: Tables = { active: {}, requests: {}, review: {} };
  const provenance: Record<string, Provenance> = {};
  const computed: Counts = {
    ...requestCounts(ledger.applications, year, template),
    ...reviewCounts(ledger, year),
    ...(ledger.documents.some((d) => d.issuedOn <= yearEnd(year)) ? documentCounts(ledger, year, template) : {}),
  };
  const figures = new Map(ledger.figures.filter((f) => f.year === year).map((f) => [activePath(f.item, f.row, f.column), f.value]));
  for (const def of cellList(template)) {
    let value: number | null;
    if (def.table === 'active') value = computed[def.path] ?? figures.get(def.path) ?? null;
    else value = computed[def.path] ?? 0;
    writeCell(tables, def.path, value);
    if (value !== null) provenance[def.path] = { start: 0, end: 0, line: 1, text: String(value), note: LEDGER_PROVENANCE_NOTE };
  }
  return { tables, provenance };
}

/** The applications a year's ledger check looks at: received by 31 December and not decided before 1 January. */
export function inPlay(apps: readonly Application[], year: number): Application[] {
  return apps.filter((a) => a.receivedOn <= yearEnd(year) && !decidedBy(a, yearEnd(year - 1)));
}
