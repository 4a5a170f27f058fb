import { inTx, now, type Q } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import { getAgency } from './agencies.ts';
import { getRegion } from './regions.ts';
import { recordAudit, type AuditActor } from './audit.ts';

/** Accounts: who may log in, with which role, over which region or agency. Passwords arrive hashed. */

export const ROLES = ['admin', 'supervisor', 'clerk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', supervisor: '政务公开办', clerk: '机关经办人', viewer: '只读' };

/** The roles that may change data and run background jobs: the routes' `write` access. */
export const WRITE_ROLES: readonly Role[] = ['admin', 'supervisor', 'clerk'];

export interface User {
  id: number;
  username: string;
  role: Role;
  regionId: number | null;
  agencyId: number | null;
  disabled: boolean;
  createdAt: string;
}

export type UserRow = { id: number; username: string; role: string; region_id: number | null; agency_id: number | null; disabled: number; created_at: string };

const COLUMNS = ['id', 'username', 'role', 'region_id', 'agency_id', 'disabled', 'created_at'] as const;
/** The user columns, for a query that joins users to another table. */
export const USER_COLUMNS = COLUMNS.map((c) => `users.${c}` as const);

export const toUser = (r: UserRow): User => ({
  id: r.id, username: r.username, role: r.role as Role, regionId: r.region_id, agencyId: r.agency_id, disabled: Number(r.disabled) === 1, createdAt: r.created_at,
});

export function checkRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new StoreError('invalid', `角色应为 ${ROLES.join('、')} 之一，收到“${value}”`);
  return value as Role;
}

export function checkUsername(name: string): string {
  const n = name.trim();
  if (!/^[\p{L}\p{N}_.@-]{2,40}$/u.test(n)) throw new StoreError('invalid', '用户名应为 2–40 个字母、数字、汉字或 _ . @ -，不含空格');
  return n;
}

/** The scope a role needs: a supervisor or viewer one region, a clerk one agency, an admin neither. */
async function checkScope(db: Q, role: Role, regionId: number | null, agencyId: number | null): Promise<{ region_id: number | null; agency_id: number | null }> {
  if (role === 'admin') return { region_id: null, agency_id: null };
  if (role === 'clerk') {
    if (agencyId === null) throw new StoreError('invalid', '机关经办人须指定所属机关（agencyId）');
    await getAgency(db, agencyId);
    return { region_id: null, agency_id: agencyId };
  }
  if (regionId === null) throw new StoreError('invalid', `${ROLE_LABELS[role]}须指定区域（regionId）`);
  await getRegion(db, regionId);
  return { region_id: regionId, agency_id: null };
}

export async function listUsers(db: Q): Promise<User[]> {
  return ((await db.selectFrom('users').select([...COLUMNS]).orderBy('id').execute()) as UserRow[]).map(toUser);
}

export async function countUsers(db: Q): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function getUser(db: Q, id: number): Promise<User> {
  const r = (await db.selectFrom('users').select([...COLUMNS]).where('id', '=', id).executeTakeFirst()) as UserRow | undefined;
  if (!r) throw new StoreError('not-found', `用户 ${id} 不存在`);
  return toUser(r);
}

export async function findUserByName(db: Q, username: string): Promise<(User & { passwordHash: string }) | null> {
  const r = await db.selectFrom('users').select([...COLUMNS, 'password_hash']).where('username', '=', username.trim()).executeTakeFirst();
  return r ? { ...toUser(r as UserRow), passwordHash: r.password_hash } : null;
}

export async function passwordHashOf(db: Q, id: number): Promise<string> {
  const r = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  if (!r) throw new StoreError('not-found', `用户 ${id} 不存在`);
  return r.password_hash;
}

export interface NewUser {
  username: string;
  role: string;
  regionId?: number | null;
  agencyId?: number | null;
  passwordHash: string;
}

export async function createUser(db: Q, input: NewUser, actor: AuditActor | null = null): Promise<User> {
  const username = checkUsername(input.username);
  const role = checkRole(input.role);
  try {
    return await inTx(db, async (trx) => {
      const scope = await checkScope(trx, role, input.regionId ?? null, input.agencyId ?? null);
      const row = await trx
        .insertInto('users')
        .values({ username, role, ...scope, password_hash: input.passwordHash, created_at: now(), disabled: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await getUser(trx, row.id);
      await recordAudit(trx, actor, { action: 'user.create', summary: `添加用户 ${username}（${ROLE_LABELS[role]}）`, detail: { user: userFacts(user) }, ...userPlace(user) });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('conflict', `用户“${username}”已存在`);
    throw err;
  }
}

export interface UserPatch {
  role?: string;
  regionId?: number | null;
  agencyId?: number | null;
  disabled?: boolean;
  passwordHash?: string;
}

/**
 * Changes role, scope, disabled or password. A new password, a new role or scope, and disabling
 * all end the user's sessions, in the same transaction. The last enabled admin stays an enabled admin.
 */
export async function updateUser(db: Q, id: number, patch: UserPatch, actor: AuditActor | null = null): Promise<User> {
  return inTx(db, async (trx) => {
    const user = await getUser(trx, id);
    const role = patch.role === undefined ? user.role : checkRole(patch.role);
    const scope = await checkScope(trx, role, patch.regionId === undefined ? user.regionId : patch.regionId, patch.agencyId === undefined ? user.agencyId : patch.agencyId);
    const disabled = patch.disabled === undefined ? user.disabled : patch.disabled;
    if (user.role === 'admin' && !user.disabled && (role !== 'admin' || disabled)) await keepOneAdmin(trx, id);
    await trx
      .updateTable('users')
      .set({ role, ...scope, disabled: disabled ? 1 : 0, ...(patch.passwordHash ? { password_hash: patch.passwordHash } : {}) })
      .where('id', '=', id)
      .execute();
    const changed = patch.passwordHash !== undefined || disabled || role !== user.role || scope.region_id !== user.regionId || scope.agency_id !== user.agencyId;
    if (changed) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = await getUser(trx, id);
    await auditUserChange(trx, actor, user, after, patch.passwordHash !== undefined);
    return after;
  });
}

export async function deleteUser(db: Q, id: number, actor: AuditActor | null = null): Promise<void> {
  await inTx(db, async (trx) => {
    const user = await getUser(trx, id);
    if (user.role === 'admin' && !user.disabled) await keepOneAdmin(trx, id);
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('users').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'user.delete', summary: `删除用户 ${user.username}（${ROLE_LABELS[user.role]}）`, detail: { user: userFacts(user) }, ...userPlace(user) });
  });
}

async function keepOneAdmin(trx: Q, leaving: number): Promise<void> {
  const other = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).where('id', '!=', leaving).executeTakeFirst();
  if (!other) throw new StoreError('conflict', '这是唯一可用的管理员账户，不能删除、停用或改为其他角色；请先添加另一个管理员');
}

const userFacts = (u: User) => ({ id: u.id, username: u.username, role: u.role, regionId: u.regionId, agencyId: u.agencyId, disabled: u.disabled });

/** Where a user's entries belong for a supervisor's view: the user's region, or their agency and its region. */
function userPlace(u: User): { agencyId: number | null; regionId?: number | null } {
  return u.agencyId !== null ? { agencyId: u.agencyId } : { agencyId: null, regionId: u.regionId };
}

/** One entry per kind of change: role or scope, password, the rest (enabled or disabled). */
async function auditUserChange(trx: Q, actor: AuditActor | null, before: User, after: User, password: boolean): Promise<void> {
  const place = userPlace(after);
  const self = actor?.userId === after.id;
  if (before.role !== after.role || before.regionId !== after.regionId || before.agencyId !== after.agencyId) {
    await recordAudit(trx, actor, { action: 'user.role', summary: `修改用户 ${after.username} 的角色或数据范围：${ROLE_LABELS[before.role]} → ${ROLE_LABELS[after.role]}`, detail: { before: userFacts(before), after: userFacts(after) }, ...place });
  }
  if (password) {
    await recordAudit(trx, actor, { action: 'user.password', summary: self ? `用户 ${after.username} 修改了自己的密码` : `重设用户 ${after.username} 的密码`, detail: { userId: after.id, username: after.username, self }, ...place });
  }
  if (before.disabled !== after.disabled) {
    await recordAudit(trx, actor, { action: 'user.update', summary: `${after.disabled ? '停用' : '启用'}用户 ${after.username}`, detail: { userId: after.id, username: after.username, disabled: after.disabled }, ...place });
  }
}
