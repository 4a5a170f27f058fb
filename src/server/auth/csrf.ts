import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError } from '../api.ts';

/**
 * Cross-site request protection for state-changing requests: the Origin (or, without one, the
 * Referer) must be this server's own host, and the session's CSRF token must come back in the
 * X-CSRF-Token header (or a `_csrf` form field).
 */

export const CSRF_HEADER = 'X-CSRF-Token';

export const isStateChanging = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/** True when the request says it comes from a page of this server. */
export function sameOrigin(c: Context): boolean {
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  const from = c.req.header('origin') ?? c.req.header('referer');
  if (!from || from === 'null') return false;
  try {
    return new URL(from).host === host;
  } catch {
    return false;
  }
}

export async function csrfTokenOf(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded')) return undefined;
  try {
    const form = await c.req.parseBody({ all: true });
    return typeof form._csrf === 'string' ? form._csrf : undefined;
  } catch {
    return undefined;
  }
}

export const csrfRefused = (): ApiError => new ApiError(403, 'csrf', '缺少或无效的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试');

export function tokensEqual(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
