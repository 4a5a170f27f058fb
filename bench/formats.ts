/**
 * Throughput of the laid-out formats: reports/s for HTML and DOCX, pages/s for
 * the PDF text layer (readSource + extractSource of the fixtures in test/fixtures/formats,
 * repeated); OCR as whole commands in bench/ocr.ts. Run: node --import tsx bench/formats.ts
 * BENCH_ROUNDS sets the repetitions of the fast formats (default 20).
 */
import { join } from 'node:path';
import { extractSource } from '../src/extract/index.ts';
import { readSource } from '../src/ingest/read-file.ts';

const dir = new URL('../test/fixtures/formats/', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const PAGES: Record<string, number> = {
  'v2019.chromium.pdf': 4, 'v2021.chromium.pdf': 4, 'v2019.lo.pdf': 7, 'v2021.lo.pdf': 8,
};

async function measure(label: string, files: string[], rounds: number, unit: '份' | '页'): Promise<number> {
  const paths = files.map((f) => join(dir, f));
  if (rounds > 1) for (const p of paths) extractSource(await readSource(p)); // warm-up (not for the slow OCR runs)
  const t0 = performance.now();
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < paths.length; i++) {
      const report = extractSource(await readSource(paths[i]!));
      if (!report.tables) throw new Error(files[i]);
      n += unit === '页' ? PAGES[files[i]!]! : 1;
    }
  }
  const ms = performance.now() - t0;
  const perSecond = n / (ms / 1000);
  console.log(`${label.padEnd(22)} ${String(n).padStart(5)} ${unit}  ${ms.toFixed(0).padStart(7)} ms  ${perSecond.toFixed(perSecond < 10 ? 2 : 0).padStart(8)} ${unit}/秒`);
  return perSecond;
}

console.log(`版式文件读取速度（readSource + extractSource，Node ${process.version}，单线程）`);
await measure('HTML', ['v2019.html', 'v2021.html', 'v2019.gov.html', 'v2021.gov.html'], ROUNDS, '份');
await measure('DOCX', ['v2019.lo.docx', 'v2021.lo.docx'], ROUNDS, '份');
await measure('PDF 文字层', ['v2019.chromium.pdf', 'v2021.chromium.pdf', 'v2019.lo.pdf', 'v2021.lo.pdf'], Math.max(1, Math.ceil(ROUNDS / 4)), '页');
// OCR: the whole command per file, wall and CPU time per page, cells exact (bench/ocr.ts).
await import('./ocr.ts');
