import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueList } from '../../src/check/ledger/due.ts';
import { perApplicationFee, perVolumeFee } from '../../src/check/ledger/fees.ts';
import { ledgerTables } from '../../src/check/ledger/tables.ts';
import { activePath, readCell, requestsPath } from '../../src/schema/cells.ts';
import { figureOptions, resultRowIn } from '../../src/schema/ledger.ts';
import { LedgerSchema } from '../../src/schema/ledger-records.ts';
import { application, ledgerOf } from '../helpers/ledger-rule-tester.ts';

test('fee tiers of the 办法: its worked examples', () => {
  // 35 applications in one month: 20 × 100 + 5 × 200 = 3000 元.
  assert.equal(Array.from({ length: 35 }, (_, i) => perApplicationFee(i + 1)).reduce((s, x) => s + x, 0), 3000);
  assert.deepEqual([10, 11, 30, 31, 40, 41, 51].map(perApplicationFee), [0, 100, 100, 200, 200, 300, 400]);
  assert.deepEqual([30, 31, 100, 101, 200, 250].map(perVolumeFee), [0, 10, 700, 720, 2700, 4700]);
});

test('due list: overdue and due within 5 working days on a day, by due date', () => {
  const apps = [
    application('late', { receivedOn: '2024-09-02', result: null, decidedOn: null }), // due 2024-09-30
    application('soon', { receivedOn: '2024-09-10', result: null, decidedOn: null }), // due 2024-10-14 (中秋 and 国庆 off; 9-14, 9-29 and 10-12 worked)
    application('later', { receivedOn: '2024-10-08', result: null, decidedOn: null }),
    application('done', { receivedOn: '2024-09-02', decidedOn: '2024-09-20' }),
  ];
  const { overdue, dueSoon } = dueList(apps, '2024-10-08');
  assert.deepEqual(overdue.map((e) => [e.app.number, e.dueOn]), [['late', '2024-09-30']]);
  assert.deepEqual(dueSoon.map((e) => [e.app.number, e.dueOn]), [['soon', '2024-10-14']]);
});

test('results move across the 2021 change of （六）; the schema takes one applicant category and one result', () => {
  assert.equal(resultRowIn('2019', 'other.unpaidFee'), 'other');
  assert.equal(resultRowIn('2021', 'other'), 'other.other');
  assert.equal(resultRowIn('2021', 'granted'), 'granted');
  const bad = LedgerSchema.safeParse({ applications: [{ ...application('1'), applicant: { category: 'total' } }, { ...application('2'), result: 'resultTotal' }] });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues.map((i) => i.path.join('.')), ['applications.0.applicant.category', 'applications.1.result']);
});

test('table 二 from the registers: documents give 二（一）, recorded figures the rest, the rest stays blank', () => {
  const ledger = ledgerOf({
    documents: [
      { number: 'D1', kind: 'normativeDocs', issuedOn: '2022-03-01', repealedOn: '2023-06-01' },
      { number: 'D2', kind: 'normativeDocs', issuedOn: '2023-02-01' },
      { number: 'D3', kind: 'rules', issuedOn: '2021-02-01' },
    ],
    figures: [{ year: 2023, item: 'art20_5', row: 'licensing', column: 'decisions', value: 42 }],
  });
  const { tables } = ledgerTables(ledger, 2023, '2021');
  const read = (path: string) => readCell(tables, path);
  assert.deepEqual(
    [read(activePath('art20_1', 'normativeDocs', 'issued')), read(activePath('art20_1', 'normativeDocs', 'repealed')), read(activePath('art20_1', 'normativeDocs', 'inForce')), read(activePath('art20_1', 'rules', 'inForce'))],
    [1, 1, 1, 1],
  );
  assert.equal(read(activePath('art20_5', 'licensing', 'decisions')), 42);
  assert.equal(read(activePath('art20_6', 'penalty', 'decisions')), null);
  assert.equal(read(requestsPath('newReceived', 'total')), 0);
});

test('the figure cells a ledger year offers: every cell of its template\'s 二 but 二（一）, each read into the table', () => {
  const cells = (year: number) => figureOptions(year).items.flatMap((i) => i.rows.flatMap((r) => i.columns.map((c) => `${i.key}.${r.key}.${c.key}`)));
  assert.equal(figureOptions(2025).template, '2021');
  assert.deepEqual(cells(2025), ['art20_5.licensing.decisions', 'art20_6.penalty.decisions', 'art20_6.coercion.decisions', 'art20_8.fees.amount']);
  assert.equal(figureOptions(2019).template, '2019');
  assert.deepEqual(cells(2020), [
    'art20_5.licensing.lastYear', 'art20_5.licensing.change', 'art20_5.licensing.decisions',
    'art20_5.otherServices.lastYear', 'art20_5.otherServices.change', 'art20_5.otherServices.decisions',
    'art20_6.penalty.lastYear', 'art20_6.penalty.change', 'art20_6.penalty.decisions',
    'art20_6.coercion.lastYear', 'art20_6.coercion.change', 'art20_6.coercion.decisions',
    'art20_8.fees.lastYear', 'art20_8.fees.change', 'art20_9.procurement.projects', 'art20_9.procurement.amount',
  ]);
  for (const year of [2020, 2025]) {
    const figures = cells(year).map((path, n) => {
      const [item, row, column] = path.split('.') as [string, string, string];
      return { year, item, row, column, value: n + 1 };
    });
    const ledger = ledgerOf({ documents: [{ number: 'D1', kind: 'rules', issuedOn: `${year}-03-01` }], figures });
    const { tables } = ledgerTables(ledger, year, figureOptions(year).template);
    assert.deepEqual(figures.map((f) => readCell(tables, activePath(f.item, f.row, f.column))), figures.map((f) => f.value));
  }
});
