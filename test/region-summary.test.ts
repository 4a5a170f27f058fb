import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../src/errors.ts';
import { sumReports, type SummaryInput } from '../src/render/region-summary.ts';
import { cellList, readCell, readerOf } from '../src/schema/cells.ts';
import { checkContract } from '../src/schema/contract.ts';
import { evaluate, identities } from '../src/schema/identities.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import type { Report } from '../src/schema/types.ts';
import { ogi } from './helpers/cli.ts';
import { randomTables } from './helpers/random-report.ts';
import { baseReport, withCells } from './helpers/report-builder.ts';

const round = (v: number) => Math.round(v * 1e6) / 1e6;

function agencyReport(template: TableTemplate, seed: number, agency: string, year = template === '2019' ? 2020 : 2023): Report {
  return baseReport({ template, year, agency, tables: randomTables(template, seed) });
}

const three = (template: TableTemplate): SummaryInput[] =>
  ['甲县人民政府', '乙县人民政府', '丙区人民政府'].map((agency, i) => ({ file: `${i}.json`, report: agencyReport(template, 100 + i * 17, agency) }));

for (const template of ['2019', '2021'] as const) {
  test(`${template} format: every cell of the three tables is the exact sum of the reports, with its sources`, () => {
    const inputs = three(template);
    const s = sumReports(inputs, { region: '某市' });
    assert.equal(s.template, template);
    assert.equal(s.report.agency, '某市（汇总）');
    assert.equal(s.report.issuerType, 'government');
    assert.deepEqual(s.included.map((i) => i.file), ['0.json', '1.json', '2.json']);
    for (const def of cellList(template)) {
      const values = inputs.map((i) => readerOf(def)(i.report.tables)!);
      assert.equal(readCell(s.report.tables, def.path), round(values.reduce((a, b) => a + b, 0)), def.path);
      assert.deepEqual(s.sources[def.path]!.map((x) => x.value), values, def.path);
      assert.match(s.report.provenance[def.path]!.text, /甲县人民政府=/);
    }
    assert.deepEqual(s.blanks, {});
    assert.deepEqual(s.unbalanced, []);
    assert.equal(checkContract(s.report).ok, true, 'the summary is a report of the contract');
  });

  test(`${template} format: the identities of the summed tables hold`, () => {
    const s = sumReports(three(template), { region: '某市' });
    const read = (p: string) => readCell(s.report.tables, p);
    const statuses = identities(template).map((x) => evaluate(x, read).status);
    assert.deepEqual([...new Set(statuses)], ['holds']);
  });
}

test('the 2019 format: last year’s count, this year’s change and decisions of table 二 are summed too', () => {
  const s = sumReports(three('2019'), { region: '某市' });
  const columns = new Set(cellList('2019').filter((d) => d.table === 'active').map((d) => d.column));
  for (const c of ['lastYear', 'change']) assert.ok(columns.has(c), c);
  const change = cellList('2019').find((d) => d.column === 'change')!;
  assert.equal(s.sources[change.path]!.length, 3);
});

test('a cell blank in one report is summed over the others and its blank counted apart', () => {
  const [a, b, c] = three('2021');
  const blankPath = 'requests.newReceived.naturalPerson';
  const blanked = { ...b!, report: withCells(b!.report, { [blankPath]: null }) as Report };
  const s = sumReports([a!, blanked, c!], { region: '某市' });
  const expected = [a!, c!].reduce((sum, i) => sum + (readCell(i.report.tables, blankPath) as number), 0);
  assert.equal(readCell(s.report.tables, blankPath), expected);
  assert.deepEqual(s.blanks, { [blankPath]: 1 });
  assert.deepEqual(s.blanksByTable, { active: 0, requests: 1, review: 0 });
  assert.deepEqual(s.sources[blankPath]!.map((x) => x.file), ['0.json', '2.json']);
  assert.match(s.report.provenance[blankPath]!.note!, /1 份空白未计入/);
  // The printed totals still count the blank report's figure: the row no longer adds up, and this is said.
  assert.ok(s.unbalanced.length > 0);
});

test('a total left blank is computed from its parts in that report before summing, and marked so', () => {
  const [a, b] = three('2021');
  const path = 'requests.newReceived.total';
  const blanked = { ...b!, report: withCells(b!.report, { [path]: null }) as Report };
  const s = sumReports([a!, blanked], { region: '某市' });
  assert.equal(readCell(s.report.tables, path), (readCell(a!.report.tables, path) as number) + (readCell(b!.report.tables, path) as number));
  assert.deepEqual(s.blanks, {});
  assert.equal(s.sources[path]![1]!.derived, true);
  assert.match(s.report.provenance[path]!.text, /由分项算出/);
});

test('reports of another format or year are refused with a Chinese message naming them, or skipped when asked', () => {
  const inputs = [...three('2021'), { file: 'old.json', report: agencyReport('2019', 5, '丁县人民政府', 2023) }];
  assert.throws(() => sumReports(inputs, { region: '某市' }), (err: unknown) => err instanceof InputError && /old\.json（丁县人民政府，2023 年，2019 格式）/.test(err.message) && /同一格式/.test(err.message));
  const otherYear = [...three('2021'), { file: 'y.json', report: agencyReport('2021', 6, '戊县人民政府', 2022) }];
  assert.throws(() => sumReports(otherYear, { region: '某市' }), /y\.json.*年度为 2022，不是 2023/);
  const s = sumReports(inputs, { region: '某市', mismatched: 'skip' });
  assert.deepEqual(s.skipped, [{ file: 'old.json', agency: '丁县人民政府', reason: '表格为 2019 格式，不是 2021 格式' }]);
  assert.equal(s.included.length, 3);
});

test('one parameter leaves reports out (a later review status): their figures are not summed', () => {
  const inputs = three('2021');
  const s = sumReports(inputs, { region: '某市', exclude: (i) => (i.file === '1.json' ? '尚未审核通过' : null) });
  assert.deepEqual(s.skipped, [{ file: '1.json', agency: '乙县人民政府', reason: '尚未审核通过' }]);
  assert.equal(s.sources['requests.newReceived.total']!.length, 2);
});

test('ogi rollup: a directory of reports to a DOCX that ogi reads back with the summed numbers; stderr says what was summed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-rollup-'));
  const inputs = join(dir, 'in');
  mkdirSync(inputs);
  const reports = three('2021').map((i) => i.report);
  reports[1] = withCells(reports[1]!, { 'review.review.upheld': null }) as Report;
  reports.forEach((r, i) => writeFileSync(join(inputs, `r${i}.json`), JSON.stringify(r)));
  const out = join(dir, 'sum.docx');
  const r = await ogi('rollup', inputs, '--to', 'docx', '-o', out, '--name', '某市');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /已汇总 3 份 2023 年（2021 格式）报告/);
  assert.match(r.stderr, /空白单元格.*四、[^；]*1 个/);
  const back = await ogi('parse', out, '--json');
  assert.equal(back.code, 0, back.stderr);
  const parsed = JSON.parse(back.stdout);
  const read = (Array.isArray(parsed) ? parsed[0] : parsed) as Report;
  const expected = sumReports(reports.map((report, i) => ({ file: `r${i}`, report })), { region: '某市' }).report;
  assert.deepEqual(read.tables.requests, expected.tables.requests);
  assert.deepEqual(read.tables.review, expected.tables.review);
  assert.deepEqual(read.tables.active, expected.tables.active);
  assert.equal(read.year, 2023);
  // The title “某市（汇总）” (broken after the name in Word) names the region: its government is the agency read back.
  assert.equal(read.agency, '某市人民政府');

  const json = await ogi('rollup', inputs, '--to', 'json', '--name', '某市');
  assert.equal(json.code, 0, json.stderr);
  const data = JSON.parse(json.stdout);
  assert.deepEqual(data.report.tables.requests, expected.tables.requests);
  assert.equal(data.sources['review.review.upheld'].length, 2);
  assert.deepEqual(Object.keys(data.sources['review.review.upheld'][0]), ['file', 'agency', 'value']);
});

test('ogi rollup -o into a folder that does not exist: a Chinese message naming the file, exit 2, no stack trace, no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-rollup-unwritable-'));
  three('2021').forEach((i, n) => writeFileSync(join(dir, `r${n}.json`), JSON.stringify(i.report)));
  for (const format of ['xlsx', 'docx', 'json']) {
    const out = join(dir, 'missing', `sum.${format}`);
    const r = await ogi('rollup', dir, '--to', format, '-o', out, '--name', '某市');
    assert.equal(r.code, 2, format);
    assert.ok(r.stderr.endsWith(`\n错误：无法写入输出文件 ${out}：目录不存在\n`), r.stderr);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
    assert.equal(existsSync(join(dir, 'missing')), false);
  }
});

test('ogi rollup to PDF and HTML: read back, the summary names the region’s government and the year', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-rollup-formats-'));
  three('2021').forEach((i, n) => writeFileSync(join(dir, `r${n}.json`), JSON.stringify(i.report)));
  for (const format of ['pdf', 'html']) {
    const out = join(dir, `sum.${format}`);
    const r = await ogi('rollup', dir, '--to', format, '-o', out, '--name', '某市');
    assert.equal(r.code, 0, r.stderr);
    const back = await ogi('parse', out, '--json');
    assert.equal(back.code, 0, back.stderr);
    const parsed = JSON.parse(back.stdout);
    const read = (Array.isArray(parsed) ? parsed[0] : parsed) as Report;
    assert.equal(read.agency, '某市人民政府', format);
    assert.equal(read.year, 2023, format);
  }
});

test('ogi rollup: mixed years are refused (exit 2, Chinese) unless --year picks one; bad options exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-rollup-mixed-'));
  three('2021').forEach((i, n) => writeFileSync(join(dir, `a${n}.json`), JSON.stringify(i.report)));
  writeFileSync(join(dir, 'old.json'), JSON.stringify(agencyReport('2019', 9, '丁县人民政府')));
  const mixed = await ogi('rollup', dir, '--to', 'json');
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /不同的年度或格式.*--year/);
  assert.match(mixed.stderr, /2020 年 2019 格式 1 份.*old\.json/);
  const picked = await ogi('rollup', dir, '--to', 'json', '--year', '2023');
  assert.equal(picked.code, 0, picked.stderr);
  assert.match(picked.stderr, /old\.json（丁县人民政府）：年度为 2020，不是 2023/);
  assert.equal(JSON.parse(picked.stdout).included.length, 3);
  assert.equal((await ogi('rollup', dir, '--to', 'exe')).code, 2);
  assert.equal((await ogi('rollup', dir, '--to', 'json', '--year', 'abc')).code, 2);
  const none = await ogi('rollup', join(dir, 'no-such.json'), '--to', 'json');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /错误：/);
  assert.ok(readFileSync(join(dir, 'old.json')).length > 0);
});
