import { dataVersionQuery, now, num, type Q } from './db.ts';
import { USER_COLUMNS, toUser, type User, type UserRow } from './users.ts';

/**
 * Login sessions. The cookie's token is stored only as its sha256; a session ends at its
 * absolute expiry, after `idleMs` without a request, or when it is deleted (logout, password
 * change, the account changed or removed).
 */

export interface SessionRow {
  id: number;
  user: User;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The store's data version, read in the same query (a request's answers from the cache are checked against it). */
  dataVersion: number;
}

export async function createSession(db: Q, input: { tokenHash: string; userId: number; csrfToken: string; expiresAt: string; address: string | null }): Promise<void> {
  const at = now();
  await db
    .insertInto('sessions')
    .values({ token_hash: input.tokenHash, user_id: input.userId, csrf_token: input.csrfToken, created_at: at, last_seen_at: at, expires_at: input.expiresAt, address: input.address })
    .execute();
}

/** The live session of a token hash (its user enabled), or null; an ended session found is deleted. */
export async function findSession(db: Q, tokenHash: string, idleMs: number, at = new Date()): Promise<SessionRow | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.created_at as session_created_at', 'sessions.last_seen_at', 'sessions.expires_at', ...USER_COLUMNS])
    .select(dataVersionQuery(db).as('data_version'))
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const ended = Date.parse(row.expires_at) <= at.getTime() || Date.parse(row.last_seen_at) + idleMs <= at.getTime();
  if (ended) {
    await db.deleteFrom('sessions').where('id', '=', row.session_id).execute();
    return null;
  }
  const user = toUser(row as UserRow);
  if (user.disabled) return null;
  return { id: row.session_id, user, csrfToken: row.csrf_token, createdAt: row.session_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, dataVersion: num(row.data_version) };
}

export async function touchSession(db: Q, id: number, address: string | null): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now(), address }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user, or all but one. */
export async function deleteUserSessions(db: Q, userId: number, except?: number): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except !== undefined) q = q.where('id', '!=', except);
  await q.execute();
}

/**
 * Deletes sessions past their absolute end. Idle ones are deleted when next presented, or here once
 * their absolute end passes: servers with other idle settings may share the database.
 */
export async function deleteExpiredSessions(db: Q, at = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', at.toISOString()).execute();
}
