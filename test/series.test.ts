import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { foldName, seriesKey } from '../src/schema/issuer.ts';
import { checkAll } from '../src/check/pipeline.ts';
import { seriesPairs, unpairedNotice, UNPAIRED_CODE } from '../src/check/series.ts';
import { extractSource } from '../src/extract/index.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { baseReport } from './helpers/report-builder.ts';
import { ogi, root } from './helpers/cli.ts';

test('seriesKey folds widths and spaces, 管委会, and a disclosure office to its organ', () => {
  assert.equal(seriesKey('某某经济开发区管委会'), '某某经济开发区管理委员会');
  assert.equal(seriesKey('某某经济开发区管理委员会'), '某某经济开发区管理委员会');
  assert.equal(seriesKey('某某市第２中学　'), seriesKey('某某市第2中学'));
  assert.equal(seriesKey('某某市（Ａ区）财政局'), seriesKey('某某市(A区)财政局'));
  assert.equal(seriesKey('某某市交通运输局政府信息公开工作领导小组办公室'), '某某市交通运输局');
  assert.equal(seriesKey('某某 市 交通运输局'), '某某市交通运输局');
  // The government's general office is an organ of its own, not the government.
  assert.notEqual(seriesKey('某某市人民政府办公室'), seriesKey('某某市人民政府'));
  assert.equal(foldName('高新区管委会'), '高新区管理委员会');
});

const a2022 = baseReport({ year: 2022, agency: '某某市交通运输局' });
const b2023 = baseReport({ year: 2023, agency: '某某市交通局' });

test('seriesPairs pairs consecutive years of one key; with series, all the reports', () => {
  assert.deepEqual(seriesPairs([a2022, b2023]), []);
  assert.deepEqual(seriesPairs([b2023, a2022], { series: true }), [[1, 0]]);
  assert.deepEqual(seriesPairs([baseReport({ year: 2023, agency: '某某开发区管委会' }), baseReport({ year: 2022, agency: '某某开发区管理委员会' })]), [[1, 0]]);
});

test('unpairedNotice: reports of consecutive years under different names, and no series', () => {
  const notice = unpairedNotice([a2022, b2023]);
  assert.ok(notice);
  assert.equal(notice.index, 1);
  assert.deepEqual(notice.message, {
    source: 'check',
    code: UNPAIRED_CODE,
    severity: 'info',
    message: '这两份报告的发布机关名称不同（“某某市交通运输局”“某某市交通局”），未作跨年度核对；如为同一机关，请统一名称或用 --series 指定',
    location: { field: 'agency' },
  });
  assert.equal(unpairedNotice([a2022, b2023], { series: true }), null);
  assert.equal(unpairedNotice([a2022, baseReport({ year: 2023 })]), null, 'a series was formed');
  assert.equal(unpairedNotice([a2022, baseReport({ year: 2025, agency: '某某市交通局' })]), null, 'no consecutive years');
  assert.equal(unpairedNotice([a2022]), null);
});

// Two reports as contract JSON: 2022 carries 2 applications forward, 2023 (another spelling) carries none over.
const tmp = mkdtempSync(join(tmpdir(), 'ogi-series-'));
const files: string[] = [];
before(async () => {
  const parsed = JSON.parse((await ogi('parse', '--json', join(root, 'samples', '003_587a12f256707b84.txt'))).stdout);
  const write = (name: string, year: number, agency: string, forward: number) => {
    const r = structuredClone(parsed);
    r.year = year;
    r.agency = agency;
    r.tables.requests.carriedForward = [forward, 0, 0, 0, 0, 0, forward];
    const path = join(tmp, name);
    writeFileSync(path, JSON.stringify(r));
    files.push(path);
  };
  write('2022.json', 2022, '淄博市博山区投资促进中心', 2);
  write('2023.json', 2023, '博山区投资促进中心', 0);
});

test('ogi check: reports under different names get the unpaired notice; --series checks them across years', async () => {
  const plain = JSON.parse((await ogi('check', '--json', ...files)).stdout);
  assert.ok(!plain[1].findings.some((f: { rule: string }) => f.rule.startsWith('X-')));
  assert.deepEqual(plain[1].messages.filter((m: { code: string }) => m.code === UNPAIRED_CODE).map((m: { message: string }) => m.message), [
    '这两份报告的发布机关名称不同（“淄博市博山区投资促进中心”“博山区投资促进中心”），未作跨年度核对；如为同一机关，请统一名称或用 --series 指定',
  ]);
  const text = (await ogi('check', ...files)).stdout;
  assert.match(text, /\n {2}提示 series-unpaired 这两份报告的发布机关名称不同/);
  const series = JSON.parse((await ogi('check', '--json', '--series', ...files)).stdout);
  assert.ok(series[1].findings.some((f: { rule: string }) => f.rule === 'X-01'), JSON.stringify(series[1].findings));
  assert.ok(!series[1].messages.some((m: { code: string }) => m.code === UNPAIRED_CODE));
});

test('ogi check over files: a narrative copied from the year before is found across the two files (NAR-09)', async () => {
  const dir = mkdtempSync(join(tmp, 'copied-'));
  const text = readFileSync(join(root, 'samples', '000_6c4583cee035bde5.txt'), 'utf8');
  writeFileSync(join(dir, '2019.txt'), text.replaceAll('2020年', '2019年'));
  writeFileSync(join(dir, '2020.txt'), text);
  const lines = (await ogi('check', '--ndjson', dir)).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  const copied = (i: number) => lines[i].findings.filter((f: { rule: string }) => f.rule === 'NAR-09').map((f: { message: string }) => f.message);
  assert.deepEqual(copied(0), []);
  assert.deepEqual(copied(1), [
    '第一部分“总体情况”与2019年度报告的相似度为100%（1207字），疑似照搬上年内容（内容雷同）',
    '第五部分“存在的主要问题及改进情况”与2019年度报告的相似度为100%（508字），疑似照搬上年内容（内容雷同）',
  ]);
});

test('ogi check over files finds what the checks find on the whole reports, cross-year findings included', async () => {
  const dir = mkdtempSync(join(tmp, 'pairs-'));
  for (const name of readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(root, 'samples', name), 'utf8');
    const year = Number(/(20\d\d)年/.exec(text)![1]);
    writeFileSync(join(dir, `${name.slice(0, 3)}-${year - 1}.txt`), text.replaceAll(`${year}年`, `${year - 1}年`));
    writeFileSync(join(dir, `${name.slice(0, 3)}-${year}.txt`), text);
  }
  const paths = readdirSync(dir).sort().map((f) => join(dir, f));
  const reports = await Promise.all(paths.map(async (p) => extractSource(await readSource(p))));
  const expected = JSON.parse(JSON.stringify(await checkAll(reports)));
  const cli = JSON.parse((await ogi('check', '--json', dir)).stdout) as { file: string; findings: unknown[] }[];
  assert.deepEqual(cli.map((r) => r.file), paths);
  assert.deepEqual(cli.map((r) => r.findings), expected);
  assert.ok(expected.flat().some((f: { rule: string }) => f.rule === 'NAR-09'));
  assert.ok(expected.flat().some((f: { rule: string }) => f.rule.startsWith('X-')));
});
