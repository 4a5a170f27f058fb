import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { READABLE_EXTENSIONS } from '../src/ingest/read-file.ts';
import { fileSystemReason, scanDirectory } from '../src/ingest/walk.ts';
import { ogi, root } from './helpers/cli.ts';

const run = promisify(execFile);

const samples = new URL('../samples/', import.meta.url).pathname;
const S000 = join(samples, '000_6c4583cee035bde5.txt');
const S003 = join(samples, '003_587a12f256707b84.txt');

/** A folder as people have them: reports beside other files, links (to a file, back up the tree, nowhere, to itself). */
function messyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-walk-'));
  mkdirSync(join(dir, 'a', 'deeper'), { recursive: true });
  copyFileSync(S000, join(dir, 'a', 'r1.txt'));
  copyFileSync(S003, join(dir, 'a', 'deeper', 'r2.TXT'));
  writeFileSync(join(dir, 'a', 'notes.bin'), 'x');
  writeFileSync(join(dir, 'a', 'parsed.json'), '{}');
  symlinkSync(S003, join(dir, 'linked.txt'));
  symlinkSync(dir, join(dir, 'a', 'deeper', 'up'));
  symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'broken.txt'));
  symlinkSync(join(dir, 'self.txt'), join(dir, 'self.txt'));
  return dir;
}

test('a folder is walked once, links followed, other files listed apart, broken links reported', async () => {
  const dir = messyFolder();
  const scan = await scanDirectory(dir, READABLE_EXTENSIONS);
  assert.deepEqual(scan.files, [join(dir, 'a', 'deeper', 'r2.TXT'), join(dir, 'a', 'r1.txt'), join(dir, 'linked.txt')]);
  assert.deepEqual(scan.skipped, [join(dir, 'a', 'notes.bin'), join(dir, 'a', 'parsed.json')]);
  assert.deepEqual(scan.problems.map((p) => p.message).sort(), [
    `${join(dir, 'broken.txt')}：符号链接指向的文件或目录不存在`,
    `${join(dir, 'self.txt')}：符号链接循环（链接指向自身或互相指向），无法打开`,
  ].sort());
});

test('ogi parse over a messy folder reads what it can and lists every other file in the manifest', async () => {
  const dir = messyFolder();
  const manifest = join(dir, '..', `${dir.split('/').pop()}.jsonl`);
  const r = await ogi('parse', '--ndjson', dir, '--manifest', manifest);
  assert.equal(r.code, 2);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).input.path), ['a/deeper/r2.TXT', 'a/r1.txt', 'linked.txt']);
  const lines = readFileSync(manifest, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; status: string });
  assert.deepEqual(lines.map((l) => `${l.path} ${l.status}`).sort(), [
    'a/deeper/r2.TXT 完整读取', 'a/notes.bin 已跳过', 'a/parsed.json 已跳过', 'a/r1.txt 完整读取', 'broken.txt 无法读取', 'linked.txt 完整读取', 'self.txt 无法读取',
  ]);
  const err = r.stderr.trim().split('\n');
  assert.ok(err.includes('提示：目录中有 2 个文件不是可读取的格式，已跳过（a/notes.bin、a/parsed.json）；JSON、YAML 数据文件请单独指定'), r.stderr);
  assert.equal(err.at(-1), '共 5 份：3 份完整读取，0 份部分读取，2 份无法读取；另有 2 个文件不是可读取的格式，已跳过');
});

/**
 * ogi as a user the file permissions apply to: as itself, or as root without the capabilities that let root
 * read every folder (still the owner of the clone, wherever it lies and whatever its mode).
 */
async function ogiUnprivileged(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (process.getuid?.() !== 0) return ogi(...args);
  try {
    const { stdout, stderr } = await run('setpriv', ['--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search', join(root, 'bin', 'ogi'), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('a subfolder that cannot be opened is reported and the rest of the folder is still read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-walk-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'locked'));
  copyFileSync(S000, join(dir, 'locked', 'r.txt'));
  copyFileSync(S003, join(dir, 'open.txt'));
  chmodSync(join(dir, 'open.txt'), 0o644);
  chmodSync(join(dir, 'locked'), 0o000);
  const r = await ogiUnprivileged('check', '--ndjson', dir);
  chmodSync(join(dir, 'locked'), 0o755);
  assert.equal(r.code, 2, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).input.path), ['open.txt']);
  assert.ok(r.stderr.includes(`错误：${join(dir, 'locked')}：目录没有读取权限\n`), r.stderr);
});

test('files of several arguments are named from the folder that holds them all, so equal names stay apart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-walk-'));
  for (const sub of ['a', 'b', join('x', 'y')]) {
    mkdirSync(join(dir, sub), { recursive: true });
    copyFileSync(S000, join(dir, sub, 'index.txt'));
  }
  const paths = async (...args: string[]) => (await ogi('parse', '--ndjson', ...args)).stdout.trim().split('\n').map((l) => JSON.parse(l).input.path);
  assert.deepEqual(await paths(join(dir, 'a', 'index.txt'), join(dir, 'b', 'index.txt'), join(dir, 'x', 'y', 'index.txt')), ['a/index.txt', 'b/index.txt', 'x/y/index.txt']);
  assert.deepEqual(await paths(join(dir, 'a'), join(dir, 'x', 'y', 'index.txt')), ['a/index.txt', 'x/y/index.txt']);
  assert.deepEqual(await paths(join(dir, 'x', 'y', 'index.txt')), ['index.txt']);
  assert.deepEqual(await paths(join(dir, 'x')), ['y/index.txt']);
});

test('file system reasons in Chinese, for reading and for writing', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  assert.deepEqual(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ENOSPC', 'EROFS', 'EXDEV'].map((c) => fileSystemReason(err(c))), [
    '不存在', '没有读取权限', '没有读取权限', '是一个目录，不是文件', '路径中的某一级不是目录', '磁盘空间不足', '文件系统只读', '无法读取（EXDEV）',
  ]);
  assert.deepEqual(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOSPC', 'EXDEV'].map((c) => fileSystemReason(err(c), 'write')), [
    '目录不存在', '没有写入权限', '没有写入权限', '是一个目录，不是文件', '磁盘空间不足', '无法写入（EXDEV）',
  ]);
});
