import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { REQUEST_ROWS } from '../src/schema/requests.ts';
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
