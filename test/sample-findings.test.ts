import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkReports, loadRules } from '../src/check/engine.ts';
import { extractReport } from '../src/extract/report.ts';

const samples = new URL('../samples/', import.meta.url);
const golden = new URL('./golden/sample-findings.txt', import.meta.url);

/**
 * The findings on the five samples, pinned. Each line was reviewed against the
 * document (see the closing note of issue 3): a change here is a change of what
 * ogi tells a reviewer, so it must be looked at line by line again.
 */
test('the findings on the five samples are the reviewed ones', async () => {
  const names = readdirSync(samples).filter((f) => f.endsWith('.txt')).sort();
  const reports = names.map((n) => extractReport(readFileSync(new URL(n, samples), 'utf8'), { name: n, format: 'txt' }));
  const findings = checkReports(reports, await loadRules());
  const lines = names.flatMap((n, i) => [
    `# ${n}`,
    ...findings[i]!.map((f) => `${f.severity}\t${f.rule}\t${f.span ? `L${f.span.line}` : '-'}\t${f.message}`),
  ]);
  const actual = `${lines.join('\n')}\n`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
  assert.equal(actual, readFileSync(golden, 'utf8'));
});
