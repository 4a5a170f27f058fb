import { readFileSync } from 'node:fs';
import { extractReport, type ReadReport } from '../../src/extract/report.ts';

/** A printed cell of `report` changed to `value` in its text. */
function reprint(text: string, report: ReadReport, path: string, value: string): string {
  const at = report.provenance[path];
  if (!at) throw new Error(`sample 000 prints no ${path}`);
  return text.slice(0, at.start) + value + text.slice(at.end);
}

let made: { dashed: ReadReport; dashedWrongTotal: ReadReport; dashedReviewTotal: ReadReport; text: string } | undefined;

/**
 * Sample 000 as agencies print it when 0 is written “—”: every value cell printed 0 is “—” (its one
 * blank cell stays blank). `dashedWrongTotal` prints 1 for the （七）总计 总计 while the known results
 * add up to 2; `dashedReviewTotal` prints 1 for 表四 行政复议 总计 over four “—”.
 */
export function dashedSample() {
  if (made) return made;
  const text = readFileSync(new URL('../../samples/000_6c4583cee035bde5.txt', import.meta.url), 'utf8').replace(/^\t0$/gm, '\t—');
  const read = (t: string) => extractReport(t, { name: '000', format: 'txt' });
  const dashed = read(text);
  made = {
    dashed,
    dashedWrongTotal: read(reprint(text, dashed, 'requests.resultTotal.total', '1')),
    dashedReviewTotal: read(reprint(text, dashed, 'review.review.total', '1')),
    text,
  };
  return made;
}
