import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseReport, withCells } from './helpers/report-builder.ts';
import { tableProblems, type Expected } from './helpers/rule-tester.ts';

const MESSAGES = { mismatch: '{left} ≠ {right}', blank: '{cells}为空白' };
const base = baseReport();
const other = withCells(base, { 'requests.newReceived.total': 1 });
const finding = (messageId: string): Expected => ({ messageId, severity: 'error', message: 'x', location: { table: 'requests' } });

test('a sound case table has no problems', () => {
  assert.deepEqual(
    tableProblems('SUM-01', {
      valid: [{ name: 'zero', report: base }, { name: 'zero, configured', report: base, config: { deadlines: [] } }],
      invalid: [{ name: 'one', report: other, findings: [finding('mismatch')] }],
    }, MESSAGES),
    [],
  );
});

test('two cases with one name fail, valid or invalid', () => {
  assert.deepEqual(
    tableProblems('SUM-01', {
      valid: [{ name: 'a', report: base }],
      invalid: [{ name: 'a', report: other, findings: [finding('mismatch')] }],
    }, MESSAGES),
    ['SUM-01: duplicate case name: valid case "a" and invalid case "a"'],
  );
});

test('two cases with deep-equal report, previous report and config fail', () => {
  const copy = structuredClone(base);
  assert.deepEqual(
    tableProblems('SUM-01', { valid: [{ name: 'a', report: base }, { name: 'b', report: copy }], invalid: [] }, MESSAGES),
    ['SUM-01: duplicate case input: valid case "b" has the same report, previous report and config as valid case "a"'],
  );
  // Key order does not make two inputs different.
  const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
  assert.equal(tableProblems('SUM-01', { valid: [{ name: 'a', report: base }, { name: 'b', report: reordered }], invalid: [] }, MESSAGES).length, 1);
  // A different previous report or config makes them different.
  assert.deepEqual(
    tableProblems('SUM-01', {
      valid: [{ name: 'a', report: base }, { name: 'b', report: base, previous: base }, { name: 'c', report: base, config: { deadlines: [] } }],
      invalid: [],
    }, MESSAGES),
    [],
  );
});

test('an unknown or missing message id fails, and so does an invalid case that expects nothing', () => {
  assert.deepEqual(
    tableProblems('SUM-01', {
      valid: [],
      invalid: [
        { name: 'typo', report: base, findings: [finding('mismatch'), finding('missmatch')] },
        { name: 'no id', report: other, findings: [{ severity: 'error', message: 'x', location: {} } as unknown as Expected] },
        { name: 'nothing', report: withCells(base, { 'requests.newReceived.total': 2 }), findings: [] },
        { name: 'other rule', report: withCells(base, { 'requests.newReceived.total': 3 }), findings: [{ ...finding('blank'), rule: 'SUM-02' }] },
      ],
    }, MESSAGES),
    [
      'SUM-01: invalid case "typo", expected finding 2: messageId "missmatch" is not in SUM-01 meta.messages (mismatch, blank)',
      'SUM-01: invalid case "no id", expected finding 1 has no messageId (one of: mismatch, blank)',
      'SUM-01: invalid case "nothing" expects no finding; put it among the valid cases',
      'SUM-01: invalid case "other rule", expected finding 1: rule "SUM-02" is not SUM-01',
    ],
  );
});
