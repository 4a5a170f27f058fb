import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { startWorkers } from '../../src/server/jobs.ts';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import type { OpenStore } from '../api/databases.ts';
import { synthetic } from '../api/fixtures.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const FORMATS = join(ROOT, 'test/fixtures/formats');
export const V2021_HTML = join(FORMATS, 'v2021.html');
export const V2019_HTML = join(FORMATS, 'v2019.html');

/** An agency name and texts that try to break out of HTML: a report is untrusted input. */
export const XSS_AGENCY = '某某县"\'<script>alert(1)</script>局';
export const XSS_TEXT = '<img src=x onerror="alert(2)">\'"&<b>粗</b>';

/** A consistent 2021 report whose agency name and overview carry markup and quotes. */
export function xssReport(): string {
  return synthetic({ agency: XSS_AGENCY, year: 2021, overview: `2021年，${XSS_AGENCY}${XSS_TEXT}认真贯彻落实条例。` });
}

/**
 * The 2022 report of the agency of test/fixtures/formats/v2021.* (某某区生态环境局, 2023):
 * the same overview as the 2023 page (内容雷同), another part five, and fewer requests (a consistent table),
 * so that the agency has two years to compare.
 */
export function ecology2022(): string {
  return readFileSync(join(FORMATS, 'v2021.txt'), 'utf8')
    .replaceAll('2023', '2022')
    .replace('2024年1月22日', '2023年1月20日')
    .replace('认真贯彻落实《中华人民共和国政府信息公开条例》。', '认真贯彻落实《中华人民共和国政府信息公开条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。')
    .replace('一、本年新收政府信息公开申请数量\t78\t80\t108\t123\t131\t103\t623', '一、本年新收政府信息公开申请数量\t70\t80\t108\t123\t131\t103\t615')
    .replace('四、结转下年度继续办理\t8\t0\t4\t0\t1\t0\t13', '四、结转下年度继续办理\t0\t0\t4\t0\t1\t0\t5')
    .replace('存在的问题是宣传不够。改进措施是加强培训。', '存在的问题是信息更新不够及时。改进措施是明确专人负责、按月检查栏目。');
}

export interface WebServer {
  url: string;
  store: Store;
  app: Hono;
  close(): Promise<void>;
}

/**
 * API and pages over a new SQLite file in a temporary folder (or the store `open` gives, e.g. a
 * throwaway PostgreSQL cluster), with the samples preloaded, on a free port.
 */
export async function startWebServer(open?: OpenStore): Promise<WebServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-web-'));
  const opened = open ? await open() : null;
  const store = opened ? opened.store : await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
  await preloadSamples(store);
  const app = createApp(store);
  // Uploads from the import page are queued: a worker pool runs them, as in the server.
  const workers = await startWorkers(store, 1);
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((ok, fail) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => ok({ server, port: info.port }));
    server.once('error', fail);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    app,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      await workers.stop();
      await (opened ? opened.close() : store.close());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
