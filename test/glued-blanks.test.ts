import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { checkReport, loadRules } from '../src/check/engine.ts';
import { extractReport } from '../src/extract/report.ts';
import { requestRows } from '../src/schema/requests.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { compareTables } from './helpers/accuracy.ts';
import { flattenedText, tablesWithBlanks } from './helpers/vanished-blanks.ts';

/**
 * Blank cells vanish with their boundaries when a crawler flattens a page: a row of table 三 may print
 * fewer cells than it has, and a digit run may split into a full row that is not the printed one.
 */
const dir = new URL('./fixtures/converted/', import.meta.url).pathname;
const read = (file: string) => extractReport(readFileSync(`${dir}${file}`, 'utf8'), { name: file, format: 'txt' });

test('a total row that lost a blank cell keeps the cells every balancing placement reads alike', () => {
  for (const file of ['sample000.ogi.crawl-spaced.txt', 'sample000.ogi.crawl-glued.txt', 'sample000.ogi.pdftotext-raw.txt']) {
    const r = read(file);
    // Printed 2 0 0 (blank) 0 0 2: which of the five middle cells was blank cannot be known.
    assert.deepEqual(r.tables.requests.resultTotal, [2, null, null, null, null, null, 2], file);
    const note = r.notes.find((n) => n.path === 'requests.resultTotal')!;
    assert.equal(note.code, 'cells-undetermined', file);
    assert.match(note.message, /“自然人”“总计”列在每种可能的读法下都相同，已读取，其余各列无法确定，按空白处理$/, file);
    assert.equal(r.provenance['requests.resultTotal.total']!.text, '2', file);
  }
});

test('what ogi could not place in such a row is said as its own reading matter, not as a short row of the report', async () => {
  const r = read('sample000.ogi.crawl-spaced.txt');
  const findings = checkReport(r, await loadRules());
  assert.ok(!findings.some((f) => f.rule === 'TPL-08'), JSON.stringify(findings.filter((f) => f.rule === 'TPL-08')));
  assert.ok(!findings.some((f) => f.severity !== 'info' && JSON.stringify(f.location ?? {}).includes('resultTotal')));
});

test('crawled pages whose blank cells vanished: never a number that is not the printed one', () => {
  let cellsRead = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const template: TableTemplate = seed % 2 ? '2019' : '2021';
    const tables = tablesWithBlanks(template, seed, 0.5);
    for (const glue of ['', ' '] as const) {
      const got = extractReport(flattenedText(template, tables, glue), { name: `r${seed}.txt`, format: 'txt' });
      const { wrong } = compareTables(template, tables, got.tables);
      assert.deepEqual(wrong, [], `seed ${seed} “${glue}”`);
      for (const row of requestRows(template)) cellsRead += got.tables.requests[row.key]!.filter((v) => v !== null).length;
    }
  }
  // Not all abstained: what the identities settle is read.
  assert.ok(cellsRead > 300, `read ${cellsRead}`);
});
