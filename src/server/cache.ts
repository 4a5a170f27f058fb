import { dataVersion, type Store } from '../store/db.ts';

/**
 * Answers of the read-heavy endpoints (roll-ups, rankings, lists, reports),
 * kept as serialised JSON (UTF-8 bytes, encoded once) while the store's data version is unchanged: every
 * write bumps the version in its own transaction, so an answer is never
 * served stale, also with several server processes on one database.
 * Least recently used answers go first once `maxBytes` is reached.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { version: number; body: Uint8Array<ArrayBuffer> }>();
  private readonly inFlight = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  private bytes = 0;

  constructor(
    private readonly store: Store,
    private readonly maxBytes = 64 * 1024 * 1024,
    readonly enabled = true,
  ) {}

  /**
   * `seenVersion`: the data version read at the start of the request (with its session), else read here; `compute`
   * gets the version the answer is kept under, to pass to store functions that keep data by version.
   */
  async json(key: string, compute: (version: number) => Promise<unknown>, seenVersion?: number): Promise<Response> {
    const version = seenVersion ?? (await dataVersion(this.store.db));
    if (!this.enabled) return respond(JSON.stringify(await compute(version)));
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return respond(hit.body);
    }
    // Requests that miss together wait for one computation (a burst on a large region's roll-up computes it once).
    const flight = `${version} ${key}`;
    let computing = this.inFlight.get(flight);
    if (computing) return respond(await computing);
    computing = compute(version).then((v) => utf8.encode(JSON.stringify(v)) as Uint8Array<ArrayBuffer>);
    this.inFlight.set(flight, computing);
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await computing;
    } finally {
      this.inFlight.delete(flight);
    }
    if (hit) this.drop(key);
    if (body.length < this.maxBytes / 2) {
      this.entries.set(key, { version, body });
      this.bytes += body.length;
      for (const oldest of this.entries.keys()) {
        if (this.bytes <= this.maxBytes) break;
        this.drop(oldest);
      }
    }
    return respond(body);
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length;
    this.entries.delete(key);
  }
}

const respond = (body: string | Uint8Array<ArrayBuffer>) => new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
const utf8 = new TextEncoder();
