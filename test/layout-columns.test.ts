import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { readSource } from '../src/ingest/read-file.ts';
import type { RequestRowKey } from '../src/schema/requests.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { compareTables } from './helpers/accuracy.ts';
import { laidOutText, tablesWithBlanks } from './helpers/vanished-blanks.ts';

/**
 * Table 三 as `pdftotext -layout` prints it: each row on one line, the values under their columns, a blank
 * cell only a wider gap. A row printing fewer than seven values takes the columns its values stand in,
 * where the rows printed in full show the columns and the column identities hold; the same text with single
 * spaces (no columns to see) keeps the rows the identities cannot place blank. Never a wrong number.
 */

test('short rows of table 三 laid out in columns are placed by where their values stand, never wrongly', () => {
  let placedByLayout = 0;
  let exactLaidOut = 0;
  let exactSpaced = 0;
  let cells = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const template: TableTemplate = seed % 2 ? '2019' : '2021';
    const tables = tablesWithBlanks(template, seed, 0.2);
    const columns = extractReport(laidOutText(template, tables, 8), { name: `c${seed}.txt`, format: 'txt' });
    const spaced = extractReport(laidOutText(template, tables, null), { name: `s${seed}.txt`, format: 'txt' });
    const a = compareTables(template, tables, columns.tables);
    const b = compareTables(template, tables, spaced.tables);
    assert.deepEqual([a.wrong, b.wrong], [[], []], `seed ${seed}`);
    cells += a.expected;
    exactLaidOut += a.exact;
    exactSpaced += b.exact;
    const byLayout = columns.notes.filter((n) => n.code === 'row-short' && n.message.includes('版面中的位置'));
    // The note gives how many values the row printed: the cells of the row that are not blank.
    for (const n of byLayout) assert.equal(n.actual, 7 - (tables.requests[n.path!.slice('requests.'.length) as RequestRowKey] ?? []).filter((v) => v === null).length, n.message);
    placedByLayout += byLayout.length;
    assert.equal(spaced.notes.filter((n) => n.message.includes('版面中的位置')).length, 0, `seed ${seed}`);
  }
  // Laid out: every cell; spaced: the rows with a blank cell the identities cannot place are left blank.
  assert.deepEqual({ placedByLayout, exactLaidOut, exactSpaced }, { placedByLayout: 143, exactLaidOut: cells, exactSpaced: 2028 });
  assert.equal(cells, 2388);
});

test('a total column that pdftotext squeezed against the column before it still lets the other columns place a short row', async () => {
  // sample000 through LibreOffice and `pdftotext -layout`: single-digit columns four characters apart, the total two.
  const source = await readSource(new URL('./fixtures/converted/sample000.ogi.pdftotext-layout.txt', import.meta.url).pathname);
  const r = extractReport(source.text, { name: source.name, format: source.format });
  // "（七）总计  2   0   0       0   0 2": the wider gap is the blank 社会公益组织 cell.
  assert.deepEqual(r.tables.requests.resultTotal, [2, 0, 0, null, 0, 0, 2]);
  assert.equal(r.notes.find((n) => n.path === 'requests.resultTotal')?.code, 'row-short');
});
