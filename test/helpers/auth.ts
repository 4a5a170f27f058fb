import type { Hono } from 'hono';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import type { Store } from '../../src/store/db.ts';
import { createUser, findUserByName, type Role } from '../../src/store/users.ts';

/** Accounts and logged-in requests for tests: every test app is used as some user. */

export const TEST_PASSWORD = 'test-password-123';
export const ORIGIN = 'http://localhost';

export async function addUser(store: Store, username: string, role: Role, scope: { regionId?: number; agencyId?: number } = {}, password = TEST_PASSWORD): Promise<number> {
  const found = await findUserByName(store.db, username);
  if (found) return found.id;
  return (await createUser(store.db, { username, role, ...scope, passwordHash: await hashPassword(password) })).id;
}

export interface Client {
  /** Like app.request, with the session cookie, this site's Origin and the CSRF token on changes. */
  request(path: string, init?: RequestInit): Promise<Response>;
  cookie: string;
  csrfToken: string;
}

/** Logs in through POST /api/session; throws when the login is refused. */
export async function login(app: Hono, username: string, password = TEST_PASSWORD, env?: unknown): Promise<Client> {
  const res = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username, password }) }, env);
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    cookie,
    csrfToken,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('cookie')) headers.set('cookie', cookie);
      const method = (init.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        if (!headers.has('origin')) headers.set('origin', ORIGIN);
        if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken);
      }
      return app.request(path, { ...init, headers }, env);
    },
  };
}

/** An admin named `admin` (created when missing), logged in. */
export async function loginAsAdmin(app: Hono, store: Store, username = 'admin'): Promise<Client> {
  await addUser(store, username, 'admin');
  return login(app, username);
}
