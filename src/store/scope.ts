import type { Q } from './db.ts';
import { StoreError } from './errors.ts';
import { listRegions, subtreeIds } from './regions.ts';
import type { User } from './users.ts';

/**
 * What data a user may see: everything (admin), the agencies of a region subtree
 * (supervisor, viewer), or one agency (clerk). Lists are filtered by it in the query;
 * a single report, agency or region outside it is "not found", so ids do not leak.
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'regions'; rootId: number; regionIds: number[] }
  | { kind: 'agency'; agencyId: number };

export const ALL: DataScope = { kind: 'all' };

/** `seenVersion`: the data version the caller has just read (see `listRegions`). */
export async function scopeOf(db: Q, user: Pick<User, 'role' | 'regionId' | 'agencyId'>, seenVersion?: number): Promise<DataScope> {
  if (user.role === 'admin') return ALL;
  if (user.role === 'clerk') return { kind: 'agency', agencyId: user.agencyId ?? -1 };
  const rootId = user.regionId ?? -1;
  return { kind: 'regions', rootId, regionIds: subtreeIds(await listRegions(db, seenVersion), rootId) };
}

export function regionVisible(scope: DataScope, regionId: number | null): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'regions' && regionId !== null && scope.regionIds.includes(regionId);
}

export function agencyVisible(scope: DataScope, agency: { id: number; regionId: number | null }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'agency') return agency.id === scope.agencyId;
  return regionVisible(scope, agency.regionId);
}

const notFound = (what: string) => new StoreError('not-found', `${what}不存在`);

export async function requireRegion(db: Q, scope: DataScope, id: number): Promise<void> {
  const row = await db.selectFrom('regions').select('id').where('id', '=', id).executeTakeFirst();
  if (!row || !regionVisible(scope, id)) throw notFound(`区域 ${id} `);
}

export async function requireAgency(db: Q, scope: DataScope, id: number): Promise<void> {
  const row = await db.selectFrom('agencies').select(['id', 'region_id']).where('id', '=', id).executeTakeFirst();
  if (!row || !agencyVisible(scope, { id: row.id, regionId: row.region_id })) throw notFound(`机关 ${id} `);
}

/** False for a report outside the scope or not stored. */
export async function reportVisible(db: Q, scope: DataScope, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.agency_id', 'agencies.region_id'])
    .where('reports.id', '=', id)
    .executeTakeFirst();
  return !!row && (scope.kind === 'all' || (row.agency_id !== null && agencyVisible(scope, { id: row.agency_id, regionId: row.region_id })));
}

export async function requireReport(db: Q, scope: DataScope, id: number): Promise<void> {
  if (!(await reportVisible(db, scope, id))) throw notFound(`报告 ${id} `);
}
