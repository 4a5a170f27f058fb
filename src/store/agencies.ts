import { foldName, inferIssuerType, seriesKey } from '../schema/issuer.ts';
import { ISSUER_TYPES, type IssuerType } from '../schema/types.ts';
import { sql } from 'kysely';
import { bumpDataVersion, compareNames, inTx, now, type Dialect, type Q } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import { getRegion, listRegions, regionPath, subtreeIds, type Region } from './regions.ts';
import type { DataScope } from './scope.ts';

export interface Agency {
  id: number;
  name: string;
  issuerType: IssuerType;
  regionId: number | null;
  /** Region names from the root down; empty when the agency has no region yet. */
  regionPath: string[];
}

export interface AgencyListItem extends Agency {
  reports: number;
  years: number[];
}

/**
 * How reports of one agency are matched: the name's series key (widths and white space folded,
 * 管委会 = 管理委员会, a disclosure office → its organ), as the check engine pairs reports.
 */
export const agencyKey = (name: string): string => seriesKey(name);

export function cleanName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!n) throw new StoreError('invalid', '机关名称不能为空');
  if (n.length > 100) throw new StoreError('invalid', '机关名称过长（最多 100 个字）');
  return n;
}

export function checkIssuerType(value: string): IssuerType {
  if (!(ISSUER_TYPES as readonly string[]).includes(value)) {
    throw new StoreError('invalid', `机关类型应为 ${ISSUER_TYPES.join('、')} 之一，收到“${value}”`);
  }
  return value as IssuerType;
}

/** The agency a name key names: its own name, or a former name kept as an alias (rename, merge). */
export async function agencyIdByKey(db: Q, key: string): Promise<number | null> {
  return (await agenciesByKey(db, [key])).get(key)?.id ?? null;
}

export interface KnownAgency {
  id: number;
  name: string;
  region_id: number | null;
}

/** `agencyIdByKey` of several keys at once, with each agency's name and region: the keys that name none are left out. */
export async function agenciesByKey(db: Q, keys: readonly string[]): Promise<Map<string, KnownAgency>> {
  const out = new Map<string, KnownAgency>();
  if (!keys.length) return out;
  for (const a of await db.selectFrom('agencies').select(['id', 'name', 'region_id', 'name_key']).where('name_key', 'in', [...keys]).execute()) out.set(a.name_key, a);
  const former = keys.filter((k) => !out.has(k));
  if (!former.length) return out;
  const aliases = await db
    .selectFrom('agency_aliases').innerJoin('agencies', 'agencies.id', 'agency_aliases.agency_id')
    .select(['agencies.id', 'agencies.name', 'agencies.region_id', 'agency_aliases.name_key'])
    .where('agency_aliases.name_key', 'in', former)
    .execute();
  for (const a of aliases) out.set(a.name_key, a);
  return out;
}

/** The agency of a report's name (or former name), created (without a region) when it is new. */
export async function findOrCreateAgency(db: Q, name: string, issuerType: IssuerType): Promise<number> {
  return (await findOrCreateAgencies(db, [{ name, issuerType }])).get(agencyKey(name))!.id;
}

/** `findOrCreateAgency` of several names, by name key: the known ones read in one go, the new ones created together. */
export async function findOrCreateAgencies(db: Q, names: readonly { name: string; issuerType: IssuerType }[]): Promise<Map<string, KnownAgency>> {
  // A new agency takes the name and type of the first report that names it, as when the reports come one by one.
  const byKey = new Map<string, { name: string; issuerType: IssuerType }>();
  for (const n of names) {
    const key = agencyKey(n.name);
    if (!byKey.has(key)) byKey.set(key, n);
  }
  const found = await agenciesByKey(db, [...byKey.keys()]);
  const missing = [...byKey].filter(([key]) => !found.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!missing.length) return found;
  // Another worker may add the same agency at the same moment: on PostgreSQL a unique violation would abort
  // the whole transaction of the import, so the conflict is skipped and the row read. Created in key order,
  // so that two imports creating the same agencies wait for each other rather than deadlock.
  await db
    .insertInto('agencies')
    .values(missing.map(([key, n]) => ({ name: cleanName(n.name), name_key: key, issuer_type: n.issuerType, region_id: null, created_at: now() })))
    .onConflict((oc) => oc.column('name_key').doNothing())
    .execute();
  for (const [key, a] of await agenciesByKey(db, missing.map(([key]) => key))) found.set(key, a);
  for (const [key, n] of missing) if (!found.has(key)) throw new Error(`机关“${n.name}”未能登记`);
  return found;
}

/**
 * Holds, until the transaction ends, the right to add reports to these agencies. Two transactions adding
 * reports of one agency at once would each plan the cross-year findings without the other's report (and two
 * clerks would each start the year's draft); the second now waits for the first to commit, then reads it.
 * PostgreSQL: a transaction-level advisory lock per agency, taken in id order so that two imports of several
 * agencies wait for each other rather than deadlock. SQLite: the write transaction holds the whole file already.
 */
export async function lockAgencies(trx: Q, dialect: Dialect, ids: readonly (number | null)[]): Promise<void> {
  const sorted = [...new Set(ids.filter((id): id is number => id !== null))].sort((a, b) => a - b);
  if (dialect !== 'postgres' || !sorted.length) return;
  await sql`select pg_advisory_xact_lock(7242002, id) from unnest(${sorted}::integer[]) as id`.execute(trx);
}

export interface AgencyFilter {
  /** Agencies of this region and its sub-regions. */
  regionId?: number;
  /** Agencies without a region. */
  unassigned?: boolean;
  /** Part of the name. */
  q?: string;
  /** Only the agencies the user may see (default: all). */
  scope?: DataScope;
}

export async function listAgencies(db: Q, filter: AgencyFilter = {}): Promise<AgencyListItem[]> {
  const regions = await listRegions(db);
  let query = db.selectFrom('agencies').select(['id', 'name', 'issuer_type', 'region_id']);
  const scope = filter.scope ?? { kind: 'all' };
  if (scope.kind === 'regions') query = query.where('region_id', 'in', scope.regionIds);
  if (scope.kind === 'agency') query = query.where('id', '=', scope.agencyId);
  if (filter.regionId !== undefined) {
    if ((scope.kind === 'regions' && !scope.regionIds.includes(filter.regionId)) || !regions.some((r) => r.id === filter.regionId)) throw new StoreError('not-found', `区域 ${filter.regionId} 不存在`);
    query = query.where('region_id', 'in', subtreeIds(regions, filter.regionId));
  }
  if (filter.unassigned) query = query.where('region_id', 'is', null);
  const q = filter.q ? foldName(filter.q).replace(/[%_\\]/g, '') : '';
  // A former name finds the agency too.
  if (q) query = query.where((eb) => eb.or([eb('name_key', 'like', `%${q}%`), eb('id', 'in', eb.selectFrom('agency_aliases').select('agency_id').where('name_key', 'like', `%${q}%`))]));
  const rows = byName(await query.execute());
  const years = await db.selectFrom('reports').select(['agency_id', 'year']).where('agency_id', 'is not', null).execute();
  const byAgency = new Map<number, number[]>();
  const counts = new Map<number, number>();
  for (const y of years) {
    counts.set(y.agency_id!, (counts.get(y.agency_id!) ?? 0) + 1);
    if (y.year !== null) byAgency.set(y.agency_id!, [...(byAgency.get(y.agency_id!) ?? []), y.year]);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    issuerType: r.issuer_type as IssuerType,
    regionId: r.region_id,
    regionPath: regionPath(regions, r.region_id),
    reports: counts.get(r.id) ?? 0,
    years: [...new Set(byAgency.get(r.id) ?? [])].sort((a, b) => a - b),
  }));
}

export async function getAgency(db: Q, id: number): Promise<Agency> {
  const r = await db.selectFrom('agencies').select(['id', 'name', 'issuer_type', 'region_id']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new StoreError('not-found', `机关 ${id} 不存在`);
  return { id: r.id, name: r.name, issuerType: r.issuer_type as IssuerType, regionId: r.region_id, regionPath: regionPath(await listRegions(db), r.region_id) };
}

export async function createAgency(db: Q, input: { name: string; issuerType?: string; regionId?: number | null }): Promise<Agency> {
  const name = cleanName(input.name);
  const issuerType = input.issuerType === undefined ? inferIssuerType(name) : checkIssuerType(input.issuerType);
  const regionId = input.regionId ?? null;
  if (regionId !== null) await getRegion(db, regionId);
  const alias = await db.selectFrom('agency_aliases').innerJoin('agencies', 'agencies.id', 'agency_aliases.agency_id').select('agencies.name').where('agency_aliases.name_key', '=', agencyKey(name)).executeTakeFirst();
  if (alias) throw new StoreError('conflict', `“${name}”是机关“${alias.name}”的曾用名，不能再新建`);
  try {
    return await inTx(db, async (trx) => {
      const row = await trx
        .insertInto('agencies')
        .values({ name, name_key: agencyKey(name), issuer_type: issuerType, region_id: regionId, created_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await bumpDataVersion(trx);
      return getAgency(trx, row.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('conflict', `机关“${name}”已存在`);
    throw err;
  }
}

/** Moves an agency to a region (null: none) or changes its issuer type. Its name is its reports' and stays. */
export async function updateAgency(db: Q, id: number, input: { issuerType?: string; regionId?: number | null }): Promise<Agency> {
  return inTx(db, async (trx) => {
    await getAgency(trx, id);
    const set: { issuer_type?: string; region_id?: number | null } = {};
    if (input.issuerType !== undefined) set.issuer_type = checkIssuerType(input.issuerType);
    if (input.regionId !== undefined) {
      if (input.regionId !== null) await getRegion(trx, input.regionId);
      set.region_id = input.regionId;
    }
    if (Object.keys(set).length) {
      await trx.updateTable('agencies').set(set).where('id', '=', id).execute();
      await bumpDataVersion(trx);
    }
    return getAgency(trx, id);
  });
}

/** Agencies of a region (sub-regions included), by id. */
export async function agenciesIn(db: Q, regionId: number): Promise<{ id: number; name: string; regionId: number | null; issuerType: IssuerType }[]> {
  const regions = await listRegions(db);
  if (!regions.some((r) => r.id === regionId)) throw new StoreError('not-found', `区域 ${regionId} 不存在`);
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'region_id', 'issuer_type'])
    .where('region_id', 'in', subtreeIds(regions, regionId))
    .execute();
  return byName(rows).map((r) => ({ id: r.id, name: r.name, regionId: r.region_id, issuerType: r.issuer_type as IssuerType }));
}

/** The ids of a region's agencies (sub-regions included) as a subquery: a province's agencies are more than one statement can list. */
export function agencyIdsIn(db: Q, regions: readonly Region[], regionId: number) {
  return db.selectFrom('agencies').select('id').where('region_id', 'in', subtreeIds(regions, regionId));
}

/** Sorted by name in Chinese order, the same on SQLite and PostgreSQL whatever the database collation. */
export function byName<T extends { name: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => compareNames(a.name, b.name));
}
