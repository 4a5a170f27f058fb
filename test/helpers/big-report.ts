import { readFileSync } from 'node:fs';

/**
 * A valid 2021 report page with an appendix table of `rows` rows (within the caps of limits.ts: 20 000 rows,
 * 200 000 cells and elements): its parsing and extraction hold a thread for seconds.
 */
export function bigReportHtml(rows = 15_000): string {
  const table = Array.from({ length: rows }, (_, i) => `<tr><td>附表第${i + 1}项</td><td>${i}</td><td>${i * 2}</td></tr>`).join('\n');
  const page = readFileSync(new URL('../fixtures/formats/v2021.html', import.meta.url), 'utf8');
  return page.replace('<h2>五、', `<h2>附：公开目录</h2>\n<table>\n${table}\n</table>\n<h2>五、`);
}
