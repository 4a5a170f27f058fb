/**
 * Whole-process figures of the CLI over a corpus of text reports (the way a researcher runs it):
 * `ogi parse --ndjson` and `ogi check --ndjson` against a read-and-scan floor run in the same
 * session (bench/scan-baseline.mjs), and peak memory (RSS) at 2,000 and 8,000 reports.
 * BENCH_CORPUS_DOCS sets the smaller corpus (default 2000; the larger is four times it).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const samples = join(root, 'samples');
const texts = readdirSync(samples).filter((f) => f.endsWith('.txt')).map((f) => join(samples, f));
const SMALL = Number(process.env.BENCH_CORPUS_DOCS ?? 2000);
const TIME = '/usr/bin/time';

/** N copies of the sample text reports, 100 to a folder. */
function corpus(dir: string, n: number): string {
  for (let i = 0; i < n; i++) {
    const folder = join(dir, String(Math.floor(i / 100)).padStart(3, '0'));
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    copyFileSync(texts[i % texts.length]!, join(folder, `${String(i).padStart(5, '0')}.txt`));
  }
  return dir;
}

interface Run { seconds: number; rssMiB: number | null }

/** One whole process, its output thrown away: wall time, and peak RSS through /usr/bin/time where it exists. */
function run(command: string, args: string[]): Run {
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-f', 'OGI-BENCH %M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const kb = /OGI-BENCH (\d+)/.exec(r.stderr ?? '')?.[1];
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, rssMiB: kb ? Number(kb) / 1024 : null };
}

const ogi = join(root, 'bin', 'ogi');
const tmp = mkdtempSync(join(tmpdir(), 'ogi-bench-corpus-'));
try {
  const small = corpus(join(tmp, 'small'), SMALL);
  const large = corpus(join(tmp, 'large'), SMALL * 4);
  const line = (label: string, n: number, r: Run, base?: Run) =>
    console.log(`${label.padEnd(34)} ${String(n).padStart(5)} 份  ${r.seconds.toFixed(2).padStart(6)} 秒  ${(n / r.seconds).toFixed(0).padStart(6)} 份/秒` +
      `${base ? `  ${(r.seconds / base.seconds).toFixed(1).padStart(5)} 倍基线` : ''}  峰值 RSS ${r.rssMiB === null ? '—' : `${r.rssMiB.toFixed(0)} MiB`}`);
  console.log(`\n整个进程（命令行，${texts.length} 份样例文本的副本，输出丢弃；${process.env.BENCH_JOBS ? `--jobs ${process.env.BENCH_JOBS}` : '默认每核一个工作线程'}）：`);
  const jobs = process.env.BENCH_JOBS ? ['--jobs', process.env.BENCH_JOBS] : [];
  const base = run(process.execPath, [join(root, 'bench', 'scan-baseline.mjs'), small]);
  line('基线：读取 + 一个正则（node）', SMALL, base);
  line('ogi parse --ndjson', SMALL, run(ogi, ['parse', '--ndjson', ...jobs, small]), base);
  line('ogi parse --ndjson --lean', SMALL, run(ogi, ['parse', '--ndjson', '--lean', ...jobs, small]), base);
  line('ogi parse --ndjson --jobs 1', SMALL, run(ogi, ['parse', '--ndjson', '--jobs', '1', small]), base);
  line('ogi check --ndjson', SMALL, run(ogi, ['check', '--ndjson', ...jobs, small]), base);
  line('ogi render --to csv', SMALL, run(ogi, ['render', '--to', 'csv', ...jobs, small]), base);
  line('ogi parse --ndjson（四倍语料）', SMALL * 4, run(ogi, ['parse', '--ndjson', ...jobs, large]));
  line('ogi check --ndjson（四倍语料）', SMALL * 4, run(ogi, ['check', '--ndjson', ...jobs, large]));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
