/**
 * npm run bench — throughput of text-report parsing against a floor that only
 * reads the same bytes and runs one regular expression over them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '../src/ingest/decode.ts';
import { extractReport } from '../src/extract/report.ts';

const dir = new URL('../samples/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f)).map((f) => join(dir, f));
const DOCS = Number(process.env.BENCH_DOCS ?? 5000);
const rounds = Math.ceil(DOCS / files.length);
const total = rounds * files.length;

/** Runs `work` over `total` documents three times and keeps the median run (this VM's timings are noisy). */
function measure(label: string, work: (path: string) => number): { perSecond: number; ms: number } {
  for (const f of files) work(f); // warm-up so that the JIT has seen the code
  let sink = 0;
  const runs: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const f of files) sink += work(f);
    runs.push(performance.now() - t0);
  }
  const ms = runs.sort((a, b) => a - b)[1]!;
  const perSecond = total / (ms / 1000);
  console.log(`${label.padEnd(26)} ${total} 份  ${ms.toFixed(0).padStart(6)} ms  ${perSecond.toFixed(0).padStart(7)} 份/秒  （三次取中位数；校验值 ${sink}）`);
  return { perSecond, ms };
}

const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
console.log(`样例 ${files.length} 份，共 ${(bytes / 1024).toFixed(1)} KiB；每项处理 ${total} 份（${rounds} 轮）。Node ${process.version}，单线程。`);

const baseline = measure('基线：读取字节 + 一个正则', (f) => {
  const text = readFileSync(f).toString('utf8');
  return (text.match(/\d+/g) ?? []).length;
});
const rssAfterBaseline = process.resourceUsage().maxRSS;

const parse = measure('解析：读取 + 解码 + 提取', (f) => {
  const { text } = decodeText(readFileSync(f));
  const r = extractReport(text, { name: f, format: 'txt' });
  return Object.keys(r.provenance).length;
});
const peak = process.resourceUsage().maxRSS;

console.log(`解析 / 基线 耗时比：${(parse.ms / baseline.ms).toFixed(1)} 倍`);
console.log(`峰值内存（RSS）：基线后 ${(rssAfterBaseline / 1024).toFixed(0)} MiB，解析后 ${(peak / 1024).toFixed(0)} MiB`);

// Whole-process figures of the CLI over 2,000 and 8,000 text reports (bench/corpus.ts). BENCH_CORPUS=0 skips them.
if (process.env.BENCH_CORPUS !== '0') await import('./corpus.ts');

// Laid-out formats (bench/formats.ts): HTML and DOCX reports/s, PDF and OCR pages/s. BENCH_FORMATS=0 skips them.
if (process.env.BENCH_FORMATS !== '0') await import('./formats.ts');

// The server's benchmarks (bench/import.ts, bench/load.ts): importing a region of 1,000 reports,
// and p50/p99 latency of the list, report and roll-up endpoints at 200 requests/s. BENCH_SERVER=0 skips them.
if (process.env.BENCH_SERVER !== '0') {
  const { runImportBench } = await import('./import.ts');
  const { runLoadBench } = await import('./load.ts');
  await runImportBench();
  await runLoadBench();
}

// Precision and recall per rule on the findings regression suite (bench/findings.ts). BENCH_FINDINGS=0 skips it.
if (process.env.BENCH_FINDINGS !== '0') {
  console.log('\n核查规则的精确率与召回率（bench/findings.ts）：');
  await import('./findings.ts');
}
