import type { DataScope } from '../store/scope.ts';
import type { User } from '../store/users.ts';

/** Who is asking: set by the server's session middleware, read by the routes and the pages. */
export interface Auth {
  user: User;
  scope: DataScope;
  csrfToken: string;
  sessionId: number;
  /** The store's data version when the session was read, at the start of the request. */
  dataVersion: number;
}

declare module 'hono' {
  interface ContextVariableMap {
    auth?: Auth;
    /** The client's address (src/server/auth/actor.ts). */
    clientAddress?: string | null;
  }
}
