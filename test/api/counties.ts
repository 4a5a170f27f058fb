import type { Store } from '../../src/store/db.ts';
import { addUser } from '../helpers/auth.ts';

/**
 * The two counties the access suites work on, in the preloaded samples: county A is 淄川区 with
 * agency a1 (淄川区工业和信息化局, a department, sample 001); county B is 博山区 with 淄博市博山区投资促进中心.
 */
export interface Counties {
  regionA: number;
  regionB: number;
  agencyA1: number;
  agencyB: number;
  reportA1: number;
  /** The year of a1's report. */
  yearA1: number;
  reportB: number;
}

export async function countyIds(store: Store): Promise<Counties> {
  const id = async (table: 'regions' | 'agencies', name: string) =>
    (await store.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const reportOf = (agencyId: number) =>
    store.db.selectFrom('reports').select(['id', 'year']).where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
  const [regionA, regionB, agencyA1, agencyB] = [await id('regions', '淄川区'), await id('regions', '博山区'), await id('agencies', '淄川区工业和信息化局'), await id('agencies', '淄博市博山区投资促进中心')];
  const a1 = await reportOf(agencyA1);
  return { regionA, regionB, agencyA1, agencyB, reportA1: a1.id, yearA1: a1.year!, reportB: (await reportOf(agencyB)).id };
}

/** The users of county A every access suite has: admin, supervisor-a, clerk-a1 and viewer-a; their ids. */
export async function addCountyUsers(store: Store, ids: Counties): Promise<{ admin: number; supervisor: number; clerk: number; viewer: number }> {
  return {
    admin: await addUser(store, 'admin', 'admin'),
    supervisor: await addUser(store, 'supervisor-a', 'supervisor', { regionId: ids.regionA }),
    clerk: await addUser(store, 'clerk-a1', 'clerk', { agencyId: ids.agencyA1 }),
    viewer: await addUser(store, 'viewer-a', 'viewer', { regionId: ids.regionA }),
  };
}
