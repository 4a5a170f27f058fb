import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ogi } from './helpers/cli.ts';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'ogi');
const S003 = join(root, 'samples', '003_587a12f256707b84.txt');


const tmp = mkdtempSync(join(tmpdir(), 'ogi-check-'));
// Sample 003 with 5 applications from natural persons that the rest of table 三 never accounts for.
const broken = join(tmp, 'broken.txt');
writeFileSync(
  broken,
  readFileSync(S003, 'utf8').replace('一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0', '一、本年新收政府信息公开申请数量\t\t5\t0\t0\t0\t0\t0\t5'),
);

test('check --json prints one entry per file with the report and its findings', async () => {
  const { stdout } = await ogi('check', '--json', S003);
  const out = JSON.parse(stdout);
  assert.equal(out.length, 1);
  assert.equal(out[0].file, S003);
  assert.deepEqual(out[0].report, { agency: '淄博市博山区投资促进中心', year: 2023, template: '2021' });
  for (const f of out[0].findings) {
    assert.deepEqual(Object.keys(f).filter((k) => ['rule', 'severity', 'message', 'location', 'basis'].includes(k)).sort(), ['basis', 'location', 'message', 'rule', 'severity']);
  }
});

test('an error-severity finding exits 1 and the source line is shown with the value marked', async () => {
  const r = await ogi('check', broken);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  const i = lines.findIndex((l) => l.includes('错误 SUM-01  第一项加第二项之和(5)不等于第三项加第四项之和(0)，列：自然人'));
  assert.ok(i >= 0, r.stdout);
  // The marked value is the 自然人 cell of （七）总计 on line 73.
  assert.equal(lines[i + 1], '         73 | →(七) 总计→0→0→0→0→0→0→0→0');
  assert.equal(lines[i + 2], '            |            ^');
  // Then the legal basis of the rule, indented under the finding (plain text when not on a terminal).
  assert.match(lines[i + 3]!, /^ {6}依据：\S/);
  assert.ok(!r.stdout.includes('\x1b['), 'no escape codes when stdout is not a terminal');
});

test('--min-severity keeps only findings at or above the level; a bad level exits 2', async () => {
  const all = JSON.parse((await ogi('check', '--json', broken)).stdout)[0].findings;
  const errs = JSON.parse((await ogi('check', '--json', '--min-severity', 'error', broken)).stdout)[0].findings;
  assert.ok(errs.length > 0);
  assert.deepEqual(errs, all.filter((f: { severity: string }) => f.severity === 'error'));
  const bad = await ogi('check', '--min-severity', 'fatal', broken);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, '错误：--min-severity 应为 info、warning 或 error，收到“fatal”\n');
});

test('unusable input and a missing config exit 2 with a Chinese message', async () => {
  const missing = await ogi('check', join(tmp, 'none.txt'));
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, `错误：${join(tmp, 'none.txt')}：文件不存在\n`);
  const config = await ogi('check', '--config', join(tmp, 'none.json'), S003);
  assert.equal(config.code, 2);
  assert.match(config.stderr, /^错误：.*none\.json/);
});

test('ogi rules lists the catalogue', async () => {
  const list = JSON.parse((await ogi('rules', '--json')).stdout);
  assert.equal(list.length, 70);
  assert.deepEqual(Object.keys(list[0]), ['id', 'name', 'severity', 'templates', 'scope', 'description', 'basis']);
  const text = (await ogi('rules')).stdout;
  assert.match(text, /共 70 条规则。\n$/);
});

test('text output shows control characters and escape sequences of a report as visible signs, never sends them to the terminal', async () => {
  const hostile = join(tmp, 'controls.txt');
  writeFileSync(hostile, readFileSync(S003, 'utf8').replace('(七) 总计', '\x07(七) 总计\x1b]0;x\x07\u009b2J\u202e'));
  const r = await ogi('check', hostile);
  const lines = r.stdout.split('\n');
  const i = lines.findIndex((l) => l.startsWith('  提示 TPL-09'));
  assert.equal(lines[i], '  提示 TPL-09  未能识别表三中印有的“␇(七) 总计␛]0;x␇<U+009B>2J<U+202E>”行，可能是“（七）总计”行，请人工核对');
  assert.equal(lines[i + 1], '         73 | →␇(七) 总计␛]0;x␇<U+009B>2J<U+202E>→0→0→0→0→0→0→0→0');
  assert.equal(lines[i + 2], `            |  ${'^'.repeat(34)}`);
  assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);

  const data = JSON.parse((await ogi('parse', '--json', S003)).stdout);
  const named = join(tmp, 'controls.json');
  writeFileSync(named, JSON.stringify({ ...data, agency: '某局\x1b[2J\x1b[31m红\r' }));
  const head = (await ogi('check', named)).stdout.split('\n')[0];
  assert.equal(head, `${named}  某局␛[2J␛[31m红␍ · 2023年度 · 2021格式`);
});
