/**
 * Failed logins counted in memory per key (a username, a client address) over a sliding
 * window; a key with `max` failures in the window is blocked until the oldest one ages out.
 * One process only: several servers on one database each count their own.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  private recent(key: string, at: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > at - this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string, at = Date.now()): number {
    const list = this.recent(key, at);
    return list.length < this.max ? 0 : Math.max(1, Math.ceil((list[list.length - this.max]! + this.windowMs - at) / 1000));
  }

  fail(key: string, at = Date.now()): void {
    this.failures.set(key, [...this.recent(key, at), at]);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
