import { addSeries, checkAll, RULES_VERSION, seriesRuleIds } from '../check/pipeline.ts';
import type { CheckConfig, CheckableReport, Finding } from '../check/types.ts';
import { bumpDataVersion, type Q } from './db.ts';
import { countsWithTriage, countsWithoutTriage } from './triage.ts';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/**
 * Runs the checks again for the reports a change touches and stores their
 * findings and counts: every report of the agency (the cross-year rules pair
 * each report with the year before), or the one report when it has no agency.
 * Call it inside the transaction of the change.
 */
export async function recheck(trx: Q, target: { agencyId: number | null; reportId?: number }, config: CheckConfig): Promise<void> {
  await bumpDataVersion(trx);
  let query = trx.selectFrom('reports').select(['id', 'data']);
  if (target.agencyId !== null) query = query.where('agency_id', '=', target.agencyId);
  else if (target.reportId !== undefined) query = query.where('id', '=', target.reportId);
  else return;
  const rows = (await query.orderBy('id').execute()).map((r) => ({ id: r.id, report: JSON.parse(r.data) as CheckableReport }));
  if (!rows.length) return;
  const findings = await checkAll(rows.map((r) => r.report), config);
  await saveFindings(trx, rows.map((r, i) => ({ id: r.id, findings: findings[i]!, tables: r.report.tables })));
}

/** Stores reports' findings with the rules' version and their counts (of open findings: a reviewer's dismissal that still applies takes one out). */
async function saveFindings(trx: Q, rows: readonly { id: number; findings: Finding[]; tables: CheckableReport['tables']; json?: string }[]): Promise<void> {
  const counts = await countsWithTriage(trx, rows);
  for (const [i, r] of rows.entries()) {
    await trx
      .updateTable('reports')
      .set({ findings: r.json ?? JSON.stringify(r.findings), rules_version: RULES_VERSION, ...counts[i]! })
      .where('id', '=', r.id)
      .execute();
  }
}

/** A report about to be inserted, with its one-report findings computed before its transaction. */
export interface AddedReport {
  agencyId: number | null;
  year: number | null;
  report: CheckableReport;
  findings: Finding[];
}

type OpenCounts = Counts & { dismissed: number };

/**
 * What the addition of reports stores: the row each is inserted with, and then
 * `afterInsert` (given their new ids, in order), which writes what the additions changed in other reports and
 * answers each added report's open error and warning counts as of its own addition.
 */
export interface AddedPlan {
  /** Each added report's findings (JSON) and their counts. */
  rows: { json: string; counts: OpenCounts }[];
  rulesVersion: string;
  afterInsert: (trx: Q, ids: readonly number[]) => Promise<{ errors: number; warnings: number }[]>;
}

/** A report of an agency's series as the additions see it: stored, or added earlier in the same plan. */
interface SeriesEntry {
  id: number | null;
  year: number | null;
  report: () => CheckableReport;
  /** Its findings as stored (JSON), as written by the additions so far. */
  json: string;
  findings?: Finding[];
  changed: boolean;
}

/**
 * Plans, inside the transaction and before the inserts, what adding reports (in the order given) changes:
 * the cross-year rules pair each report of a series with the one of the year before, so only the added
 * reports and the reports of their year and the next can gain or lose a finding, and only the years around
 * them are read (one query for every agency). The reports are inserted with their final findings (a new
 * report has no reviewer's decisions yet) and only the stored reports whose findings change are written.
 * The result is that of adding the reports one by one: each addition sees the stored reports and those
 * added before it, and the counts answered for a report are those of its own addition. The stored reports'
 * one-report findings are taken from their stored findings (nothing CPU-heavy runs while the transaction
 * holds the database). An agency with a report checked by other rules, or with an added report without a
 * year, is checked again whole after the inserts (`recheck`), as is an added report without an agency; their
 * counts are those of that check.
 */
export async function planAdded(trx: Q, added: readonly AddedReport[], config: CheckConfig): Promise<AddedPlan> {
  // The counts of each planned report as of its own addition; null for those checked again after the inserts.
  const stepCounts: (OpenCounts | null)[] = added.map(() => null);
  const yearsOf = new Map<number, number[]>();
  const whole = new Set<number>();
  for (const { agencyId, year } of added) {
    if (agencyId === null) continue;
    if (year === null) whole.add(agencyId);
    else yearsOf.set(agencyId, [...(yearsOf.get(agencyId) ?? []), year]);
  }
  for (const id of whole) yearsOf.delete(id);
  const stored = await storedAround(trx, yearsOf);
  const series = await seriesRuleIds();
  const entries = new Map<number, SeriesEntry[]>();
  for (const agencyId of yearsOf.keys()) {
    const own = stored.filter((r) => r.agency_id === agencyId);
    if (own.some((r) => r.rules_version !== RULES_VERSION)) whole.add(agencyId);
    else entries.set(agencyId, own.map((r) => ({ id: r.id, year: r.year, report: once(() => JSON.parse(r.data) as CheckableReport), json: r.findings, changed: false })));
  }
  // The entry of each added report in its agency's series, once added.
  const mine: (SeriesEntry | undefined)[] = [];
  for (const [k, a] of added.entries()) {
    const agency = a.agencyId === null ? undefined : entries.get(a.agencyId);
    if (!agency || a.year === null) continue;
    const year = a.year;
    const around = agency.filter((e) => e.year !== null && e.year >= year - 1 && e.year <= year + 1);
    const own = [...around.map((e) => (JSON.parse(e.json) as Finding[]).filter((f) => !series.has(f.rule))), a.findings];
    // An added report sorts after every stored one and after those added before it, as its id will.
    const all = await addSeries([...around.map((e) => e.report()), a.report], own, config);
    for (const [i, e] of around.entries()) {
      if (e.year !== year && e.year !== year + 1) continue;
      const json = JSON.stringify(all[i]!);
      if (json !== e.json) Object.assign(e, { json, findings: all[i]!, changed: true });
    }
    const findings = all[around.length]!;
    stepCounts[k] = countsWithoutTriage(findings, a.report.tables);
    mine[k] = { id: null, year, report: () => a.report, json: JSON.stringify(findings), findings, changed: false };
    agency.push(mine[k]!);
  }
  return {
    // An added report whose findings a later addition changed is inserted as that one left it.
    rows: added.map((a, k) => {
      const e = mine[k];
      if (!e) return { json: JSON.stringify(a.findings), counts: countsWithoutTriage(a.findings, a.report.tables) };
      return { json: e.json, counts: e.changed ? countsWithoutTriage(e.findings!, a.report.tables) : stepCounts[k]! };
    }),
    rulesVersion: RULES_VERSION,
    afterInsert: async (t, ids) => {
      await bumpDataVersion(t);
      const changed = [...entries.values()].flat().filter((e) => e.changed && e.id !== null).sort((a, b) => a.id! - b.id!);
      if (changed.length) await saveFindings(t, changed.map((e) => ({ id: e.id!, findings: e.findings!, tables: e.report().tables, json: e.json })));
      for (const agencyId of whole) await recheck(t, { agencyId }, config);
      for (const [k, a] of added.entries()) if (a.agencyId === null) await recheck(t, { agencyId: null, reportId: ids[k] }, config);
      const again = ids.filter((_, k) => !stepCounts[k]);
      const read = new Map(again.length ? (await t.selectFrom('reports').select(['id', 'errors', 'warnings']).where('id', 'in', again).execute()).map((r) => [r.id, r]) : []);
      return ids.map((id, k) => stepCounts[k] ?? read.get(id)!);
    },
  };
}

/** The stored reports of each agency in the years around those given (one query), by id. */
async function storedAround(trx: Q, yearsOf: ReadonlyMap<number, readonly number[]>) {
  const ranges = [...yearsOf].flatMap(([agencyId, years]) => spans(years).map(([from, to]) => ({ agencyId, from, to })));
  if (!ranges.length) return [];
  return trx
    .selectFrom('reports')
    .select(['id', 'agency_id', 'year', 'data', 'findings', 'rules_version'])
    .where((eb) => eb.or(ranges.map((r) => eb.and([eb('agency_id', '=', r.agencyId), eb('year', '>=', r.from), eb('year', '<=', r.to)]))))
    .orderBy('id')
    .execute();
}

/** The years around the given ones (each ± 1), as few inclusive ranges. */
function spans(years: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const y of [...new Set(years)].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && y - 1 <= last[1] + 1) last[1] = y + 1;
    else out.push([y - 1, y + 1]);
  }
  return out;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
