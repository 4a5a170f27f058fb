import { relative } from 'node:path';
import cliProgress from 'cli-progress';
import type { InputError } from '../errors.ts';
import { expandInput } from '../ingest/read-file.ts';
import type { Store } from '../store/db.ts';
import { importFiles } from '../store/import.ts';
import { IMPORTABLE_EXTENSIONS, type ImportFile, type ImportItem } from '../store/import-files.ts';
import { enqueueImport } from '../store/job-import.ts';
import { openStore } from '../store/open.ts';
import { JOB_HANDLERS, startWorkers } from './jobs.ts';
import { defaultDbPath, startServer } from './start.ts';

/** The commands `ogi start` and `ogi import` (src/cli/main.ts declares them). */

export interface StoreChoice {
  db?: string;
}

/** --db FILE, else DATABASE_URL (PostgreSQL), else OGI_DB, else .ogi/ogi.sqlite. */
export function storeOptions(opts: StoreChoice): { sqlitePath: string } | { databaseUrl: string } {
  if (opts.db) return /^postgres(ql)?:\/\//.test(opts.db) ? { databaseUrl: opts.db } : { sqlitePath: opts.db };
  if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL };
  return { sqlitePath: process.env.OGI_DB || defaultDbPath() };
}

/** Files to import: directories are walked (report files and .zip archives), files are taken as given. */
/** The store a command works on, or null after printing why it could not be opened. */
export async function openCliStore(opts: StoreChoice): Promise<Store | null> {
  try {
    return await openStore(storeOptions(opts));
  } catch (err) {
    process.stderr.write(`错误：无法打开数据库（${(err as Error).message}）\n`);
    return null;
  }
}

export async function collectFiles(paths: readonly string[]): Promise<{ files: ImportFile[]; problems: InputError[] }> {
  const out: { files: ImportFile[]; problems: InputError[] } = { files: [], problems: [] };
  for (const p of paths) {
    const found = await expandInput(p, [...IMPORTABLE_EXTENSIONS, '.zip']);
    // A file argument (missing ones are reported when their turn comes) keeps its name as given.
    if (!found.isDirectory) out.files.push({ name: p, path: p });
    else for (const f of found.files) out.files.push({ name: relative(process.cwd(), f) || f, path: f });
    out.problems.push(...found.problems);
  }
  return out;
}

const STATUS = { imported: '导入', duplicate: '重复', failed: '失败' } as const;

/** Files named on the command line are read from disk one at a time: no cap on their number (the web's cap bounds uploads held in memory). */
const CLI_LIMITS = { maxFiles: Number.MAX_SAFE_INTEGER };

/** ogi import --enqueue PATH…: the files go into one import job; its id is printed (stdout) for `ogi worker` to do. */
async function enqueueImportCommand(store: Store, files: ImportFile[], author: string): Promise<number> {
  try {
    const id = await enqueueImport(store, JOB_HANDLERS, files, { owner: { userId: null, author, scope: null }, source: 'cli', limits: CLI_LIMITS });
    process.stderr.write(`已加入任务队列：任务 ${id}（${files.length} 个文件）。由 ogi worker 或服务进程处理，进度见任务中心 /jobs。数据库：${store.location}\n`);
    process.stdout.write(`${id}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`错误：${(err as Error).message}\n`);
    return 2;
  }
}

/** ogi import PATH… [--db FILE]: exit code 0 when every file was imported or already there, 2 when some could not be read. */
export async function runImportCommand(paths: string[], opts: StoreChoice & { author?: string; enqueue?: boolean }): Promise<number> {
  const { files, problems } = await collectFiles(paths);
  for (const p of problems) process.stderr.write(`错误：${p.message}\n`);
  if (!files.length) {
    process.stderr.write('错误：没有找到可导入的文件\n');
    return 2;
  }
  const store = await openCliStore(opts);
  if (!store) return 2;
  if (opts.enqueue) {
    try {
      const code = await enqueueImportCommand(store, files, opts.author ?? process.env.USER ?? '命令行');
      return problems.length ? 2 : code;
    } finally {
      await store.close();
    }
  }
  const bar = new cliProgress.SingleBar(
    { format: '导入 [{bar}] {value}/{total} {percentage}% | {name}', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 2000, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(files.length, 0, { name: '' });
  const t0 = performance.now();
  try {
    const result = await importFiles(store, files, {
      author: opts.author ?? process.env.USER ?? '命令行',
      source: 'cli',
      limits: CLI_LIMITS,
      onProgress: (done, total, item: ImportItem) => {
        if (bar.getTotal() !== total) bar.setTotal(total);
        bar.update(done, { name: item.name.slice(-40) });
      },
    });
    bar.stop();
    const seconds = (performance.now() - t0) / 1000;
    for (const item of result.items) {
      if (item.status !== 'imported') process.stderr.write(`${STATUS[item.status]}：${item.name}${item.reason ? `（${item.reason}）` : ''}\n`);
    }
    process.stdout.write(
      `共 ${result.total} 个文件：导入 ${result.imported} 份，重复 ${result.duplicates} 份，失败 ${result.failed} 份；用时 ${seconds.toFixed(1)} 秒。数据库：${store.location}\n`,
    );
    return result.failed || problems.length ? 2 : 0;
  } finally {
    bar.stop();
    await store.close();
  }
}

const DEFAULT_WORKER_CONCURRENCY = 4;

/** ogi worker [--concurrency N]: runs queued jobs until SIGTERM or Ctrl-C (tasks under way are finished first). */
export async function runWorkerCommand(opts: StoreChoice & { concurrency?: string }): Promise<number> {
  // Files are read on threads and the database is waited for: a few tasks at once keep the process busy (PostgreSQL, one worker: 1 → 77/s, 4 → 104/s).
  const concurrency = Number(opts.concurrency ?? DEFAULT_WORKER_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    process.stderr.write(`错误：--concurrency 应为 1–64 的整数，收到“${opts.concurrency}”\n`);
    return 2;
  }
  const store = await openCliStore(opts);
  if (!store) return 2;
  try {
    const workers = await startWorkers(store, concurrency);
    process.stderr.write(`任务处理进程已启动（队列：${workers.queue}，同时处理 ${concurrency} 个任务；数据库：${store.location}；Ctrl-C 或 SIGTERM 停止）\n`);
    await new Promise<void>((ok) => {
      process.once('SIGINT', ok);
      process.once('SIGTERM', ok);
    });
    process.stderr.write('正在停止：等待进行中的任务完成……\n');
    await workers.stop();
    return 0;
  } catch (err) {
    process.stderr.write(`错误：任务处理出错（${(err as Error).message}）\n`);
    return 2;
  } finally {
    await store.close();
  }
}

/** ogi start: the server, until Ctrl-C. */
export async function runStartCommand(opts: StoreChoice & { port?: string; host?: string; trustProxy?: boolean }): Promise<number> {
  const port = Number(opts.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`错误：端口应为 0–65535 的整数，收到“${opts.port ?? process.env.PORT}”\n`);
    return 2;
  }
  const choice = storeOptions(opts);
  let running;
  try {
    running = await startServer({ port, hostname: opts.host ?? process.env.HOST ?? '127.0.0.1', trustProxy: opts.trustProxy === true || process.env.OGI_TRUST_PROXY === '1', ...('databaseUrl' in choice ? { databaseUrl: choice.databaseUrl } : { dbPath: choice.sqlitePath }) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`错误：无法启动（${e.code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 --port 或 PORT 指定其他端口` : e.message}）\n`);
    return 2;
  }
  const shown = running.url.replace('127.0.0.1', 'localhost');
  process.stderr.write(`ogi 已启动：${shown}  （数据库：${running.store.location}；API 说明：${shown}/api/openapi.json；Ctrl-C 停止）\n`);
  await new Promise<void>((ok) => {
    const stop = () => ok();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
