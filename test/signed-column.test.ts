import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { reportSkeleton } from './helpers/report-skeleton.ts';

const parse = (rows: string) =>
  extractReport(reportSkeleton({ year: 2020, active: ['第二十条第（六）项', '信息内容 上一年项目数量 本年增/减 处理决定数量', rows, '行政强制 764 +3 0'].join('\n') }), { name: 'fixture.txt', format: 'txt' });
const penalty = (rows: string) => parse(rows).tables.active.art20_6?.penalty;

test('2019 items: a short row places its signed value in the change column, the others beside it', () => {
  // r048 through pdf2md: "行政处罚 +3 602", 上一年项目数量 blank.
  const r = parse('行政处罚 +3 602');
  assert.deepEqual(r.tables.active.art20_6?.penalty, { lastYear: null, change: 3, decisions: 602 });
  assert.equal(r.provenance['active.art20_6.penalty.decisions']!.text, '602');
  const note = r.notes.find((n) => n.path === 'active.art20_6.penalty')!;
  assert.equal(note.code, 'row-short');
  assert.match(note.message, /带正负号的“\+3”只能是“本年增\/减”列/);
  assert.deepEqual(penalty('行政处罚 12 -4'), { lastYear: 12, change: -4, decisions: null });
});

test('2019 items: a signed value that leaves its neighbours open is not placed', () => {
  const blank = { lastYear: null, change: null, decisions: null };
  // "+3602" may be +3 then 602, or +36 then 02…: the change and the next column glued.
  assert.deepEqual(penalty('行政处罚 +3602'), blank);
  // Two signed values, and no signed value at all: the sign tells nothing.
  assert.deepEqual(penalty('行政处罚 +3 -2'), blank);
  assert.deepEqual(penalty('行政处罚 3 602'), blank);
});
