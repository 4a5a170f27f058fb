import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { CheckConfig } from '../check/types.ts';
import type { Store } from '../store/db.ts';
import { openStore } from '../store/open.ts';
import { preloadSamples } from '../store/preload.ts';
import type { AppOptions } from './app.ts';
import { ensureFirstAdmin } from './first-admin.ts';
import { startWorkers, type Workers } from './jobs.ts';
import { sweepStaleUploads } from './upload-sweep.ts';

export interface StartOptions extends AppOptions {
  port?: number;
  hostname?: string;
  /** SQLite file (created on first start). */
  dbPath?: string;
  /** postgres://… — used instead of SQLite when given. */
  databaseUrl?: string;
  /** Load the example regions and samples/*.txt into a new store. Default true. */
  preload?: boolean;
  checkConfig?: CheckConfig;
  /** Background jobs run by this process at once (default OGI_WORKERS, else 1; 0: none, leave them to `ogi worker`). */
  workers?: number;
  /** Messages for the operator; default stderr. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  server: ServerType;
  close(): Promise<void>;
}

/** The SQLite file used when none is given: .ogi/ogi.sqlite in the working folder (ignored by git). */
export const defaultDbPath = (): string => resolve('.ogi', 'ogi.sqlite');

/** Opens the store (migrations run), preloads the samples on first start, and serves the app. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store = await openStore(
    options.databaseUrl ? { databaseUrl: options.databaseUrl, checkConfig: options.checkConfig } : { sqlitePath: options.dbPath ?? defaultDbPath(), checkConfig: options.checkConfig },
  );
  if (options.preload !== false) {
    const loaded = await preloadSamples(store);
    if (loaded) log(`首次启动：已建立示例区域，并导入 ${loaded.imported} 份样例报告（samples/*.txt）。`);
  }
  await ensureFirstAdmin(store, log);
  const swept = await sweepStaleUploads();
  if (swept) log(`已清理 ${swept} 个中断上传留下的临时文件夹。`);
  // The app (every route, the renderers) loads here, not with this module: `ogi worker` imports it for its helpers only.
  const { createApp } = await import('./app.ts');
  const app = createApp(store, { ...options, cache: options.cache ?? process.env.OGI_CACHE !== '0' });
  const concurrency = options.workers ?? (process.env.OGI_WORKERS === undefined ? 1 : Number(process.env.OGI_WORKERS));
  const workers: Workers | null = Number.isInteger(concurrency) && concurrency > 0 ? await startWorkers(store, concurrency) : null;
  const hostname = options.hostname ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((ok, fail) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname }, (info) => ok({ server, port: info.port }));
    server.once('error', fail);
  });
  const url = `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`;
  return {
    url,
    port,
    store,
    server,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      await workers?.stop();
      await store.close();
    },
  };
}
