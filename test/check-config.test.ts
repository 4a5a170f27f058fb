import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCheckConfig } from '../src/check/config.ts';
import { InputError } from '../src/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'ogi-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes a config file (an object is written as JSON, a string as is) and returns its path. */
function file(content: unknown): string {
  const path = join(dir, `config-${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function rejects(path: string, message: string): Promise<void> {
  await assert.rejects(loadCheckConfig(path), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.code, 'usage');
    assert.equal(err.file, path);
    assert.equal(err.message, message);
    return true;
  });
}

const entry = { issuerType: 'township', agencyPattern: '^怀化市', month: 2, day: 20, source: '怀化市2021年通知' };

test('check config: a good file, with 说明 fields ignored', async () => {
  const path = file({ 说明: '示例', deadlines: [{ 说明: '乡镇', ...entry }, { issuerType: ['township', 'other'], month: 3, day: 31 }, { agencyPattern: '管委会$', month: 2, day: 29 }] });
  assert.deepEqual(await loadCheckConfig(path), {
    deadlines: [
      { issuerType: 'township', agencyPattern: '^怀化市', month: 2, day: 20, source: '怀化市2021年通知' },
      { issuerType: ['township', 'other'], month: 3, day: 31 },
      { agencyPattern: '管委会$', month: 2, day: 29 },
    ],
  });
});

test('check config: an empty object and an empty list are valid', async () => {
  assert.deepEqual(await loadCheckConfig(file({})), {});
  assert.deepEqual(await loadCheckConfig(file('\uFEFF{ "deadlines": [] }')), { deadlines: [] });
});

test('check config: the shipped example loads (怀化 townships by 2月20日, a department override)', async () => {
  const config = await loadCheckConfig(fileURLToPath(new URL('../docs/check-config.example.json', import.meta.url)));
  assert.deepEqual(
    config.deadlines?.map((d) => [d.issuerType, d.month, d.day]),
    [['department', 1, 28], ['township', 2, 20]],
  );
});

test('check config: a missing file', async () => {
  const path = join(dir, 'nope.json');
  await rejects(path, `核查配置文件 ${path}：文件不存在`);
});

test('check config: a directory', async () => {
  const path = join(dir, 'a-dir');
  mkdirSync(path);
  await rejects(path, `核查配置文件 ${path}：这是一个目录，不是文件`);
});

test('check config: bad JSON', async () => {
  const path = file('{ "deadlines": [ { "month": 2, } ] }');
  await rejects(path, `核查配置文件 ${path}：不是有效的 JSON`);
});

test('check config: the top level must be an object', async () => {
  const path = file([entry]);
  await rejects(path, `核查配置文件 ${path}：顶层 应为 JSON 对象 { "deadlines": [...] }`);
});

test('check config: an unknown top-level field (a typo) is refused', async () => {
  const path = file({ deadline: [entry] });
  await rejects(path, `核查配置文件 ${path}：deadline 不是可识别的字段（可用字段：deadlines；“说明”字段会被忽略）`);
});

test('check config: deadlines must be an array', async () => {
  const path = file({ deadlines: entry });
  await rejects(path, `核查配置文件 ${path}：deadlines 应为数组，实际为 ${JSON.stringify(entry)}`);
});

test('check config: each deadline must be an object', async () => {
  const path = file({ deadlines: [entry, '2月20日'] });
  await rejects(path, `核查配置文件 ${path}：deadlines[1] 应为对象，实际为 "2月20日"`);
});

test('check config: an unknown field in a deadline', async () => {
  const path = file({ deadlines: [{ ...entry, issuer: 'township' }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].issuer 不是可识别的字段（可用字段：issuerType、agencyPattern、month、day、source；“说明”字段会被忽略）`);
});

test('check config: bad month', async () => {
  for (const [month, shown] of [[13, '13'], [0, '0'], [1.5, '1.5'], ['2', '"2"'], [undefined, '缺失']] as const) {
    const path = file({ deadlines: [{ ...entry, month }] });
    await rejects(path, `核查配置文件 ${path}：deadlines[0].month 应为 1 到 12 的整数，实际为 ${shown}`);
  }
});

test('check config: a day that the month does not have', async () => {
  let path = file({ deadlines: [{ ...entry, month: 2, day: 30 }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].day 应为 1 到 29 的整数（2月），实际为 30`);
  path = file({ deadlines: [entry, { ...entry, month: 4, day: 31 }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[1].day 应为 1 到 30 的整数（4月），实际为 31`);
  path = file({ deadlines: [{ ...entry, day: 0 }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].day 应为 1 到 29 的整数（2月），实际为 0`);
  path = file({ deadlines: [{ ...entry, day: undefined }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].day 应为 1 到 29 的整数（2月），实际为 缺失`);
});

test('check config: an unknown issuer type', async () => {
  let path = file({ deadlines: [{ ...entry, issuerType: 'county' }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].issuerType 应为 government、department、township、other 之一（或由它们组成的数组），实际为 "county"`);
  path = file({ deadlines: [{ ...entry, issuerType: [] }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].issuerType 应为 government、department、township、other 之一（或由它们组成的数组），实际为 []`);
  path = file({ deadlines: [{ ...entry, issuerType: ['township', '乡镇'] }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].issuerType 应为 government、department、township、other 之一（或由它们组成的数组），实际为 ["township","乡镇"]`);
});

test('check config: an agency pattern that is not a regular expression', async () => {
  let path = file({ deadlines: [{ ...entry, agencyPattern: '^怀化市(' }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].agencyPattern 不是有效的正则表达式："^怀化市("`);
  path = file({ deadlines: [{ ...entry, agencyPattern: 3 }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].agencyPattern 应为非空的正则表达式字符串，实际为 3`);
});

test('check config: source must be a non-empty string', async () => {
  const path = file({ deadlines: [{ ...entry, source: '' }] });
  await rejects(path, `核查配置文件 ${path}：deadlines[0].source 应为非空字符串，实际为 ""`);
});
