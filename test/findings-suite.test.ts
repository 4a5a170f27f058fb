import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  blankFindingsPerTable, defectFound, isClean, loud, runFindingsSuite, type SuiteDoc,
} from './helpers/findings-suite.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport, loadRules } from '../src/check/engine.ts';
import { extractReport } from '../src/extract/report.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { runConvertedDefects, type ConvertedDefect } from './helpers/converted-defects.ts';

// The targets of the findings regression suite (bench/findings.ts prints the per-rule table).
let docs: SuiteDoc[] = [];
before(async () => {
  docs = await runFindingsSuite({ perLayout: 10, seed: 17 });
});

const name = (d: SuiteDoc) => `${d.kind} ${d.template} ${d.layout} seed ${d.seed}${d.target ? ` ${d.target.path} ${d.old} → ${d.changed}` : ''}`;
const show = (d: SuiteDoc, severities: string[]) =>
  d.findings.filter((f) => severities.includes(f.severity)).map((f) => `  ${f.rule} ${f.severity} ${f.message}`).join('\n');

test('no clean document gets an error finding, whether 0 is written as 0 or as "—", with or without sentences stating the counts', () => {
  const clean = docs.filter(isClean);
  assert.ok(clean.length >= 300);
  for (const d of clean) {
    assert.ok(!d.findings.some((f) => f.severity === 'error'), `${name(d)}:\n${show(d, ['error'])}`);
  }
});

test('every planted defect is found: a SUM error names the changed cell\'s row or column', () => {
  const planted = docs.filter((d) => d.kind === 'planted' || d.kind === 'blank-planted');
  assert.ok(planted.length >= 200);
  for (const d of planted) assert.ok(defectFound(d), `${name(d)} not found:\n${show(d, ['error', 'warning'])}`);
});

test('no clean document gets more than 10 warning-or-error findings', () => {
  for (const d of docs.filter(isClean)) {
    assert.ok(loud(d).length <= 10, `${name(d)}: ${loud(d).length} findings:\n${show(d, ['error', 'warning'])}`);
  }
});

test('a clean document with every 0 written as "—" gives at most one CELL-02 finding per table', () => {
  for (const d of docs.filter((x) => x.kind === 'blank')) {
    assert.ok(blankFindingsPerTable(d).size > 0, `${name(d)}: the placeholders were not reported at all`);
    for (const [table, n] of blankFindingsPerTable(d)) assert.ok(n <= 1, `${name(d)}: ${n} CELL-02 findings for ${table}`);
  }
});

test('sentences that state the tables\' counts draw no narrative finding; a misstated count is reported by its rule', () => {
  for (const d of docs.filter((x) => x.kind === 'narrative')) {
    const nar = d.findings.filter((f) => (f.rule === 'NAR-01' || f.rule === 'NAR-03') && f.severity !== 'info');
    assert.equal(nar.length, 0, `${name(d)}:\n${show(d, ['error', 'warning'])}`);
  }
  const planted = docs.filter((x) => x.kind === 'narrative-planted');
  assert.ok(planted.length >= 100);
  for (const d of planted) {
    assert.ok(defectFound(d), `${name(d)} ${d.stated} ${d.old} → ${d.changed} not found:\n${show(d, ['error', 'warning', 'info'])}`);
    assert.ok(!d.findings.some((f) => f.severity === 'error'), `${name(d)}: a misstated count is not an arithmetic error:\n${show(d, ['error'])}`);
  }
});

test('one changed cell is one error finding: at that cell, listing every cell of the identities it breaks', () => {
  for (const d of docs.filter((x) => x.kind === 'planted')) {
    const errors = d.findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1, `${name(d)}:\n${show(d, ['error'])}`);
    const [f] = errors;
    assert.ok(f!.cells?.includes(d.target!.path), `${name(d)}: ${f!.cells}`);
    if ((f!.rules ?? []).length > 1) {
      assert.equal(f!.expected, d.old, `${name(d)}: ${f!.message}`);
      assert.deepEqual(f!.location, { table: d.target!.table, row: d.target!.row, column: d.target!.column });
    }
  }
});

test('defects planted in documents made by the real converters: found whenever ogi reads the changed number, never misread, no other new error', async () => {
  const defects = await runConvertedDefects(3);
  assert.ok(defects.length >= 150, `${defects.length}`);
  const show = (d: ConvertedDefect) => `${d.file} ${d.path} ${d.old} → ${d.changed}: ${d.outcome} ${d.strayErrors.map((f) => `${f.rule} ${f.message}`).join(' | ')}`;
  for (const d of defects) {
    assert.ok(d.outcome === 'found' || d.outcome === 'unread', show(d));
    assert.equal(d.strayErrors.length, 0, show(d));
    // Only where the cell boundaries are gone (a crawler's glued text) may a changed number be unreadable.
    if (d.converter !== 'crawl-glued' && d.converter !== 'pdftotext-layout') assert.equal(d.outcome, 'found', show(d));
  }
  const found = defects.filter((d) => d.outcome === 'found').length;
  assert.ok(found >= 140, `${found} found`);
});

test('documents made by the real converters, read as they are: every part found, no error finding', async () => {
  const dir = new URL('./fixtures/converted/', import.meta.url).pathname;
  const rules = await loadRules();
  const files = readdirSync(dir).filter((f) => !f.endsWith('.json'));
  assert.ok(files.length >= 50);
  for (const file of files) {
    const source = await readSource(join(dir, file));
    const report = extractReport(source.text, { name: source.name, format: source.format });
    const missing = Object.entries(report.sections).filter(([, text]) => text == null).map(([key]) => key);
    assert.deepEqual(missing, [], `${file} (${source.format}): parts not found`);
    const errors = checkReport(report, rules).filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `${f.rule} ${f.message}`), [], file);
  }
});
