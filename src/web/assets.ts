import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE } from '../bundle.ts';

/**
 * The pages' static files (src/web/static: CSS and small plain scripts), read
 * once and served from memory under /static/<name>. Links carry a content
 * hash (?v=…) so a browser never keeps an old script after an update.
 */

export const STATIC_DIR = fileURLToPath(BUNDLE ? new URL('../../src/web/static/', import.meta.url) : new URL('./static/', import.meta.url));

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

function load(): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const name of readdirSync(STATIC_DIR)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(STATIC_DIR, name));
    out.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 10) });
  }
  return out;
}

export const ASSETS = load();

/** The URL of a static file, with its content hash. */
export function asset(name: string): string {
  const a = ASSETS.get(name);
  if (!a) throw new Error(`static file missing: ${name}`);
  return `/static/${name}?v=${a.hash}`;
}
