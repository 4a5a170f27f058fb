import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Store } from '../../store/db.ts';
import { scopeOf } from '../../store/scope.ts';
import { createSession, deleteExpiredSessions, deleteSession, findSession, touchSession } from '../../store/sessions.ts';
import { findUserByName, type User } from '../../store/users.ts';
import type { Auth } from '../../web/context.ts';
import { ApiError } from '../api.ts';
import { addressOf } from './actor.ts';
import { recordAudit } from '../../store/audit.ts';
import { inTx } from '../../store/db.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { FailureLimiter } from './rate-limit.ts';

export const SESSION_COOKIE = 'ogi_session';

export interface SessionOptions {
  /** A session ends after this long without a request. Default 12 hours. */
  idleMs?: number;
  /** A session ends this long after login whatever its activity. Default 7 days. */
  absoluteMs?: number;
  /** Failed logins per username in 15 minutes before 429. Default 5. */
  maxFailuresPerUser?: number;
  /** Failed logins per client address in 15 minutes before 429. Default 20. */
  maxFailuresPerAddress?: number;
}

const HOUR = 3600_000;
const WINDOW_MS = 15 * 60_000;
/** last_seen_at is written at most this often, so reading a page does not always write. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');


export class Sessions {
  readonly idleMs: number;
  readonly absoluteMs: number;
  private readonly byUser: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(private readonly store: Store, options: SessionOptions = {}) {
    this.idleMs = options.idleMs ?? 12 * HOUR;
    this.absoluteMs = options.absoluteMs ?? 7 * 24 * HOUR;
    this.byUser = new FailureLimiter(options.maxFailuresPerUser ?? 5, WINDOW_MS);
    this.byAddress = new FailureLimiter(options.maxFailuresPerAddress ?? 20, WINDOW_MS);
  }

  /** The session of the request's cookie, or null. */
  async resolve(c: Context): Promise<Auth | null> {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 200) return null;
    const s = await findSession(this.store.db, sha256(token), this.idleMs);
    if (!s) return null;
    if (Date.now() - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) await touchSession(this.store.db, s.id, addressOf(c));
    return { user: s.user, scope: await scopeOf(this.store.db, s.user, s.dataVersion), csrfToken: s.csrfToken, sessionId: s.id, dataVersion: s.dataVersion };
  }

  /** Checks the password (rate-limited), opens a session and sets its cookie. */
  async login(c: Context, username: string, password: string): Promise<Auth> {
    const name = username.trim().toLowerCase();
    const address = addressOf(c) ?? 'unknown';
    const wait = Math.max(this.byUser.retryAfter(`u:${name}`), this.byAddress.retryAfter(`a:${address}`));
    if (wait) {
      await this.failed(c, username, 'rate-limited');
      c.header('Retry-After', String(wait));
      throw new ApiError(429, 'too-many-attempts', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
    }
    const user = await findUserByName(this.store.db, username);
    const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await dummyHash()), false);
    if (!user || !ok || user.disabled) {
      this.byUser.fail(`u:${name}`);
      this.byAddress.fail(`a:${address}`);
      await this.failed(c, username, !user ? 'unknown-user' : !ok ? 'wrong-password' : 'disabled', user ?? undefined);
      throw new ApiError(401, 'bad-credentials', user?.disabled && ok ? '该账户已停用，请联系管理员' : '用户名或密码不正确');
    }
    this.byUser.clear(`u:${name}`);
    await deleteExpiredSessions(this.store.db);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await inTx(this.store.db, async (trx) => {
      await createSession(trx, { tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt: new Date(Date.now() + this.absoluteMs).toISOString(), address: addressOf(c) });
      await recordAudit(trx, { userId: user.id, username: user.username, address: addressOf(c) }, {
        action: 'login', summary: `${user.username} 登录`, detail: { userId: user.id, role: user.role }, ...userPlace(user),
      });
    });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(this.absoluteMs / 1000),
    });
    const { passwordHash: _omit, ...plain } = user;
    const s = await findSession(this.store.db, sha256(token), this.idleMs);
    return { user: plain, scope: await scopeOf(this.store.db, plain, s!.dataVersion), csrfToken, sessionId: s!.id, dataVersion: s!.dataVersion };
  }

  /** A refused login: the name tried and the address, never the password. */
  private async failed(c: Context, username: string, reason: 'rate-limited' | 'unknown-user' | 'wrong-password' | 'disabled', user?: User): Promise<void> {
    const name = username.trim().slice(0, 100);
    await recordAudit(this.store.db, { userId: null, username: name, address: addressOf(c) }, {
      action: 'login.failed',
      summary: `登录失败：${name}（${{ 'rate-limited': '失败次数过多，暂停登录', 'unknown-user': '没有这个用户', 'wrong-password': '密码不正确', disabled: '账户已停用' }[reason]}）`,
      detail: { username: name, reason, ...(user ? { userId: user.id } : {}) },
      // A known account's failures belong to its region, so its supervisor sees them.
      ...(user ? userPlace(user) : {}),
    });
  }

  async logout(c: Context, auth: Auth | undefined): Promise<void> {
    if (auth) {
      await inTx(this.store.db, async (trx) => {
        await deleteSession(trx, auth.sessionId);
        await recordAudit(trx, { userId: auth.user.id, username: auth.user.username, address: addressOf(c) }, {
          action: 'logout', summary: `${auth.user.username} 退出登录`, detail: { userId: auth.user.id }, ...userPlace(auth.user),
        });
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: new URL(c.req.url).protocol === 'https:' });
  }
}

const userPlace = (u: Pick<User, 'agencyId' | 'regionId'>) => (u.agencyId !== null ? { agencyId: u.agencyId } : { regionId: u.regionId });
