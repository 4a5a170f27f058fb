// The reading of the server's imports on worker threads (src/extract/read-thread.ts): its time and memory
// caps are kept from outside the thread, and it reads every format as the reader in this thread does.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../src/errors.ts';
import { readReport, type ReadReport } from '../src/extract/read-report.ts';
import { readerThreads, readReportOnThread } from '../src/extract/read-thread.ts';
import { ReadBudget, type Limits } from '../src/ingest/limits.ts';
import { ThreadPool } from '../src/ingest/thread-pool.ts';
import { bigReportHtml } from './helpers/big-report.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-reader-thread-'));
const big = join(tmp, 'big.html');
writeFileSync(big, bigReportHtml());

// First in the file: the thread is started for this read, so its own budget starts later than the caller's.
test('a read past its time is stopped from outside: the time-up error, and the thread is gone', async () => {
  await assert.rejects(readReportOnThread(big, { limits: { readMs: 1000 } }), (err: Error) => {
    assert.equal(err.name, 'InputError');
    assert.equal(err.message, `${big}：读取超过时间上限（1 秒），已停止读取`);
    return true;
  });
  assert.equal(readerThreads(), 0);
});

test('a read past its memory ends with the memory error, and the thread is gone', async () => {
  await assert.rejects(readReportOnThread(big, { limits: { readMemoryMb: 32 } }), (err: Error) => {
    assert.equal(err.name, 'InputError');
    assert.equal(err.message, `${big}：读取时内存超过上限（32 MB），已停止读取`);
    return true;
  });
  assert.equal(readerThreads(), 0);
});

const fixtures = (dir: string, pattern: RegExp) =>
  readdirSync(new URL(`./fixtures/${dir}/`, import.meta.url).pathname).filter((f) => pattern.test(f)).sort().map((f) => new URL(`./fixtures/${dir}/${f}`, import.meta.url).pathname);

test('every web page, Word and text fixture reads on a thread as in this thread: the source and the report', async () => {
  const files = [...fixtures('formats', /\.(html|docx|txt)$/), ...fixtures('converted', /\.(md|txt)$/).slice(0, 6)];
  assert.equal(files.length, 14, files.join(', '));
  for (const file of files) {
    const here = await readReport(file, new ReadBudget(file), 'shown.html');
    const there = await readReportOnThread(file, { shownAs: 'shown.html' });
    assert.deepEqual(there, here, file);
  }
  assert.equal(readerThreads(), 1);
});

test('a file that cannot be read gives the same Chinese error on a thread', async () => {
  const empty = join(tmp, 'empty.html');
  writeFileSync(empty, '');
  await assert.rejects(readReportOnThread(empty), { name: 'InputError', message: `${empty}：文件为空` });
  await assert.rejects(readReportOnThread(join(tmp, 'missing.docx')), { name: 'InputError', message: `${join(tmp, 'missing.docx')}：文件不存在` });
});

// A pool of one thread, on the module of read-thread.ts's pool.
const single = new ThreadPool(new URL('../src/extract/read-thread.ts', import.meta.url).href, 'read-worker', 1);
const onSingle = (file: string, limits: Partial<Limits> = {}) => single.run<ReadReport>(file, limits, {}, (reason) => new InputError('damaged', reason, file));

test('files beyond the threads wait their turn, and each is read as in this thread', async () => {
  const files = fixtures('formats', /\.(html|docx)$/);
  const there = await Promise.all(files.map((file) => onSingle(file)));
  for (const [i, file] of files.entries()) assert.deepEqual(there[i], await readReport(file, new ReadBudget(file)), file);
  assert.equal(single.threads, 1);
});

test('a file whose reading began before (a PDF inside a file) does not spend its time waiting for a thread', async () => {
  const small = fixtures('formats', /\.html$/)[0]!;
  await onSingle(small);
  const long = onSingle(big);
  // Queued behind a read that holds the only thread for more than a second (the first test), with a second left.
  const waiting = single.run<ReadReport>(small, {}, {}, (reason) => new InputError('damaged', reason, small), new ReadBudget(small, { readMs: 1000 }));
  await long;
  assert.deepEqual(await waiting, await readReport(small, new ReadBudget(small)));
});

test('a file under another memory cap gets a thread of its own: a full pool ends an idle thread to make room', async () => {
  const file = fixtures('formats', /\.html$/)[0]!;
  assert.deepEqual(await onSingle(file, { readMemoryMb: 512 }), await readReport(file, new ReadBudget(file)));
  assert.equal(single.threads, 1);
});
