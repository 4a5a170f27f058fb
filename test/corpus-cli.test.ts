import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLine } from '../src/cli/manifest.ts';
import { defaultJobs } from '../src/cli/pool.ts';
import { cellList, writeCell } from '../src/schema/cells.ts';
import { NOTE_DEFS } from '../src/schema/notes.ts';
import type { Report } from '../src/schema/types.ts';
import { ogi, ogiIn, root } from './helpers/cli.ts';
import { baseReport } from './helpers/report-builder.ts';

// A corpus as researchers get it: two index.txt in different folders, a file whose name a spreadsheet
// would take for a formula; beside it an empty file and a filled-in report with an arithmetic error.
const tmp = mkdtempSync(join(tmpdir(), 'ogi-corpus-'));
const corpus = join(tmp, 'corpus');
mkdirSync(join(corpus, 'a'), { recursive: true });
mkdirSync(join(corpus, 'b'));
const sample = (n: string) => join(root, 'samples', n);
copyFileSync(sample('000_6c4583cee035bde5.txt'), join(corpus, 'a', 'index.txt'));
copyFileSync(sample('001_9dfa40035ded7d00.txt'), join(corpus, 'b', 'index.txt'));
copyFileSync(sample('003_587a12f256707b84.txt'), join(corpus, '=1+1.txt'));
const empty = join(tmp, 'empty.txt');
writeFileSync(empty, '');
const bad = join(tmp, 'bad.yaml');
writeFileSync(bad, readFileSync(sample('example-2025.yaml'), 'utf8').replace('（七）总计: [19, 3, 0, 0, 0, 0, 22]', '（七）总计: [19, 3, 0, 0, 0, 0, 23]'));

const idOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const A = idOf(join(corpus, 'a', 'index.txt'));
const B = idOf(join(corpus, 'b', 'index.txt'));
const F = idOf(join(corpus, '=1+1.txt'));
const lastLine = (s: string) => s.trimEnd().split('\n').at(-1);
const manifestOf = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
const none = { error: 0, warning: 0, info: 0 };

test('parse: two index.txt in different folders are told apart by path (relative to the root) and sha256 id; manifest and summary line', async () => {
  const manifest = join(tmp, 'parse.jsonl');
  const r = await ogi('parse', '--ndjson', '--jobs', '1', '--manifest', manifest, corpus, empty);
  assert.equal(r.code, 2, 'an input could not be read');
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.input), [{ path: 'corpus/=1+1.txt', id: F }, { path: 'corpus/a/index.txt', id: A }, { path: 'corpus/b/index.txt', id: B }]);
  assert.deepEqual(lines.map((l) => l.agency), ['淄博市博山区投资促进中心', '淄博市投资促进局', '淄川区工业和信息化局']);
  assert.deepEqual(r.stderr.split('\n'), [
    `错误：${empty}：文件为空`,
    `已生成清单 ${manifest}`,
    '共 4 份：3 份完整读取，0 份部分读取，1 份无法读取',
    '',
  ]);
  assert.deepEqual(manifestOf(manifest), [
    { path: 'corpus/=1+1.txt', id: F, status: '完整读取', reason: '', cellsRead: 200, cellsExpected: 200, findings: { error: 0, warning: 0, info: 4 } },
    { path: 'corpus/a/index.txt', id: A, status: '完整读取', reason: '', cellsRead: 198, cellsExpected: 198, findings: none },
    { path: 'corpus/b/index.txt', id: B, status: '完整读取', reason: '', cellsRead: 198, cellsExpected: 198, findings: none },
    { path: 'empty.txt', id: idOf(empty), status: '无法读取', reason: `${empty}：文件为空`, cellsRead: 0, cellsExpected: 0, findings: none },
  ]);
  // Paths are relative to the folder that holds every argument: the corpus folder itself when given alone, a file's own folder when given alone.
  const alone = (await ogi('parse', '--ndjson', '--jobs', '1', corpus)).stdout.trimEnd().split('\n').map((l) => JSON.parse(l).input.path);
  assert.deepEqual(alone, ['=1+1.txt', 'a/index.txt', 'b/index.txt']);
  const one = JSON.parse((await ogi('parse', '--json', join(corpus, 'a', 'index.txt'))).stdout);
  assert.deepEqual(one.input, { path: 'index.txt', id: A });
});

test('render --to csv over a corpus with an erroneous report: no refusal, path and id on every row, formulas escaped', async () => {
  const manifest = join(tmp, 'render.jsonl');
  const r = await ogi('render', corpus, bad, '--to', 'csv', '--jobs', '2', '--manifest', manifest);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stderr.split('\n'), [
    '注意：1 份报告核查发现“错误”级问题，数据照常导出（问题明细见 ogi check 或 --manifest）',
    `已生成清单 ${manifest}`,
    '共 4 份：4 份完整读取，0 份部分读取，0 份无法读取',
    '',
  ]);
  const rows = r.stdout.slice(1).split('\r\n').slice(1, -1).map((l) => l.split(','));
  const keyed = (row: string[]) => `${row.at(-2)} ${row.at(-1)}`;
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(keyed(row), (counts.get(keyed(row)) ?? 0) + 1);
  const badId = idOf(bad);
  assert.deepEqual([...counts], [[`corpus/=1+1.txt ${F}`, 200], [`corpus/a/index.txt ${A}`, 198], [`corpus/b/index.txt ${B}`, 198], [`bad.yaml ${badId}`, 200]]);
  // A path a spreadsheet would take for a formula is written as text.
  const alone = (await ogi('render', corpus, '--to', 'csv')).stdout.split('\r\n').slice(1, -1).map((l) => l.split(',').at(-2));
  assert.deepEqual([...new Set(alone)], ["'=1+1.txt", 'a/index.txt', 'b/index.txt']);
  const lines = manifestOf(manifest);
  assert.deepEqual(lines[3], { path: 'bad.yaml', id: badId, status: '完整读取', reason: '', cellsRead: 200, cellsExpected: 200, findings: { error: 1, warning: 0, info: 0 } });
});

test('--ndjson lines equal the --json array, and --jobs 2 gives what --jobs 1 gives (parse, check, manifest)', async () => {
  const [json1, nd2] = await Promise.all([ogi('parse', '--json', '--jobs', '1', corpus), ogi('parse', '--ndjson', '--jobs', '2', corpus)]);
  assert.deepEqual(nd2.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)), JSON.parse(json1.stdout));
  const m1 = join(tmp, 'check1.jsonl');
  const m2 = join(tmp, 'check2.jsonl');
  const [check1, check2] = await Promise.all([
    ogi('check', '--json', '--jobs', '1', '--manifest', m1, corpus, bad),
    ogi('check', '--ndjson', '--jobs', '2', '--manifest', m2, corpus, bad),
  ]);
  assert.equal(check1.code, 1);
  assert.equal(check2.code, 1);
  const list = JSON.parse(check1.stdout);
  assert.deepEqual(list.map((c: { input: { path: string } }) => c.input.path), ['corpus/=1+1.txt', 'corpus/a/index.txt', 'corpus/b/index.txt', 'bad.yaml']);
  assert.deepEqual(check2.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)), list);
  assert.equal(readFileSync(m2, 'utf8'), readFileSync(m1, 'utf8'));
  assert.deepEqual(manifestOf(m1).map((l) => l.findings.error), [0, 0, 0, 1]);
});

test('default threads: the main thread alone for a small corpus, one per core once their warm-up pays off', () => {
  assert.equal(defaultJobs(1, 2), 1);
  assert.equal(defaultJobs(1000, 2), 1);
  assert.equal(defaultJobs(1200, 2), 1);
  assert.equal(defaultJobs(1201, 2), 2);
  assert.equal(defaultJobs(685, 8), 1);
  assert.equal(defaultJobs(686, 8), 8);
  assert.equal(defaultJobs(1_000_000, 1), 1);
});

test('manifest: a partly read report gives as its reason what its kinds of reading notes mean, in Chinese, never their codes', () => {
  const provenance = Object.fromEntries(cellList('2021').slice(3).map((c) => [c.path, { line: 1 }]));
  const note = (code: string) => ({ source: 'extract', code, severity: 'info', message: '某处', location: {} });
  const notes = [note('digit-run-ambiguous'), note('row-missing'), note('digit-run-ambiguous')];
  const report = { ...baseReport(), producedBy: { extractor: 'test' }, provenance, notes } as unknown as Report;
  const line = readLine(report, []);
  assert.equal(line.status, '部分读取');
  assert.equal(line.reason, `3 个单元格未读出（读取说明：${NOTE_DEFS['digit-run-ambiguous']}。${NOTE_DEFS['row-missing']}）`);
  assert.doesNotMatch(line.reason, /[a-z]-[a-z]/);
  const blank = structuredClone(report.tables);
  for (const c of cellList('2021')) writeCell(blank, c.path, null);
  const none = readLine({ ...report, provenance: {}, tables: blank }, []);
  assert.equal(none.reason, `没有读出统计表（读取说明：${NOTE_DEFS['digit-run-ambiguous']}。${NOTE_DEFS['row-missing']}）`);
});

test('manifest of data without provenance (parse --lean): cells read are the cells that hold a value; an unreadable file still exits 2', async () => {
  const dir = mkdtempSync(join(tmp, 'lean-'));
  const write = async (name: string, ...args: string[]) => {
    const r = await ogi('parse', '--json', ...args);
    assert.equal(r.code, 0, r.stderr);
    writeFileSync(join(dir, name), r.stdout);
    return join(dir, name);
  };
  const lean1 = await write('lean1.json', '--lean', sample('001_9dfa40035ded7d00.txt'));
  const full1 = await write('full1.json', sample('001_9dfa40035ded7d00.txt'));
  // Sample 000 prints one cell of its tables blank: with provenance it was read, without it cannot be told from a cell not read.
  const lean0 = await write('lean0.json', '--lean', sample('000_6c4583cee035bde5.txt'));
  const full0 = await write('full0.json', sample('000_6c4583cee035bde5.txt'));
  const S0 = idOf(sample('000_6c4583cee035bde5.txt'));
  const S1 = idOf(sample('001_9dfa40035ded7d00.txt'));
  const findings1 = { error: 0, warning: 1, info: 1 };

  const manifest = join(dir, 'check.jsonl');
  const r = await ogi('check', '--ndjson', '--jobs', '1', '--manifest', manifest, lean1, full1, lean0, full0);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(lastLine(r.stderr), '共 4 份：3 份完整读取，1 份部分读取，0 份无法读取');
  assert.deepEqual(manifestOf(manifest), [
    { path: '001_9dfa40035ded7d00.txt', id: S1, status: '完整读取', reason: '', cellsRead: 198, cellsExpected: 198, findings: findings1 },
    { path: '001_9dfa40035ded7d00.txt', id: S1, status: '完整读取', reason: '', cellsRead: 198, cellsExpected: 198, findings: findings1 },
    {
      path: '000_6c4583cee035bde5.txt', id: S0, status: '部分读取', reason: '1 个单元格没有数值（数据不含出处，空白单元格与未读出的无法区分）',
      cellsRead: 197, cellsExpected: 198, findings: { error: 0, warning: 0, info: 2 },
    },
    { path: '000_6c4583cee035bde5.txt', id: S0, status: '完整读取', reason: '', cellsRead: 198, cellsExpected: 198, findings: { error: 0, warning: 0, info: 2 } },
  ]);

  // A file that could not be read at all exits 2, as parse does; the readable one is still checked.
  const cut = join(dir, 'cut.json');
  writeFileSync(cut, readFileSync(lean1, 'utf8').slice(0, 200));
  const broken = await ogi('check', '--ndjson', '--jobs', '1', '--manifest', manifest, lean1, cut);
  assert.equal(broken.code, 2);
  assert.equal(broken.stdout.trimEnd().split('\n').length, 1);
  assert.deepEqual(manifestOf(manifest).map((l) => [l.path, l.status]), [['cut.json', '无法读取'], ['001_9dfa40035ded7d00.txt', '完整读取']]);
  assert.equal((await ogi('parse', '--ndjson', empty)).code, 2);
});

test('render --to xlsx over a corpus streams the workbook: the same bytes as the workbook of the parsed reports, in a file named after the data', async () => {
  const out = join(tmp, 'stream');
  mkdirSync(out);
  const parsed = await ogi('parse', '--json', corpus);
  const reports = JSON.parse(parsed.stdout) as Report[];
  const { renderXlsx } = await import('../src/render/xlsx.ts');
  for (const jobs of ['1', '2']) {
    const r = await ogi('render', corpus, '--to', 'xlsx', '--jobs', jobs, '-o', join(out, `j${jobs}.xlsx`));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(readFileSync(join(out, `j${jobs}.xlsx`)).equals(await renderXlsx(reports)), `--jobs ${jobs}`);
  }
  // Without -o: several reports give the data's name, one report its title.
  const several = await ogiIn(out, 'render', corpus, '--to', 'xlsx');
  assert.match(several.stderr, /^已生成 政府信息公开工作年度报告数据\.xlsx\n/);
  const one = await ogiIn(out, 'render', join(corpus, 'a', 'index.txt'), '--to', 'xlsx');
  const a = reports.find((r) => r.input?.path === 'a/index.txt')!;
  assert.equal(one.stderr, `已生成 ${a.agency}${a.year}年政府信息公开工作年度报告.xlsx\n`);
  const full = await ogi('render', corpus, '--to', 'xlsx', '-o', '/dev/full');
  assert.equal(full.code, 2);
  assert.match(full.stderr, /^错误：无法写入输出文件 \/dev\/full：磁盘空间不足\n/);
});
