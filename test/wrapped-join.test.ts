import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLines, tokenize } from '../src/extract/cells.ts';
import { slotValue, type Slot } from '../src/extract/fit.ts';
import { resolveByColumns, type Readings } from '../src/extract/requests-columns.ts';
import { joinWrappedGroups } from '../src/extract/wrapped-groups.ts';
import { joinWrappedRows } from '../src/extract/wrapped-numbers.ts';
import type { RequestRowKey } from '../src/schema/requests.ts';

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

/**
 * A table of a wrapped row printing all seven values (it gives the column pitch), a blank line, and a row printing
 * fewer values whole on its label's line, each at a column's place; the rows the table read otherwise are `read`.
 */
function table(short: string, read: [RequestRowKey, (number | null)[]][]) {
  const lines = splitLines([UPPER, LABEL, LOWER, '', short].join('\n'));
  const stream = tokenize(lines);
  const labels = stream.filter((c) => c.kind === 'label');
  const printed = [{ key: 'newReceived' as const, label: labels[0]! }, { key: 'carriedOver' as const, label: labels[1]! }];
  const known = new Map(read.map(([key, values]) => [key, values.map((v) => ({ cell: null, digits: v === null ? undefined : String(v) }))]));
  const rows = joinWrappedRows(stream, 0, stream.length, lines, printed, '2021', known, new Set(['newReceived', 'carriedOver'] as const));
  const slots = new Map<RequestRowKey, Slot[]>([...known, ...rows.map((r) => [r.key, r.slots] as const)]);
  const readings = new Map<RequestRowKey, Readings>(rows.flatMap((r) => (r.placements ? [[r.key, { full: [], blanks: () => r.placements! }] as const] : [])));
  const outcome = resolveByColumns('2021', slots, readings).get('carriedOver');
  return { rows, outcome, carriedOver: slots.get('carriedOver')?.map(slotValue) };
}

const NEW = [1197465, 790080, 1370295, 777735, 2123340, 1975200, 8234115];
/** Values printed whole at the places of the given columns (the column pitch of the rows above is five). */
const at = (label: string, values: [number, string][]) => values.reduce((line, [c, v]) => line.padEnd(20 + 5 * c) + v, label);
const CARRIED = '二、上年结转政府信息公开申请数量';
const plus = (extra: (number | null)[]) => NEW.map((v, c) => v + (extra[c] ?? 0));

test('a joined row printing fewer values takes the one placement the column identities leave; the columns it did not print are blank', () => {
  const carried = [null, 12, null, null, 30, null, 42];
  const r = table(at(CARRIED, [[1, '12'], [4, '30'], [6, '42']]), [['resultTotal', plus(carried)], ['carriedForward', [0, 0, 0, 0, 0, 0, 0]]]);
  assert.equal(r.rows.find((x) => x.key === 'carriedOver')?.placements?.length! > 1, true);
  assert.equal(r.outcome, 'all');
  assert.deepEqual(r.carriedOver, carried);
});

const shortRefused: [string, string, [RequestRowKey, (number | null)[]][], (number | null)[]][] = [
  // A printed 0 counts as a blank in every sum: whether it stands in the third column or the fourth, no identity tells.
  ['two placements balance (a 0 beside a blank)', at(CARRIED, [[1, '3'], [2, '0'], [6, '3']]), [['resultTotal', plus([0, 3, 0, 0, 0, 0, 3])], ['carriedForward', [0, 0, 0, 0, 0, 0, 0]]], [null, 3, null, null, null, null, 3]],
  // Nothing checks the row's columns (the table's other rows unread): every placement its positions allow balances.
  ['no identity can be checked', at(CARRIED, [[1, '12'], [4, '30'], [6, '42']]), [], [null, null, null, null, null, null, 42]],
  // No placement balances the columns.
  ['no placement balances', at(CARRIED, [[1, '12'], [4, '30'], [6, '42']]), [['resultTotal', plus([0, 13, 0, 0, 30, 0, 43])], ['carriedForward', [0, 0, 0, 0, 0, 0, 0]]], [null, null, null, null, null, null, null]],
];

for (const [name, short, read, expected] of shortRefused) {
  test(`a joined row printing fewer values is not placed where ${name}`, () => {
    assert.deepEqual(table(short, read).carriedOver, expected);
  });
}

test('a row printing fewer values is not joined when its last value is not the sum of the rest, nor without a row giving the pitch', () => {
  assert.equal(table(at(CARRIED, [[1, '12'], [4, '30'], [6, '43']]), []).rows.some((r) => r.key === 'carriedOver'), false);
  const lines = splitLines(at(CARRIED, [[1, '12'], [4, '30'], [6, '42']]));
  const stream = tokenize(lines);
  const label = stream.find((c) => c.kind === 'label')!;
  assert.deepEqual(joinWrappedRows(stream, 0, stream.length, lines, [{ key: 'carriedOver', label }], '2021', new Map(), new Set(['carriedOver'] as const)), []);
});

/** Table 四's value lines as `pdftotext -layout` prints them when numbers wrap (r088): joined groups, or null. */
const groups = (text: string) => {
  const lines = splitLines(text);
  return joinWrappedGroups(tokenize(lines).filter((c) => c.kind === 'value'), lines)?.map((g) => g.slots.map(slotValue));
};
const REVIEW_LINES = [
  '                 1228               1024               1228',
  '2048 2048 8192 0      6144 4096 0        8192     4096',
  '                   8                  0                  8',
];

test('table 四 joins wrapped numbers by column when one cut into groups balances each; a group printing fewer values keeps its total only', () => {
  assert.deepEqual(groups(REVIEW_LINES.join('\n')), [[2048, 2048, 8192, 0, 12288], [null, null, null, null, 10240], [null, null, null, null, 12288]]);
  // 0 | 12288 12288 | 4096 4096 8192: the one cut (compare the refusal with two cuts below).
  assert.deepEqual(groups(['      1228 1228', '0                4096  4096  8192', '         8    8'].join('\n')), [[null, null, null, null, 0], [null, null, null, null, 12288], [null, null, null, null, 8192]]);
});

const groupsRefused: [string, string[]][] = [
  // 0 | 12288 12288 | 0 4096 4096, or 0 12288 12288 | 0 | 4096 4096: each group balances either way.
  ['two cuts balance every group', ['      1228 1228', '0                0   4096  4096', '         8    8']],
  // The second group's total is not the sum of its values, however the values are cut.
  ['no cut balances', [REVIEW_LINES[0]!, REVIEW_LINES[1]!.replace('6144', '6145'), REVIEW_LINES[2]!]],
  // An upper piece with no lower piece under it.
  ['a piece without its other part', [REVIEW_LINES[0]!, REVIEW_LINES[1]!, REVIEW_LINES[2]!.slice(0, 40)]],
];

for (const [name, text] of groupsRefused) {
  test(`table 四 is not joined when ${name}`, () => {
    assert.equal(groups(text.join('\n')), undefined);
  });
}
