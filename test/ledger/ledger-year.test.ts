import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReports, loadRules } from '../../src/check/engine.ts';
import { checkLedger } from '../../src/check/ledger/check.ts';
import { ledgerReport } from '../../src/check/ledger/report.ts';
import { readCell, requestsPath, reviewPath } from '../../src/schema/cells.ts';
import { LEDGER_PROVENANCE_NOTE, LEDGER_PRODUCER, type Ledger } from '../../src/schema/ledger.ts';
import { REQUEST_COLUMN_KEYS, requestRows } from '../../src/schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../../src/schema/review.ts';
import { generateLedger } from '../helpers/ledger-generator.ts';

const YEAR = 2024;
const AGENCIES = ['某某市交通运输局', '某某市财政局', '某某县人民政府办公室', '某某区生态环境分局'];
const ledgers: Ledger[] = AGENCIES.map((_, i) => generateLedger(1000 + i, YEAR, 800 + 150 * i));

/** Table 三 counted the simplest way: one pass over the applications, straight from the definitions. */
function countRequests(ledger: Ledger, year: number): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (row: string, column: string) => {
    for (const c of [column, 'total']) counts.set(`${row}/${c}`, (counts.get(`${row}/${c}`) ?? 0) + 1);
  };
  const y = String(year);
  for (const a of ledger.applications) {
    const received = a.receivedOn.slice(0, 4);
    const decided = a.decidedOn ? a.decidedOn.slice(0, 4) : null;
    const col = a.applicant.category;
    if (received === y) add('newReceived', col);
    if (received < y && (decided === null || decided >= y)) add('carriedOver', col);
    if (decided === y) {
      add(a.result!, col);
      add('resultTotal', col);
    }
    if (received <= y && (decided === null || decided > y)) add('carriedForward', col);
  }
  return counts;
}

test('a year of generated ledgers: the computed tables keep every identity, equal independent counts, and the ledger checks clean', async () => {
  const rules = await loadRules();
  const total = ledgers.reduce((s, l) => s + l.applications.length, 0);
  assert.ok(total >= 3000, `${total} applications`);
  for (const [i, ledger] of ledgers.entries()) {
    const agency = AGENCIES[i]!;
    const report = ledgerReport(ledger, { agency, year: YEAR, issuerType: 'department' });
    const previous = ledgerReport(ledger, { agency, year: YEAR - 1, issuerType: 'department' });
    assert.equal(report.producedBy?.extractor, LEDGER_PRODUCER);
    assert.equal(report.provenance[requestsPath('newReceived', 'total')]?.note, LEDGER_PROVENANCE_NOTE);

    // The generator exercised what it should.
    const apps = ledger.applications;
    assert.ok(apps.some((a) => a.receivedOn < `${YEAR}-01-01` && !(a.decidedOn && a.decidedOn < `${YEAR}-01-01`)), 'carry-over from the year before');
    assert.ok(apps.some((a) => !a.decidedOn), 'carried forward');
    for (const what of ['extension', 'correction', 'fee', 'parts', 'consultations'] as const) assert.ok(apps.some((a) => a[what]), what);

    // Every identity holds: the checker finds nothing about the sums or the counts of the tables, across the two years either.
    const [found2023, found2024] = checkReports([previous, report], rules, {}, { series: true });
    const tableFindings = [...found2023!, ...found2024!].filter((f) => /^(SUM|CELL-01|CELL-03|X-01)/.test(f.rule) || (f.severity === 'error' && f.location.table));
    assert.deepEqual(tableFindings.map((f) => `${f.rule} ${f.message}`), [], agency);

    // Equal to counts made independently.
    for (const [year, r] of [[YEAR, report], [YEAR - 1, previous]] as const) {
      const counts = countRequests(ledger, year);
      for (const row of requestRows('2021')) {
        for (const col of REQUEST_COLUMN_KEYS) {
          assert.equal(readCell(r.tables, requestsPath(row.key, col)), counts.get(`${row.key}/${col}`) ?? 0, `${agency} ${year} ${row.key}.${col}`);
        }
      }
    }
    for (const group of REVIEW_GROUP_KEYS) {
      for (const col of REVIEW_COLUMN_KEYS) {
        const expected = ledger.cases.filter((c) => c.kind === group && c.filedOn.startsWith(String(YEAR)) &&
          (col === 'total' || (col === 'pending' ? !c.decidedOn || c.decidedOn > `${YEAR}-12-31` : c.result === col && c.decidedOn! <= `${YEAR}-12-31`))).length;
        assert.equal(readCell(report.tables, reviewPath(group, col)), expected, `${agency} review.${group}.${col}`);
      }
    }

    // The generated ledger keeps the procedure, and the report made from it agrees with it (LED-02).
    const ledgerFindings = await checkLedger(ledger, YEAR, { published: report });
    assert.deepEqual(ledgerFindings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.message}`), [], agency);
  }
});
