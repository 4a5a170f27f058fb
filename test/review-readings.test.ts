import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLines, tokenize } from '../src/extract/cells.ts';
import { slotValue } from '../src/extract/fit.ts';
import { reviewReadings } from '../src/extract/review-readings.ts';

const readings = (line: string) => {
  const cells = tokenize(splitLines(line)).filter((c) => c.kind === 'value');
  return reviewReadings(cells)?.map((r) => r.map((s) => (s.cell === null ? '_' : String(slotValue(s)))).join(' ')) ?? null;
};

test('table 四 readings: every group balances with its blanks as 0, and a group left wholly blank is one reading', () => {
  // A random report whose first group was wholly blank and whose blanks vanished: "3 5 8 0 6 0 0 6".
  const all = readings('3 5 8 0 6 0 0 6')!;
  assert.ok(all.includes('_ _ _ _ _ _ 3 _ 5 8 0 6 0 0 6'));
  assert.ok(all.includes('_ 3 _ 5 8 0 6 0 0 6 _ _ _ _ _'));
  // A group's total is the sum of its items: "3 5 8" is never split across groups with 5 or 8 as a total of its own.
  assert.ok(all.every((r) => !/^(\S+ ){4}5 /.test(r)));
  assert.equal(new Set(all).size, all.length);
  assert.equal(all.length, 168);
});

test('table 四 readings: the table\'s last cell may be lost at the page edge, unchecked', () => {
  // Fourteen values, the last group's total cut off: its four items stand as printed.
  const all = readings('1 2 3 4 10 0 0 0 0 0 5 6 7 8')!;
  assert.deepEqual(all, ['1 2 3 4 10 0 0 0 0 0 5 6 7 8 _']);
});

test('table 四 readings: too many to list is null, not a partial list', () => {
  assert.equal(readings('1'.repeat(40)), null);
});

test('table 四 glued "00": two zeros whose places no sum tells (a total may be left blank) are not read', async () => {
  const { extractReport } = await import('../src/extract/report.ts');
  const { flattenedText, tablesWithBlanks } = await import('./helpers/vanished-blanks.ts');
  // A random report (seed 8, 70 % of its zeros blank) printed two zeros as items with their totals blank; its
  // crawled text reads "…总计00", once taken for the first two totals.
  const tables = tablesWithBlanks('2021', 8, 0.7);
  assert.deepEqual(tables.review, { review: [null, 0, null, null, null], litigationDirect: [null, null, null, 0, null], litigationAfterReview: [null, null, null, null, null] });
  const r = extractReport(flattenedText('2021', tables, ''), { name: 'fixture.txt', format: 'txt' });
  const blank = [null, null, null, null, null];
  assert.deepEqual(r.tables.review, { review: blank, litigationDirect: blank, litigationAfterReview: blank });
  assert.match(r.notes.find((n) => n.path === 'review')!.message, /包括留空的总计/);
});
