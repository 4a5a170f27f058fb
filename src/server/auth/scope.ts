import type { Context } from 'hono';
import type { DataScope } from '../../store/scope.ts';
import { ROLES, WRITE_ROLES, type Role, type User } from '../../store/users.ts';
import type { Auth } from '../../web/context.ts';
import { ApiError } from '../api.ts';

/**
 * Who may call a route, declared by each route (`access` in its spec):
 * - public: anyone, without a session (health, login);
 * - read: any logged-in user, within their data scope;
 * - write: admin, supervisor and clerk (imports, corrections, deletions), within their scope;
 * - manage: admin and supervisor (agencies of the supervisor's region);
 * - admin: admins only (users, regions, the agencies CSV).
 * Data outside the caller's scope answers 404 (the store's scope checks); a role below the
 * route's level answers 403; no session answers 401.
 */
export const ACCESS_LEVELS = ['public', 'read', 'write', 'manage', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

const ALLOWED: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  read: ROLES,
  write: WRITE_ROLES,
  manage: ['admin', 'supervisor'],
  admin: ['admin'],
};

export function roleMay(role: Role, access: Access): boolean {
  return access === 'public' || ALLOWED[access].includes(role);
}

export const unauthorized = () => new ApiError(401, 'unauthorized', '请先登录');

/** Throws 401 or 403 unless the request's session may use a route of this access level. */
export function requireAccess(c: Context, access: Access, hidden = false): void {
  if (access === 'public') return;
  const auth = c.get('auth');
  if (!auth) throw unauthorized();
  if (!roleMay(auth.user.role, access)) {
    if (hidden) throw new ApiError(404, 'not-found', `没有这个地址：${c.req.method} ${c.req.path}`);
    throw new ApiError(403, 'forbidden', '您的账户没有这项操作的权限');
  }
}

/** The session of a route that is not public (requireAccess has run). */
export function authOf(c: Context): Auth {
  const auth = c.get('auth');
  if (!auth) throw unauthorized();
  return auth;
}

export const scopeOfRequest = (c: Context): DataScope => authOf(c).scope;
/** The store's data version read with the request's session. */
export const versionOfRequest = (c: Context): number => authOf(c).dataVersion;

/** The user as the API shows it. */
export const publicUser = (u: User) => ({ id: u.id, username: u.username, role: u.role, regionId: u.regionId, agencyId: u.agencyId, disabled: u.disabled, createdAt: u.createdAt });
