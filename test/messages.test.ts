import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkReports, loadRules } from '../src/check/engine.ts';
import { messagesOf } from '../src/check/messages.ts';
import { RULES_VERSION } from '../src/check/pipeline.ts';
import { extractReport } from '../src/extract/report.ts';
import { EXTRACTOR_VERSION } from '../src/extract/version.ts';
import { readAuthoring } from '../src/ingest/authoring.ts';
import { renderTxt } from '../src/render/plain.ts';
import { completeTotals } from '../src/schema/derive.ts';
import { requestRowPaths } from '../src/schema/cells.ts';
import { locationOfPath } from '../src/schema/message.ts';
import { readReport } from '../src/extract/read-report.ts';
import { ReadBudget } from '../src/ingest/limits.ts';
import { ogi, root } from './helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-messages-'));
const S003 = join(root, 'samples/003_587a12f256707b84.txt');

/** The example report printed as text, with the cells of 一、本年新收 run together (18 4 0 0 1 1 24 → 184001124). */
function runTogether(): string {
  const example = completeTotals(readAuthoring(readFileSync(join(root, 'samples/example-2025.yaml'), 'utf8'), 'example.yaml')).report;
  const text = renderTxt(example);
  const row = text.split('\n').find((l) => l.startsWith('一、本年新收政府信息公开申请数量'))!;
  assert.match(row, /\t18\t4\t0\t0\t1\t1\t24$/);
  return text.replace(row, row.replace(/\t18\t4\t0\t0\t1\t1\t24$/, '\t184001124'));
}

test('extraction notes have the shape of findings: source, code, severity, location, span with line and column', () => {
  const text = runTogether();
  const report = extractReport(text, { name: 'run.txt', format: 'txt' });
  assert.deepEqual(report.producedBy, { extractor: EXTRACTOR_VERSION });
  const note = report.notes.find((n) => n.code === 'digit-run-ambiguous')!;
  const start = text.indexOf('一、本年新收政府信息公开申请数量');
  const line = text.slice(0, start).split('\n').length;
  assert.deepEqual(note, {
    source: 'extract',
    code: 'digit-run-ambiguous',
    severity: 'info',
    message: '表三“一、本年新收政府信息公开申请数量”：连写数字“184001124”有4种拆分方式，无法唯一确定',
    location: { table: 'requests', row: 'newReceived' },
    span: { start, end: start + 16, line, column: 1, text: '一、本年新收政府信息公开申请数量' },
    expected: 7,
    path: 'requests.newReceived',
    start,
    end: start + 16,
  });
});

test('one list: a note a rule reports is shown once, as the finding; other notes follow the findings', async () => {
  const rules = await loadRules();
  const s003 = extractReport(readFileSync(S003, 'utf8'), { name: '003', format: 'txt' });
  const findings = checkReports([s003], rules)[0]!;
  const surplus = findings.filter((f) => f.rule === 'TPL-08');
  assert.deepEqual(surplus.map((f) => f.notes), [['other.unpaidFee', 'other.other', 'resultTotal', 'carriedForward'].map((row) => ({ code: 'row-surplus-cells', path: `requests.${row}` }))]);
  assert.equal(s003.notes.length, 4);
  assert.deepEqual(messagesOf(s003, findings), findings);

  const run = extractReport(runTogether(), { name: 'run.txt', format: 'txt' });
  const runFindings = checkReports([run], rules)[0]!;
  const list = messagesOf(run, runFindings);
  assert.deepEqual(list.filter((m) => m.source === 'extract').map((m) => m.code), ['digit-run-ambiguous']);
  assert.equal(list.length, runFindings.length + 1);
  assert.ok(runFindings.every((f) => f.source === 'check' && f.code === f.rule));
  // Most severe first; the note (info) after the findings of every severity.
  assert.equal(list[list.length - 1]!.source, 'extract');
});

test('ogi check shows the one list and, with --json, the versions of the reading and the rules', async () => {
  const file = join(tmp, 'run.txt');
  writeFileSync(file, runTogether());
  const text = await ogi('check', file);
  assert.match(text.stdout, /\n {2}提示 digit-run-ambiguous 表三“一、本年新收政府信息公开申请数量”：连写数字“184001124”有4种拆分方式，无法唯一确定\n/);
  // Rule findings carry a basis line (test/check-cli.test.ts); the extractor's note has none.
  const lines = text.stdout.split('\n');
  const note = lines.findIndex((l) => l.includes('提示 digit-run-ambiguous'));
  const excerptLine = (l: string) => /^ {6,}\d* *\|/.test(l);
  const afterExcerpt = (i: number) => lines.slice(i + 1).find((l) => !excerptLine(l)) ?? '';
  assert.ok(note >= 0 && !afterExcerpt(note).includes('依据：'), text.stdout);
  const json = JSON.parse((await ogi('check', '--json', file)).stdout) as { versions: unknown; findings: unknown[]; messages: { source: string; code: string }[] }[];
  assert.deepEqual(json[0]!.versions, { extractor: EXTRACTOR_VERSION, rules: RULES_VERSION });
  assert.equal(json[0]!.messages.length, json[0]!.findings.length + 1);
  assert.deepEqual(json[0]!.messages.filter((m) => m.source === 'extract').map((m) => m.code), ['digit-run-ambiguous']);
});

test('notes of one kind on more than three rows of a table are said once for the table, naming the first three and listing every cell', async () => {
  const file = join(root, 'test/fixtures/converted/v2021.gov.crawl-glued.txt');
  const { report } = await readReport(file, new ReadBudget(file));
  const splitRows = report.notes.filter((n) => n.code === 'digit-run-split' && n.location.table === 'requests');
  assert.equal(splitRows.length, 21);
  const list = messagesOf(report, checkReports([report], await loadRules())[0]!);
  const notes = list.filter((m) => m.source === 'extract');
  assert.deepEqual(notes.map((m) => `${m.code} ${m.location.table}`), [
    'digit-run-ambiguous active', 'digit-run-ambiguous active', 'digit-run-resolved requests', 'digit-run-split requests', 'digit-run-split review',
  ]);
  const said = notes[3]!;
  assert.equal(said.message, '表三共21处单元格边界丢失的连写数字，按勾稽关系唯一拆分：“一、本年新收政府信息公开申请数量”行、“二、上年结转政府信息公开申请数量”行、“（一）予以公开”行等');
  assert.deepEqual(said.location, { table: 'requests' });
  assert.deepEqual(said.span, splitRows[0]!.span);
  assert.deepEqual(said.cells, splitRows.flatMap((n) => requestRowPaths(n.path!.slice('requests.'.length))));
  // Two notes on 表二 keep their own detail (the digits and the number of splits).
  assert.match(notes[0]!.message, /^表二“规章”：连写数字“23545”有6种拆分方式/);
});

test('a note on the 2021 row “3.其他” of （六） is placed on that row, not on the 2019 cell of the same path', async () => {
  assert.deepEqual(locationOfPath('requests.other.other', '2021'), { table: 'requests', row: 'other.other' });
  assert.deepEqual(locationOfPath('requests.other.other', '2019'), { table: 'requests', row: 'other', column: 'other' });
  assert.deepEqual(locationOfPath('requests.other.other.total', '2021'), { table: 'requests', row: 'other.other', column: 'total' });
  const file = join(root, 'test/fixtures/converted/v2021.gov.crawl-glued.txt');
  const { report } = await readReport(file, new ReadBudget(file));
  const note = report.notes.find((n) => n.path === 'requests.other.other')!;
  assert.deepEqual(note.location, { table: 'requests', row: 'other.other' });
});
