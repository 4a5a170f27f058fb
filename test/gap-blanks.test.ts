import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cell, Line } from '../src/extract/cells.ts';
import { blanksByGaps } from '../src/extract/gap-blanks.ts';

/** The values of one line as cells, and the line. */
function row(text: string): { cells: Cell[]; lines: Line[] } {
  const line: Line = { index: 0, start: 0, end: text.length, text, folded: text };
  const cells = [...text.matchAll(/\d+/g)].map((m) => ({
    kind: 'value', text: m[0], start: m.index!, end: m.index! + m[0].length, line: 0, row: 0, key: '', value: { kind: 'number', value: Number(m[0]) },
  }) as unknown as Cell);
  return { cells, lines: [line] };
}

test('a blank cell is where the gap between two values is two pitches wide, and only where the line shows it beyond doubt', () => {
  const blanks = (text: string, width: number) => {
    const { cells, lines } = row(text);
    return blanksByGaps(cells, width, lines);
  };
  assert.deepEqual(blanks(' 0  5  0  0  5  2  7     6 15  0  9   6   1 16', 15), [7]);
  assert.deepEqual(blanks(' 1  2     3  4  5  6        7', 10), [2, 7, 8]);
  // A blank at either end shows no gap: the gaps do not account for the missing cell.
  assert.equal(blanks(' 0  5  0  0  5  2  7  6 15  0  9   6   1 16', 15), null);
  // A gap of one and a half pitches is neither.
  assert.equal(blanks(' 1  2   34  5  6', 6), null);
  // Values a single space apart: two four-digit numbers stand nearly two pitches of the two-digit ones apart, but
  // hardly wider apart than a four-digit number from a two-digit one.
  assert.equal(blanks('10 20 30 40 1000 1001 20 30 40', 10), null);
});
