import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cell } from '../../src/schema/types.ts';
import { cellList, invalidValue, readCell, writeCell } from '../../src/schema/cells.ts';
import { diffText, sentences } from '../../src/store/diff.ts';
import { correctionRate, distribution, openRate, pooled, rank, rate } from '../../src/store/metrics.ts';
import { zeroTables } from '../helpers/report-builder.ts';

const row = (first: Cell, total: Cell = first): Cell[] => [first, 0, 0, 0, 0, 0, total];

test('公开率 = (予以公开 + 部分公开) ÷ （七）总计; 0 ÷ 0 and blanks give null, never 0', () => {
  const t = zeroTables('2021');
  const req = t.requests as Record<string, Cell[]>;
  req.granted = row(3);
  req.partlyGranted = row(1);
  req.resultTotal = row(8);
  assert.deepEqual(openRate(t), { value: 0.5, numerator: 4, denominator: 8 });
  req.resultTotal = row(0);
  assert.deepEqual(openRate(t), { value: null, numerator: 4, denominator: 0 });
  req.partlyGranted = row(1, null);
  assert.deepEqual(openRate(t), { value: null, numerator: null, denominator: 0 });
});

test('纠错率 = Σ结果纠正 ÷ Σ(总计 − 尚未审结) over 行政复议 and both kinds of 行政诉讼', () => {
  const t = zeroTables('2019');
  t.review.review = [2, 1, 0, 1, 4];
  t.review.litigationDirect = [0, 1, 1, 2, 4];
  t.review.litigationAfterReview = [1, 0, 0, 0, 1];
  assert.deepEqual(correctionRate(t), { value: 2 / 6, numerator: 2, denominator: 6 });
  t.review.litigationAfterReview = [1, 0, 0, null, 1];
  assert.deepEqual(correctionRate(t), { value: null, numerator: 2, denominator: null });
  assert.deepEqual(correctionRate(zeroTables('2021')), { value: null, numerator: 0, denominator: 0 });
});

test('results distribution: each category the sum of its rows, blanks counted apart', () => {
  const t = zeroTables('2021');
  const req = t.requests as Record<string, Cell[]>;
  req['denied.stateSecret'] = row(2);
  req['denied.thirdParty'] = row(1, null);
  req['other.unpaidFee'] = row(4);
  const d = distribution('2021', t);
  assert.deepEqual(d.denied, { value: 2, blanks: 1 });
  assert.deepEqual(d.other, { value: 4, blanks: 0 });
  assert.deepEqual(d.granted, { value: 0, blanks: 0 });
  const t19 = zeroTables('2019');
  (t19.requests as Record<string, Cell[]>).other = row(3);
  assert.deepEqual(distribution('2019', t19).other, { value: 3, blanks: 0 });
});

test('pooled rates sum numerators and denominators of the computable reports; ranks share ties', () => {
  assert.deepEqual(pooled([rate(1, 2), rate(3, 6), rate(1, 0), rate(null, 4)]), { value: 0.5, numerator: 4, denominator: 8, included: 2, excluded: 2 });
  assert.deepEqual(pooled([rate(0, 0)]), { value: null, numerator: null, denominator: null, included: 0, excluded: 1 });
  const ranked = rank(['a', 'b', 'c', 'd', 'e'], (x) => ({ a: 3, b: null, c: 5, d: 3, e: 1 })[x] ?? null);
  assert.deepEqual(ranked.map((r) => [r.item, r.rank]), [['c', 1], ['a', 2], ['d', 2], ['e', 4], ['b', null]]);
});

test('cell catalogue, values and what a cell accepts', () => {
  assert.equal(cellList('2019').length, 22 + 23 * 7 + 15);
  assert.equal(cellList('2021').length, 10 + 25 * 7 + 15); // 表二 6 + 1 + 2 + 1 cells
  const amount = cellList('2021').find((c) => c.path === 'active.art20_8.fees.amount')!;
  assert.deepEqual([amount.kind, amount.columnLabel], ['money', '本年收费金额（单位：万元）']);
  assert.equal(invalidValue(amount, 1.25), null);
  assert.equal(invalidValue(amount, -1), '金额不能为负数');
  const change = cellList('2019').find((c) => c.path === 'active.art20_5.licensing.change')!;
  assert.equal(invalidValue(change, -3), null);
  const t = { active: {}, requests: {}, review: {} };
  writeCell(t, 'requests.other.unpaidFee.legal', 2);
  assert.deepEqual((t.requests as Record<string, Cell[]>)['other.unpaidFee'], [null, null, null, null, 2, null, null]);
  assert.equal(readCell(t, 'requests.other.unpaidFee.legal'), 2);
  assert.equal(readCell(t, 'review.review.total'), undefined); // the table has no such row
});

test('narrative diff by sentence', () => {
  assert.deepEqual(sentences('一、甲。乙！\n丙；丁'), ['一、甲。', '乙！', '丙；', '丁']);
  assert.deepEqual(diffText('甲。乙。丙。', '甲。丁。丙。戊。'), [
    { op: 'equal', text: '甲。' },
    { op: 'delete', text: '乙。' },
    { op: 'insert', text: '丁。' },
    { op: 'equal', text: '丙。' },
    { op: 'insert', text: '戊。' },
  ]);
  assert.deepEqual(diffText('', '新。'), [{ op: 'insert', text: '新。' }]);
});
