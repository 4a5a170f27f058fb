/**
 * npm run bench:scale — a province at scale: generates N reports (default
 * 100,000: the agencies of 16 cities, 6 years each), queues them as one import
 * and lets two `ogi worker` processes import them, on PostgreSQL (pg-boss) and on
 * SQLite; then measures list / report / roll-up p50 and p99 under an open-loop load
 * of 200 requests/s against `ogi start` (as bench/load.ts). Targets: import ≥ 300
 * reports/s on PostgreSQL with 2 workers; p99 < 100 ms on both databases.
 *
 *   --n 100000       reports
 *   --db both        sqlite, postgres or both (PostgreSQL: DATABASE_URL, else a throwaway cluster)
 *   --rate 200       requests per second of the load
 *   --seconds 20     how long the load runs
 *   --load-only      no generation or import: the load against the database an earlier run imported
 *                    (PostgreSQL: DATABASE_URL; SQLite: --sqlite FILE), to compare builds on the same data
 *   --import-only    generation and import only, no load
 *
 * Besides the wall-clock rate, the import prints the CPU time per report of the workers (all their threads)
 * and of the PostgreSQL server (every backend, when it runs on this machine): on a shared machine the wall
 * clock moves with the others' load, the CPU per report much less.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { collectFiles } from '../src/server/cli.ts';
import { JOB_HANDLERS } from '../src/server/jobs.ts';
import { hashPassword, randomPassword } from '../src/server/auth/passwords.ts';
import { importAgenciesCsv } from '../src/store/agencies-csv.ts';
import { num, type Store } from '../src/store/db.ts';
import { enqueueImport } from '../src/store/job-import.ts';
import { openStore } from '../src/store/open.ts';
import { createUser } from '../src/store/users.ts';
import { startPostgres } from '../test/api/pg.ts';
import { LAYOUTS, reportText } from '../test/helpers/layouts.ts';
import { randomTables } from '../test/helpers/random-report.ts';
import { openLoop, warmUp, WARM_UP_SECONDS, type LoadResult } from './load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROVINCE = '示范省';
const CITIES = ['东州市', '西州市', '南州市', '北州市', '中州市', '江州市', '河州市', '湖州市', '山州市', '海州市', '云州市', '林州市', '石州市', '金州市', '玉州市', '春州市'];
const DISTRICTS = ['城东区', '城西区', '城南区', '城北区', '新区', '开发区', '甲县', '乙县', '丙县', '丁县', '戊县', '己县', '庚县', '辛县', '壬县', '癸县', '子县', '丑县', '寅县', '卯县', '辰县', '巳县', '午县', '未县', '申县', '酉县', '戌县', '亥县', '东县', '西县', '南县', '北县', '中县', '上县', '下县', '左县', '右县', '前县', '后县', '内县', '外县', '高县'];
const DEPARTMENTS = ['教育局', '民政局', '财政局', '交通运输局', '卫生健康局', '市场监督管理局', '自然资源局', '住房和城乡建设局', '农业农村局', '生态环境局',
  '应急管理局', '水利局', '文化和旅游局', '人力资源和社会保障局', '司法局', '审计局', '统计局', '医疗保障局', '退役军人事务局', '商务局', '工业和信息化局', '科学技术局', '林业局', '信访局', '行政审批服务局'];
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

/** Writes n reports: agencies (city × district × department) each over the six years; returns the agencies CSV. */
function writeProvince(dir: string, n: number): string {
  mkdirSync(dir, { recursive: true });
  const agencies = Math.ceil(n / YEARS.length);
  const csv = ['机关,区域,上级区域', ...CITIES.map((c) => `${c}人民政府,${c},${PROVINCE}`)];
  const districts = new Set<string>();
  for (let a = 0; a < agencies; a++) {
    const city = CITIES[a % CITIES.length]!;
    const district = `${city}${DISTRICTS[Math.floor(a / CITIES.length) % DISTRICTS.length]}`;
    const dept = DEPARTMENTS[Math.floor(a / (CITIES.length * DISTRICTS.length)) % DEPARTMENTS.length]!;
    const round = Math.floor(a / (CITIES.length * DISTRICTS.length * DEPARTMENTS.length));
    const agency = `${district}${dept}${round ? `第${round + 1}分局` : ''}`;
    if (!districts.has(district)) {
      districts.add(district);
      csv.push(`${district}人民政府,${district},${city}`);
    }
    csv.push(`${agency},${district},${city}`);
    for (const [y, year] of YEARS.entries()) {
      const i = a * YEARS.length + y;
      if (i >= n) break;
      const template = year <= 2020 ? '2019' : '2021';
      const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
      if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `${String(i).padStart(6, '0')}.txt`), reportText({ agency, year, template, tables: randomTables(template, i + 1), layout: LAYOUTS[i % LAYOUTS.length]! }));
    }
  }
  return csv.join('\n');
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

function ogi(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'bin', 'ogi'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
}
const stopped = (p: ChildProcess) => new Promise<void>((ok) => (p.exitCode !== null || p.signalCode !== null ? ok() : p.once('exit', () => ok())));

/** CPU seconds (user + system, every thread) of a live process, with those of its children it has reaped; null without /proc. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime (fields 14–17 of proc(5)), in clock ticks of 1/100 s.
    return fields.slice(11, 15).reduce((a, f) => a + Number(f), 0) / 100;
  } catch {
    return null;
  }
}

const parentOf = (pid: number): number | null => {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  } catch {
    return null;
  }
};

/**
 * The CPU seconds so far of the PostgreSQL server (its postmaster, every live backend and those that ended),
 * when it runs on this machine; null otherwise.
 */
async function serverCpuSeconds(store: Store): Promise<number | null> {
  if (store.dialect !== 'postgres') return null;
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
  const postmaster = parentOf(Number(rows[0]!.pid));
  if (postmaster === null) return null;
  let total = cpuSeconds(postmaster);
  if (total === null) return null;
  for (const name of readdirSync('/proc')) {
    if (/^\d+$/.test(name) && parentOf(Number(name)) === postmaster) total += cpuSeconds(Number(name)) ?? 0;
  }
  return total;
}

interface ImportCpu {
  /** CPU milliseconds per report: the worker processes, and the database server (null when not measurable). */
  workers: number | null;
  server: number | null;
}

interface ScaleResult {
  dialect: string;
  reports: number;
  enqueueSeconds: number;
  importSeconds: number;
  perSecond: number;
  cpu: ImportCpu;
  load: LoadResult[];
  /** Seconds to compute the province's roll-up of each year the first time (afterwards answered from the cache). */
  coldRollups: number[];
  /** Worst p99 of the warm-up at the same rate (not counted). */
  warm: number;
}

async function importWithWorkers(store: Store, db: string, dir: string, csv: string, workers: number): Promise<{ enqueueSeconds: number; importSeconds: number; reports: number; cpu: ImportCpu }> {
  await importAgenciesCsv(store.db, Buffer.from(csv));
  const { files } = await collectFiles([dir]);
  const t0 = performance.now();
  const jobId = await enqueueImport(store, JOB_HANDLERS, files, { owner: { userId: null, author: 'bench', scope: null }, source: 'bench', limits: { maxFiles: files.length } });
  const t1 = performance.now();
  const server0 = await serverCpuSeconds(store);
  const procs = Array.from({ length: workers }, () => ogi(['worker', '--db', db], {}));
  let workerCpu: number | null = null;
  let serverCpu: number | null = null;
  try {
    for (;;) {
      const job = await store.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow();
      if (job.status !== 'queued' && job.status !== 'running') break;
      await sleep(500);
    }
    const each = procs.map((p) => cpuSeconds(p.pid!));
    workerCpu = each.every((c) => c !== null) ? each.reduce<number>((a, c) => a + c!, 0) : null;
    const server1 = await serverCpuSeconds(store);
    serverCpu = server0 !== null && server1 !== null ? server1 - server0 : null;
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map(stopped));
  }
  const t2 = performance.now();
  const imported = await store.db.selectFrom('job_items').select((eb) => eb.fn.countAll<number>().as('n')).where('job_id', '=', jobId).where('status', '=', 'imported').executeTakeFirstOrThrow();
  if (Number(imported.n) !== files.length) throw new Error(`imported ${imported.n} of ${files.length}`);
  // Fresh statistics for the planner after a bulk load.
  await sql`analyze`.execute(store.db);
  const perReport = (s: number | null) => (s === null ? null : (s * 1000) / files.length);
  return { enqueueSeconds: (t1 - t0) / 1000, importSeconds: (t2 - t1) / 1000, reports: files.length, cpu: { workers: perReport(workerCpu), server: perReport(serverCpu) } };
}

async function loadAgainstServer(store: Store, db: string, rate: number, seconds: number): Promise<{ load: LoadResult[]; coldRollups: number[]; warm: number }> {
  const province = (await store.db.selectFrom('regions').select('id').where('name', '=', PROVINCE).executeTakeFirstOrThrow()).id;
  const city = (await store.db.selectFrom('regions').select('id').where('name', '=', CITIES[0]!).executeTakeFirstOrThrow()).id;
  const ids = (await store.db.selectFrom('reports').select('id').execute()).map((r) => r.id);
  const password = randomPassword();
  const username = `bench-admin-${Date.now().toString(36)}`;
  await createUser(store.db, { username, role: 'admin', passwordHash: await hashPassword(password) });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = ogi(['start', '--db', db, '--port', String(port)], { OGI_WORKERS: '0' });
  let log = '';
  server.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error(`server did not start: ${log}`);
      }
      await sleep(100);
    }
    const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username, password }) });
    if (!login.ok) throw new Error(`bench login failed: ${login.status}`);
    const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
    const pick = (i: number) => {
      const year = YEARS[i % YEARS.length]!;
      switch (i % 3) {
        case 0:
          return { endpoint: 'GET /api/reports（列表，50 条）', path: `/api/reports?regionId=${city}&year=${year}&limit=50&offset=${(i * 7) % 200}` };
        case 1:
          return { endpoint: 'GET /api/reports/:id（报告+原文+核查）', path: `/api/reports/${ids[(i * 7919) % ids.length]}` };
        default:
          return { endpoint: `GET /api/regions/:id/rollup（${PROVINCE}）`, path: `/api/regions/${province}/rollup?year=${year}` };
      }
    };
    // The province's roll-up of each year, computed once (then cached until the data change): timed apart, not mixed into the load.
    const coldRollups: number[] = [];
    for (const year of YEARS) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/regions/${province}/rollup?year=${year}`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`roll-up ${year}: ${res.status}`);
      coldRollups.push((performance.now() - t0) / 1000);
    }
    const warm = await warmUp(base, rate, Math.round(rate * seconds), pick, headers);
    return { load: await openLoop(base, rate, seconds, pick, headers), coldRollups, warm };
  } finally {
    server.kill('SIGTERM');
    await stopped(server);
  }
}

async function benchOne(kind: 'sqlite' | 'postgres', dir: string, csv: string, work: string, rate: number, seconds: number | null, reuse: string | null): Promise<ScaleResult> {
  let db: string;
  let stopCluster: (() => Promise<void>) | null = null;
  if (reuse) db = reuse;
  else if (kind === 'sqlite') db = join(work, 'scale.sqlite');
  else if (process.env.DATABASE_URL) db = process.env.DATABASE_URL;
  else {
    const cluster = await startPostgres();
    db = cluster.url;
    stopCluster = cluster.stop;
  }
  try {
    const store = await openStore(kind === 'sqlite' ? { sqlitePath: db } : { databaseUrl: db });
    try {
      const imported = reuse
        ? { reports: num((await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), enqueueSeconds: 0, importSeconds: 0, cpu: { workers: null, server: null } }
        : await importWithWorkers(store, db, dir, csv, 2);
      const { load, coldRollups, warm } = seconds === null ? { load: [], coldRollups: [], warm: 0 } : await loadAgainstServer(store, db, rate, seconds);
      return { dialect: store.dialect, reports: imported.reports, enqueueSeconds: imported.enqueueSeconds, importSeconds: imported.importSeconds, perSecond: imported.reports / imported.importSeconds, cpu: imported.cpu, load, coldRollups, warm };
    } finally {
      await store.close();
    }
  } finally {
    await stopCluster?.();
  }
}

export async function runScaleBench(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { n: { type: 'string' }, db: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' }, 'load-only': { type: 'boolean' }, 'import-only': { type: 'boolean' }, sqlite: { type: 'string' } } });
  const n = Number(values.n ?? 100_000);
  const rate = Number(values.rate ?? 200);
  const seconds = Number(values.seconds ?? 20);
  const which = values.db ?? 'both';
  if (!Number.isInteger(n) || n < 1) throw new Error(`--n 应为正整数，收到“${values.n}”`);
  const loadOnly = values['load-only'] === true;
  const importOnly = values['import-only'] === true;
  if (loadOnly && importOnly) throw new Error('--load-only 与 --import-only 不能同时使用');
  const reused = (kind: 'sqlite' | 'postgres'): string | null => {
    if (!loadOnly) return null;
    const db = kind === 'sqlite' ? values.sqlite : process.env.DATABASE_URL;
    if (!db) throw new Error(kind === 'sqlite' ? '--load-only 需要 --sqlite 文件（此前一次运行导入的库）' : '--load-only 需要 DATABASE_URL（此前一次运行导入的库）');
    return db;
  };
  const work = mkdtempSync(join(tmpdir(), 'ogi-bench-scale-'));
  try {
    const t0 = performance.now();
    const csv = loadOnly ? '' : writeProvince(join(work, 'reports'), n);
    if (!loadOnly) console.log(`生成 ${n} 份报告（${PROVINCE} ${CITIES.length} 个市，${Math.ceil(n / YEARS.length)} 个机关 × ${YEARS.length} 个年度）：${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
    for (const kind of ['postgres', 'sqlite'] as const) {
      if (which !== 'both' && which !== kind) continue;
      const r = await benchOne(kind, join(work, 'reports'), csv, work, rate, importOnly ? null : seconds, reused(kind));
      if (!loadOnly) {
        console.log(`导入（${r.dialect}，2 个 ogi worker）：${r.reports} 份  入队 ${r.enqueueSeconds.toFixed(1)} 秒  导入 ${r.importSeconds.toFixed(1)} 秒  ${r.perSecond.toFixed(0)} 份/秒${r.dialect === 'postgres' ? '（目标 ≥ 300 份/秒）' : ''}`);
        const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} ms`);
        console.log(`  每份的 CPU 时间：worker 进程合计 ${ms(r.cpu.workers)}${r.dialect === 'postgres' ? `，PostgreSQL 服务器 ${ms(r.cpu.server)}` : ''}`);
      }
      if (importOnly) continue;
      console.log(`首次计算${PROVINCE}汇总（每个年度一次，之后由缓存应答）：${r.coldRollups.map((t) => t.toFixed(1)).join(' / ')} 秒`);
      console.log(`负载（${r.dialect}，${r.reports} 份报告）：开环 ${rate} 请求/秒 × ${seconds} 秒（此前同样速率预热 ${WARM_UP_SECONDS} 秒，最差 p99 ${r.warm.toFixed(1)} ms，不计入）`);
      for (const l of r.load) {
        console.log(`  ${l.endpoint.padEnd(40)} ${String(l.requests).padStart(5)} 次  p50 ${l.p50.toFixed(1).padStart(6)} ms  p99 ${l.p99.toFixed(1).padStart(6)} ms  最大 ${l.max.toFixed(0).padStart(5)} ms  失败 ${l.errors}`);
      }
      console.log(`  最差 p99：${Math.max(...r.load.map((l) => l.p99)).toFixed(1)} ms（目标：< 100 ms）`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runScaleBench();
