import type { Q } from './db.ts';
import { scopeOf, type DataScope } from './scope.ts';
import { ROLE_LABELS, toUser, USER_COLUMNS, WRITE_ROLES, type UserRow } from './users.ts';

/**
 * Whom a job acts for, now. A job runs with its requester's current role and scope, never the ones
 * stored when it was queued: a user demoted, moved, disabled or deleted since then must not have a
 * queued task or a retry do what they no longer may. A command-line job (no user, no scope) runs
 * with everything, as the command line does.
 */

export type OwnerNow = { ok: true; scope: DataScope | null } | { ok: false; reason: string };

export async function ownerNow(db: Q, job: { user_id: number | null; author: string; scope: string | null }): Promise<OwnerNow> {
  // A deleted account's jobs keep their scope and lose their user (ON DELETE SET NULL).
  if (job.user_id === null) return job.scope === null ? { ok: true, scope: null } : { ok: false, reason: `任务发起人 ${job.author} 的账户已删除` };
  const row = await db.selectFrom('users').select([...USER_COLUMNS]).where('users.id', '=', job.user_id).executeTakeFirst();
  if (!row) return { ok: false, reason: `任务发起人 ${job.author} 的账户已删除` };
  const user = toUser(row as UserRow);
  if (user.disabled) return { ok: false, reason: `任务发起人 ${user.username} 的账户已停用` };
  if (!WRITE_ROLES.includes(user.role)) return { ok: false, reason: `任务发起人 ${user.username} 现为“${ROLE_LABELS[user.role]}”，已无权运行后台任务` };
  return { ok: true, scope: await scopeOf(db, user) };
}
