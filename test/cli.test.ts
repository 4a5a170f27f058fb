import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeText } from '../src/ingest/decode.ts';
import { READABLE_EXTENSIONS } from '../src/ingest/read-file.ts';
import { extractReport } from '../src/extract/report.ts';
import { encodeGb18030 } from './helpers/gbk.ts';
import { ogi } from './helpers/cli.ts';
import { spawn } from 'node:child_process';
import { verifyPassword } from '../src/server/auth/passwords.ts';
import { startServer } from '../src/server/start.ts';
import { openStore } from '../src/store/open.ts';
import { preloadSamples } from '../src/store/preload.ts';
import { findUserByName } from '../src/store/users.ts';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'ogi');
const sample = (n: string) => join(root, 'samples', n);
const S000 = '000_6c4583cee035bde5.txt';
const S003 = '003_587a12f256707b84.txt';


const tmp = mkdtempSync(join(tmpdir(), 'ogi-cli-'));

test('parse --json of one file prints one contract object', async () => {
  const { code, stdout } = await ogi('parse', '--json', sample(S000));
  assert.equal(code, 0);
  const r = JSON.parse(stdout);
  assert.equal(Array.isArray(r), false);
  assert.deepEqual([r.agency, r.year, r.template, r.issuerType], ['淄博市投资促进局', 2020, '2019', 'department']);
  assert.deepEqual(r.tables.requests.resultTotal, [2, 0, 0, null, 0, 0, 2]);
  assert.equal(r.provenance['requests.newReceived.naturalPerson'].line, 113);
});

test('parse --json of several files (and of a directory) prints an array', async () => {
  const two = JSON.parse((await ogi('parse', '--json', sample(S000), sample(S003))).stdout);
  assert.deepEqual(two.map((r: { agency: string }) => r.agency), ['淄博市投资促进局', '淄博市博山区投资促进中心']);
  const dir = JSON.parse((await ogi('parse', '--json', join(root, 'samples'))).stdout);
  assert.equal(dir.length, 5);
});

test('parse without --json prints the tables aligned', async () => {
  const { code, stdout } = await ogi('parse', sample(S000));
  assert.equal(code, 0);
  const lines = stdout.split('\n');
  assert.equal(lines[0], '淄博市投资促进局 · 2020年度 · 2019格式 · 政府部门');
  assert.ok(lines.includes('  政府集中采购                  18               37.79'));
  assert.ok(lines.includes('  （七）总计                                   2         0         0             —             0     0     2'));
});

test('a missing file, an empty file, a non-report, a binary file and a truncated PDF: clear messages and exit 2', async () => {
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const notice = join(tmp, 'notice.txt');
  writeFileSync(notice, '关于召开会议的通知\n请各单位准时参加。\n');
  const binary = join(tmp, 'scan.txt');
  writeFileSync(binary, Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)));
  const pdf = join(tmp, 'report.txt');
  writeFileSync(pdf, '%PDF-1.7\n...');

  const missing = await ogi('parse', join(tmp, 'nope.txt'));
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, `错误：${join(tmp, 'nope.txt')}：文件不存在\n`);

  const r = await ogi('parse', '--json', sample(S000), empty, notice, binary, pdf);
  assert.equal(r.code, 2);
  assert.equal(JSON.parse(r.stdout).length, 1, 'the readable file is still printed');
  assert.deepEqual(r.stderr.trim().split('\n'), [
    `错误：${empty}：文件为空`,
    `错误：${notice}：不是政府信息公开工作年度报告（没有找到报告标题、六个部分的标题或统计表）`,
    `错误：${binary}：不是可识别的文本编码（既不是 UTF-8 也不是 GBK/GB18030）`,
    `错误：${pdf}：PDF 文件已损坏或不完整，无法读取（Invalid PDF structure.）`,
    '共 5 份：1 份完整读取，0 份部分读取，4 份无法读取',
  ]);
});

test('a directory without reports and an unreadable file are reported, not crashed on', async () => {
  const dir = join(tmp, 'nothing');
  mkdirSync(dir);
  const r = await ogi('parse', dir);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `错误：${dir}：目录中没有可读取的报告文件（${READABLE_EXTENSIONS.join('、')}）\n`);
  if (process.getuid?.() !== 0) {
    const locked = join(tmp, 'locked.txt');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    const l = await ogi('parse', locked);
    assert.equal(l.stderr, `错误：${locked}：没有读取权限\n`);
  }
});

test('usage errors exit non-zero with help', async () => {
  const r = await ogi('parse');
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /missing required argument 'files'/);
});

test('ogi schema prints the JSON Schema generated from the statutory schema', async () => {
  const { code, stdout } = await ogi('schema');
  assert.equal(code, 0);
  const s = JSON.parse(stdout);
  assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  const [v2019, v2021, legacy] = s.oneOf;
  assert.deepEqual(s.oneOf.map((v: { properties: { template: { const: string } } }) => v.properties.template.const), ['2019', '2021', 'legacy']);
  assert.deepEqual(Object.keys(v2021.properties.tables.properties.requests.properties).length, 25);
  assert.deepEqual(Object.keys(v2019.properties.tables.properties.requests.properties).length, 23);
  assert.deepEqual(Object.keys(v2019.properties.tables.properties.active.properties), ['art20_1', 'art20_5', 'art20_6', 'art20_8', 'art20_9', 'extra']);
  assert.equal(v2019.properties.tables.properties.requests.properties.resultTotal.description, '（七）总计');
  assert.equal(v2019.properties.tables.properties.requests.properties.resultTotal.prefixItems.length, 7);
  assert.equal(s.$defs.review.properties.review.prefixItems[4].description, '总计');
  assert.deepEqual(legacy.properties.tables.properties.requests, { type: 'object', properties: {}, additionalProperties: false, description: '2019 年以前格式没有表三' });
});

test('ogi samples summary lists the five samples', async () => {
  const { code, stdout } = await ogi('samples');
  assert.equal(code, 0);
  assert.match(stdout, /共 5 份样例报告/);
  assert.match(stdout, /✓ samples\/003_587a12f256707b84\.txt {2}淄博市博山区投资促进中心 {2}2023年度 {2}2021格式/);
});

// Encodings and line endings: the same report read from differently encoded bytes gives the same data.
test('UTF-8 with BOM, GBK and CRLF give the same tables as the UTF-8 original', () => {
  const text = readFileSync(sample(S000), 'utf8');
  const base = extractReport(text, { name: S000, format: 'txt' });
  const bom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  assert.equal(bom.encoding, 'utf-8');
  assert.equal(bom.text, text);

  const gbk = decodeText(Buffer.from(encodeGb18030(text)));
  assert.equal(gbk.encoding, 'gb18030');
  assert.deepEqual(extractReport(gbk.text, { name: S000, format: 'txt' }).tables, base.tables);

  const crlf = text.replace(/\n/g, '\r\n');
  const r = extractReport(crlf, { name: S000, format: 'txt' });
  assert.deepEqual(r.tables, base.tables);
  assert.deepEqual([r.agency, r.year, r.sections.other], [base.agency, base.year, base.sections.other]);
  const p = r.provenance['active.art20_9.procurement.amount']!;
  assert.equal(crlf.slice(p.start, p.end), '37.79万元');
});

test('a GBK file is read through the CLI', async () => {
  const path = join(tmp, 'gbk.txt');
  writeFileSync(path, encodeGb18030(readFileSync(sample(S003), 'utf8')));
  const r = JSON.parse((await ogi('parse', '--json', path)).stdout);
  assert.equal(r.source.encoding, 'gb18030');
  assert.equal(r.agency, '淄博市博山区投资促进中心');
});


test('a report whose structure ogi cannot find gives one result, not a list of missing parts', async () => {
  const file = join(tmp, 'titled-only.txt');
  writeFileSync(file, '某某局2023年政府信息公开工作年度报告\n\n根据条例，现公布本年度报告。本局全年工作平稳有序。\n');
  const message = `错误：${file}：未能识别报告结构：找到了报告标题、年度（2023年），但没有找到六个部分的标题和任何一张统计表；可能是图片、扫描件或 ogi 尚不能读取的版式，不作核查\n`;
  const parsed = await ogi('parse', file);
  assert.deepEqual([parsed.code, parsed.stdout, parsed.stderr], [2, '', message]);
  const checked = await ogi('check', file);
  assert.equal(checked.code, 2);
  assert.equal(checked.stderr, message);
  assert.ok(!checked.stdout.includes('TPL-03'), checked.stdout);
});

/** ./bin/ogi with text on its standard input. */
function ogiWithInput(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(bin, args, { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => ok({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

test('ogi user: add with a generated or a given password, list, change the password, remove — no login needed', async () => {
  const db = join(tmp, 'users.sqlite');
  const store = await openStore({ sqlitePath: db });
  await preloadSamples(store);
  await store.close();

  const admin = await ogi('user', 'add', 'boss', '--role', 'admin', '--db', db);
  assert.equal(admin.code, 0, admin.stderr);
  const password = /初始密码：(\S+)/.exec(admin.stdout)![1]!;
  assert.ok(password.length >= 10);
  const viewer = await ogiWithInput('viewer-password-1\n', 'user', 'add', '看看', '--role', 'viewer', '--region', '2', '--password-stdin', '--db', db);
  assert.equal(viewer.code, 0, viewer.stderr);
  assert.equal(viewer.stdout, '已添加用户 看看（只读）。\n');
  const short = await ogiWithInput('short\n', 'user', 'add', 'x1', '--role', 'viewer', '--region', '2', '--password-stdin', '--db', db);
  assert.deepEqual([short.code, short.stderr], [2, '错误：密码至少 10 个字符\n']);
  const noScope = await ogi('user', 'add', 'x2', '--role', 'clerk', '--db', db);
  assert.deepEqual([noScope.code, noScope.stderr], [2, '错误：机关经办人须指定所属机关（agencyId）\n']);
  const badRole = await ogi('user', 'add', 'x3', '--role', 'boss', '--db', db);
  assert.equal(badRole.code, 2);
  assert.match(badRole.stderr, /角色应为 admin、supervisor、clerk、viewer 之一/);
  const list = await ogi('user', 'list', '--db', db);
  assert.equal(list.stdout, '1\tboss\t管理员（admin）\t全部\n2\t看看\t只读（viewer）\t区域 2\n');

  const check = async (name: string, pw: string) => {
    const s = await openStore({ sqlitePath: db });
    try {
      return await verifyPassword(pw, (await findUserByName(s.db, name))!.passwordHash);
    } finally {
      await s.close();
    }
  };
  assert.equal(await check('看看', 'viewer-password-1'), true);
  const passwd = await ogiWithInput('new-viewer-password\n', 'user', 'passwd', '看看', '--password-stdin', '--db', db);
  assert.equal(passwd.code, 0, passwd.stderr);
  assert.equal(await check('看看', 'new-viewer-password'), true);
  assert.equal((await ogi('user', 'passwd', 'nobody', '--db', db)).stderr, '错误：用户“nobody”不存在\n');
  assert.equal((await ogi('user', 'remove', '看看', '--db', db)).code, 0);
  const last = await ogi('user', 'remove', 'boss', '--db', db);
  assert.equal(last.code, 2);
  assert.match(last.stderr, /唯一可用的管理员/);
  assert.match((await ogi('user', '--help')).stdout, /管理账户/);
});

test('first start: an admin with a random password, printed once; a second start makes none', async () => {
  const dbPath = join(tmp, 'first.sqlite');
  const lines: string[] = [];
  const first = await startServer({ dbPath, port: 0, preload: false, log: (l) => lines.push(l) });
  try {
    const password = /已建立管理员账户 admin，密码：(\S+)/.exec(lines.join('\n'))![1]!;
    assert.match(lines.join('\n'), /ogi user passwd admin/);
    const res = await fetch(`${first.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: first.url }, body: JSON.stringify({ username: 'admin', password }) });
    assert.equal(res.status, 200);
  } finally {
    await first.close();
  }
  const again: string[] = [];
  const second = await startServer({ dbPath, port: 0, preload: false, log: (l) => again.push(l) });
  await second.close();
  assert.deepEqual(again, []);
});

test('deadline prints the due date first, then the rule and its basis; --json gives the fields', async () => {
  const plain = await ogi('deadline', '2024-09-27');
  assert.equal(plain.code, 0, plain.stderr);
  const lines = plain.stdout.trim().split('\n');
  assert.equal(lines[0], '2024-10-30');
  assert.ok(lines.includes('自 2024-09-28 起第 20 个工作日为 2024-10-30（跳过国庆节 10月1日至7日；9月29日、10月12日调休上班，计入工作日）'));
  assert.match(lines.at(-1)!, /^依据：.*国办发明电〔2023〕7号/);

  const json = await ogi('deadline', '2024-03-01', '--extended', '--correction-received', '2024-03-05', '--suspended-days', '2', '--json');
  assert.equal(json.code, 0, json.stderr);
  const r = JSON.parse(json.stdout);
  assert.deepEqual(Object.keys(r), ['dueDate', 'received', 'countFrom', 'workingDays', 'extended', 'suspendedDays', 'steps', 'basis']);
  assert.deepEqual([r.dueDate, r.received, r.countFrom, r.workingDays, r.extended, r.suspendedDays], ['2024-05-07', '2024-03-01', '2024-03-06', 42, true, 2]);
});

test('deadline: bad input and a date outside the calendar exit 2 with a Chinese message', async () => {
  const bad = await ogi('deadline', '2024-9-27');
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr, '错误：收到申请之日应为“年-月-日”格式的有效日期，如 2024-09-27，收到“2024-9-27”\n');
  const days = await ogi('deadline', '2024-03-01', '--suspended-days', 'three');
  assert.equal(days.code, 2);
  assert.match(days.stderr, /--suspended-days 应为非负整数/);
  const order = await ogi('deadline', '2024-03-05', '--correction-received', '2024-03-01');
  assert.equal(order.code, 2);
  assert.match(order.stderr, /不能早于收到申请之日/);
  const gap = await ogi('deadline', '2026-12-20');
  assert.equal(gap.code, 2);
  assert.match(gap.stderr, /2027 年不在其中.*src\/schema\/calendar\/holiday-notices\.ts/);
});
