import { dataVersion, type Q } from './db.ts';

/** Entries kept per store: the least recently used go first. */
const KEPT_ENTRIES = 500;

interface Entry {
  version: number;
  value: unknown;
}

const kept = new WeakMap<Q, Map<string, Entry>>();
const reading = new WeakMap<Q, Map<string, Promise<unknown>>>();

/**
 * What `read()` returns, kept under `key` while the data version is unchanged (every write, by any process, bumps it).
 * Reads that miss together share one read. Inside a transaction the version moves only at commit, so `read()` runs
 * every time and sees what the transaction sees. `seenVersion`: a data version the caller has just read (saves reading
 * it again). The version is read first, so what is kept is never older than the version it is kept under.
 * Callers must not change what they get back: it is shared.
 */
export async function keptUnderVersion<T>(db: Q, key: string, read: () => Promise<T>, seenVersion?: number): Promise<T> {
  if (db.isTransaction) return read();
  const entries = kept.get(db) ?? kept.set(db, new Map()).get(db)!;
  const version = seenVersion ?? (await dataVersion(db));
  const hit = entries.get(key);
  if (hit?.version === version) {
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as T;
  }
  const flights = reading.get(db) ?? reading.set(db, new Map()).get(db)!;
  const flight = `${version} ${key}`;
  const running = flights.get(flight);
  if (running) return running as Promise<T>;
  const value = read();
  flights.set(flight, value);
  value.then(
    (v) => {
      flights.delete(flight);
      if ((entries.get(key)?.version ?? -1) > version) return;
      entries.delete(key);
      entries.set(key, { version, value: v });
      for (const oldest of entries.keys()) {
        if (entries.size <= KEPT_ENTRIES) break;
        entries.delete(oldest);
      }
    },
    () => flights.delete(flight),
  );
  return value;
}
