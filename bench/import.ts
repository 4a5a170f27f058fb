/**
 * npm run bench:import — imports a region of 1,000 generated reports (250
 * agencies in 10 districts, 2020–2023, both table formats) into a fresh store,
 * the way `ogi import DIR` does, and prints reports per second. Target: under 60 s.
 *
 *   BENCH_REPORTS=1000  how many reports
 *   DATABASE_URL=…      PostgreSQL instead of a temporary SQLite file
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importAgenciesCsv } from '../src/store/agencies-csv.ts';
import type { Store } from '../src/store/db.ts';
import { importFiles } from '../src/store/import.ts';
import { openStore } from '../src/store/open.ts';
import { collectFiles } from '../src/server/cli.ts';
import { LAYOUTS, reportText } from '../test/helpers/layouts.ts';
import { randomTables } from '../test/helpers/random-report.ts';

export const BENCH_CITY = '示范市';
const DEPARTMENTS = ['教育局', '民政局', '财政局', '交通运输局', '卫生健康局', '市场监督管理局', '自然资源局', '住房和城乡建设局', '农业农村局', '生态环境局',
  '应急管理局', '水利局', '文化和旅游局', '人力资源和社会保障局', '司法局', '审计局', '统计局', '医疗保障局', '退役军人事务局', '商务局', '工业和信息化局', '科学技术局', '林业局', '信访局', '行政审批服务局'];
const DISTRICTS = ['东城区', '西城区', '南湖区', '北山区', '中原区', '江口县', '河阳县', '青石县', '白云县', '金水县'];

/** Writes `count` report files (agencies × years) and the agencies CSV into `dir`; returns the CSV. */
export function writeBenchReports(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  const agencies = DISTRICTS.flatMap((d) => DEPARTMENTS.map((dep) => ({ name: `${BENCH_CITY}${d}${dep}`, district: d })));
  const years = [2020, 2021, 2022, 2023];
  for (let i = 0; i < count; i++) {
    const agency = agencies[i % agencies.length]!;
    const year = years[Math.floor(i / agencies.length) % years.length]! + 4 * Math.floor(i / (agencies.length * years.length));
    const template = year <= 2020 ? '2019' : '2021';
    const text = reportText({ agency: agency.name, year, template, tables: randomTables(template, i + 1), layout: LAYOUTS[i % LAYOUTS.length]! });
    writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), text);
  }
  return ['机关,区域,上级区域', ...DISTRICTS.map((d) => `${BENCH_CITY}${d}人民政府,${d},${BENCH_CITY}`), ...agencies.map((a) => `${a.name},${a.district},${BENCH_CITY}`)].join('\n');
}

export interface ImportBench {
  reports: number;
  seconds: number;
  perSecond: number;
  /** CPU milliseconds per report of this process (every thread: the readers too), steadier than the wall clock on a busy machine. */
  cpuPerReport: number;
}

/** Imports the generated reports of `dir` into the store, with the agencies CSV first. */
export async function importBench(store: Store, dir: string, csv: string): Promise<ImportBench> {
  await importAgenciesCsv(store.db, Buffer.from(csv));
  const { files } = await collectFiles([dir]);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await importFiles(store, files, { author: 'bench', source: 'bench' });
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  if (result.imported !== files.length) throw new Error(`imported ${result.imported} of ${files.length}: ${JSON.stringify(result.items.find((i) => i.status !== 'imported'))}`);
  return { reports: result.imported, seconds, perSecond: result.imported / seconds, cpuPerReport: (cpu.user + cpu.system) / 1000 / result.imported };
}

export async function runImportBench(): Promise<void> {
  const count = Number(process.env.BENCH_REPORTS ?? 1000);
  const work = mkdtempSync(join(tmpdir(), 'ogi-bench-import-'));
  try {
    const csv = writeBenchReports(join(work, 'reports'), count);
    const store = await openStore(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { sqlitePath: join(work, 'bench.sqlite') });
    const r = await importBench(store, join(work, 'reports'), csv);
    await store.close();
    console.log(`导入（${store.dialect}）：${r.reports} 份报告  ${r.seconds.toFixed(1)} 秒  ${r.perSecond.toFixed(0)} 份/秒  每份 CPU ${r.cpuPerReport.toFixed(2)} ms  （目标：1000 份 < 60 秒）`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runImportBench();
