import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLines, tokenize } from '../src/extract/cells.ts';
import { slotValue } from '../src/extract/fit.ts';
import { joinWrappedRows } from '../src/extract/wrapped-numbers.ts';

/** One table 三 row as `pdftotext -layout` prints it when its numbers wrap: upper pieces, the label, lower pieces. */
function join(text: string) {
  const lines = splitLines(text);
  const stream = tokenize(lines);
  const label = stream.find((c) => c.kind === 'label')!;
  return joinWrappedRows(stream, 0, stream.length, lines, [{ key: 'newReceived', label }], '2021', new Map(), new Set(['newReceived'] as const));
}

const UPPER = '                   1197 7900 1370 7777 2123 1975 8234';
const LABEL = '一、本年新收政府信息公开申请数量';
const LOWER = '                   465   80  295   35   340 200 115';

test('the pieces of wrapped numbers join by column when the row prints seven values and its total is their sum', () => {
  const rows = join([UPPER, LABEL, LOWER].join('\n'));
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.slots.map(slotValue), [1197465, 790080, 1370295, 777735, 2123340, 1975200, 8234115]);
  const first = rows[0]!.slots[0]!;
  assert.equal(first.printed, '1197');
  assert.equal(first.note, '窄单元格中折行的数字，由第1行“1197”、第3行“465”按列拼接');
});

const refused: [string, string][] = [
  // A lower piece more than upper pieces: two ways to pair them.
  ['two competing joins', [UPPER, LABEL, '                   465   80  295   35   340 200 115 7'].join('\n')],
  // The total is not the sum of the joined values.
  ['total not the sum', [UPPER, LABEL, LOWER.replace('115', '116')].join('\n')],
  // A lower piece far from the centre of its upper piece.
  ['pieces not in one column', [UPPER, LABEL, '                   465   80  295   35   340 200        115'].join('\n')],
  // An upper piece narrower than the cell: not a wrapped number.
  ['upper piece not a full cell', [UPPER.replace('1197', ' 119'), LABEL, LOWER].join('\n')],
];

for (const [name, text] of refused) {
  test(`no row is joined when ${name}`, () => {
    assert.deepEqual(join(text), []);
  });
}
