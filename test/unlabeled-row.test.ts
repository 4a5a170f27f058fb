import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { REQUEST_ROWS } from '../src/schema/requests.ts';
import { REVIEW_GROUP_KEYS } from '../src/schema/review.ts';
import { reportText } from './helpers/layouts.ts';
import { randomTables } from './helpers/random-report.ts';

/** OCR reads a long row label as "7", or loses it: the row is found by its place and its identity, or left blank. */
const LABEL = REQUEST_ROWS.find((r) => r.key === 'partlyGranted')!.label;
const tables = randomTables('2021', 7);
const text = reportText({ year: 2022, template: '2021', tables, layout: 'tabs' });
const values = tables.requests.partlyGranted!;
const row = `${LABEL}\t${values.join('\t')}`;
const parse = (t: string) => extractReport(t, { name: 'ocr.txt', format: 'txt' });

test('a row whose label was misread between two rows read: taken by position when only one run of its cells balances', () => {
  assert.ok(text.includes(row) && values[6]! > 0, 'the fixture prints the row with a non-zero total');
  for (const printed of ['7', '']) {
    const r = parse(text.replace(row, `${printed}\t${values.join('\t')}`));
    assert.deepEqual(r.tables.requests.partlyGranted, values);
    const note = r.notes.find((n) => n.path === 'requests.partlyGranted')!;
    assert.equal(note.code, 'row-label-variant');
    assert.match(note.message, printed ? /行名识别为“7”/ : /没有行名/);
  }
});

test('the same row whose total does not balance is left blank: no guess', () => {
  const damaged = [...values.slice(0, 6), values[6]! + 1];
  const r = parse(text.replace(row, `7\t${damaged.join('\t')}`));
  assert.deepEqual(r.tables.requests.partlyGranted, [null, null, null, null, null, null, null]);
  assert.equal(r.notes.find((n) => n.path === 'requests.partlyGranted')?.code, 'row-missing');
});

test('table 四: a 1 that OCR printed as a stroke is read as 1 only when its group total says so; otherwise blank', () => {
  const review = { ...tables.review, review: [9, 1, 6, 0, 16] };
  const withReview = reportText({ year: 2022, template: '2021', tables: { ...tables, review }, layout: 'tabs' });
  const printedRow = REVIEW_GROUP_KEYS.flatMap((g) => review[g as keyof typeof review]!).join('\t');
  assert.ok(withReview.includes(printedRow));
  const stroked = printedRow.replace(/^9\t1\t/, '9\t|\t');
  const r = parse(withReview.replace(printedRow, stroked));
  assert.deepEqual(r.tables.review.review, [9, 1, 6, 0, 16]);
  assert.match(r.provenance['review.review.corrected']!.note!, /印为“\|”/);
  const off = parse(withReview.replace(printedRow, stroked.replace(/^9\t\|\t6\t0\t16/, '9\t|\t6\t0\t17')));
  assert.deepEqual(off.tables.review.review, [9, null, 6, 0, 17]);
  assert.match(off.notes.find((n) => n.path === 'review.review')!.message, /要求此格为 2/);
});
