import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AuditActor } from '../../store/audit.ts';

/**
 * The client's address: the socket's remote address, or — only when the server is told it sits
 * behind a reverse proxy (`trustProxy`) — the last X-Forwarded-For entry, the one that proxy added
 * (earlier entries are whatever the client sent).
 */
export function requestAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (forwarded && forwarded.length <= 100) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** The address the server's first middleware found for this request. */
export const addressOf = (c: Context): string | null => c.get('clientAddress') ?? null;

/** The logged-in user and address of a request, for the audit log. */
export function actorOf(c: Context): AuditActor {
  const auth = c.get('auth');
  return { userId: auth?.user.id ?? null, username: auth?.user.username ?? null, address: addressOf(c) };
}
