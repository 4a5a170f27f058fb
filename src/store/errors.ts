/** A request the store refuses, with a Chinese message the API passes on (404, 409, 403, 413 or 400). */
export class StoreError extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict' | 'forbidden' | 'invalid' | 'too-large',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** True when the database refused a row because of a unique index (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
