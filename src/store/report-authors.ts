import type { Q } from './db.ts';
import { regionVisible, type DataScope } from './scope.ts';
import { summaryDraftRegion } from './summary-draft-mark.ts';
import type { Role } from './users.ts';

/**
 * Who writes a report in the browser (编写, 报送): the agency's clerks and admins; a region's
 * supervisors too, but only the region's summary draft (src/store/summary-draft-mark.ts) of a region
 * in their scope. The clerk's scope is checked apart (outside it: not found).
 */
export async function mayAuthor(db: Q, user: { role: Role; scope: DataScope }, reportId: number): Promise<boolean> {
  if (user.role === 'admin' || user.role === 'clerk') return true;
  if (user.role !== 'supervisor') return false;
  const region = await summaryDraftRegion(db, reportId);
  return region !== null && regionVisible(user.scope, region);
}
