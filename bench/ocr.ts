/**
 * OCR speed and accuracy as a user runs it: the whole `ogi parse --json FILE` process per file
 * (start-up, pdftoppm, every tesseract run), wall time and CPU time (user + sys, children
 * included, through /usr/bin/time) per page, and the cells exact / read wrong against the tables
 * the images were made from. Files: the screenshot and scan fixtures, and clean A4 scans at 200 dpi
 * made here from ogi's rendered HTML (test/helpers/ocr-pages.ts). Target: ≤ 3 s per A4 page,
 * ≥ 99.5 % exact, none wrong. Run: node --import tsx bench/ocr.ts (BENCH_OCR_REPORTS, default 2).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ocrAvailable } from '../src/ingest/ocr.ts';
import { findProgram } from '../src/programs.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import type { Tables } from '../src/schema/types.ts';
import { compareTables } from '../test/helpers/accuracy.ts';
import { makeOcrImages } from '../test/helpers/ocr-pages.ts';
import { CHROMIUM } from '../test/web/fixtures.ts';

const root = new URL('../', import.meta.url).pathname;
const formats = join(root, 'test/fixtures/formats');
const REPORTS = Number(process.env.BENCH_OCR_REPORTS ?? 2);

interface Case {
  label: string;
  file: string;
  pages: number;
  template: TableTemplate;
  tables: Tables;
}

function runWhole(file: string): { wall: number; cpu: number | null; tables: Tables } {
  const bin = join(root, 'bin/ogi');
  const timeFile = join(tmpdir(), `ogi-bench-time-${process.pid}`);
  const t0 = performance.now();
  const out = existsSync('/usr/bin/time')
    ? execFileSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', bin, 'parse', '--json', file], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] })
    : execFileSync(bin, ['parse', '--json', file], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const wall = (performance.now() - t0) / 1000;
  let cpu: number | null = null;
  if (existsSync(timeFile)) {
    const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    cpu = u! + s!;
    rmSync(timeFile, { force: true });
  }
  const parsed = JSON.parse(out.toString('utf8')) as { tables: Tables } | { tables: Tables }[];
  return { wall, cpu, tables: (Array.isArray(parsed) ? parsed[0]! : parsed).tables };
}

const ocr = await ocrAvailable();
if (!ocr.ok || !findProgram(['pdftoppm'])) {
  console.log(`OCR：跳过（${ocr.ok ? '未安装 pdftoppm' : ocr.message}）`);
} else {
  const cases: Case[] = [];
  for (const name of ['v2019', 'v2021']) {
    const exp = JSON.parse(readFileSync(join(formats, `${name}.expected.json`), 'utf8')) as { template: TableTemplate; tables: Tables };
    cases.push({ label: '截图 PNG（1800×4586）', file: join(formats, `${name}.png`), pages: 1, ...exp });
    cases.push({ label: '扫描 PDF（夹具，200 dpi）', file: join(formats, `${name}.scan.pdf`), pages: 2, ...exp });
  }
  const tmp = mkdtempSync(join(tmpdir(), 'ogi-bench-ocr-'));
  if (existsSync(CHROMIUM)) {
    const made = await makeOcrImages(tmp, Array.from({ length: REPORTS }, (_, i) => ({ name: `r${i}`, template: i % 2 ? '2021' as const : '2019' as const, seed: 100 + i })));
    for (const im of made.values()) {
      const t = im.report.template as TableTemplate;
      cases.push({ label: '截图 PNG（新生成）', file: im.screenshot, pages: 1, template: t, tables: im.report.tables });
      cases.push({ label: 'A4 扫描 PDF（200 dpi）', file: im.scan, pages: im.scanPages, template: t, tables: im.report.tables });
    }
  }
  console.log(`\nOCR 整个命令（ogi parse --json，${availableParallelism()} 核，tesseract 并行数 = 核数）：`);
  console.log('| 文件 | 页 | 墙钟时间 | 每页 | CPU（用户+系统）/页 | 准确单元格 | 读错 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  let exact = 0;
  let expected = 0;
  let wrong = 0;
  const a4: number[] = [];
  for (const c of cases) {
    const r = runWhole(c.file);
    const cmp = compareTables(c.template, c.tables, r.tables);
    exact += cmp.exact;
    expected += cmp.expected;
    wrong += cmp.wrong.length;
    if (c.label.startsWith('A4')) a4.push(r.wall / c.pages);
    const cpu = r.cpu === null ? '—' : `${(r.cpu / c.pages).toFixed(1)} 秒`;
    console.log(`| ${c.label} ${c.file.split('/').at(-1)} | ${c.pages} | ${r.wall.toFixed(1)} 秒 | ${(r.wall / c.pages).toFixed(1)} 秒 | ${cpu} | ${cmp.exact}/${cmp.expected} | ${cmp.wrong.length} |`);
  }
  console.log(`合计：${exact}/${expected} 单元格准确（${((100 * exact) / expected).toFixed(2)} %），读错 ${wrong} 格${a4.length ? `；A4 扫描每页 ${Math.min(...a4).toFixed(1)}–${Math.max(...a4).toFixed(1)} 秒` : ''}。`);
  rmSync(tmp, { recursive: true, force: true });
}
