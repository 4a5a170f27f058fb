import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Store } from '../../src/store/db.ts';
import { root } from '../helpers/cli.ts';

/**
 * Done when of issue 15: two `ogi worker` processes share one queued import; one is
 * killed with SIGKILL midway; its task is delivered again after its lease, and every
 * file ends up imported exactly once. OGI_KILL_FILES sets the number of files (the
 * issue's 10,000: `OGI_KILL_FILES=10000 node --import tsx --test test/api/jobs-kill-pg.test.ts`).
 */

const run = promisify(execFile);
export const FILES = Number(process.env.OGI_KILL_FILES ?? 240);
const LEASE = '3';
const ogiBin = join(root, 'bin', 'ogi');

function worker(db: string, concurrency: number): ChildProcess {
  return spawn(ogiBin, ['worker', '--db', db, '--concurrency', String(concurrency)], { cwd: root, env: { ...process.env, OGI_JOB_LEASE_SECONDS: LEASE }, stdio: ['ignore', 'ignore', 'pipe'] });
}

const exited = (p: ChildProcess) => new Promise<void>((ok) => (p.exitCode !== null || p.signalCode !== null ? ok() : p.once('exit', () => ok())));

async function until(what: string, seconds: number, ready: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

export async function killMidway(db: string, store: Store, dir: string): Promise<void> {
  const enqueued = await run(ogiBin, ['import', '--enqueue', dir, '--db', db], { cwd: root, env: { ...process.env, OGI_JOB_LEASE_SECONDS: LEASE } });
  const jobId = Number(enqueued.stdout.trim());
  assert.ok(jobId > 0, enqueued.stderr);
  const a = worker(db, 2);
  const b = worker(db, 1);
  try {
    const imported = async () => Number((await store.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await until('a quarter of the files', Math.max(120, FILES / 10), async () => (await imported()) >= FILES / 4);
    a.kill('SIGKILL');
    await exited(a);
    assert.ok((await imported()) < FILES, 'the killed worker was killed midway');
    await until('the job to finish', Math.max(180, FILES / 5), async () => (await store.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirst())?.status === 'done');
  } finally {
    a.kill('SIGKILL');
    b.kill('SIGTERM');
    await exited(b);
  }
  const job = await store.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  const reports = await store.db.selectFrom('reports').select(['content_hash', 'import_id']).execute();
  assert.equal(reports.length, FILES);
  assert.equal(new Set(reports.map((r) => r.content_hash)).size, FILES);
  assert.ok(reports.every((r) => r.import_id === job.import_id));
  const items = await store.db.selectFrom('job_items').select(['status', 'report_id']).where('job_id', '=', jobId).execute();
  assert.deepEqual([...new Set(items.map((i) => i.status))], ['imported']);
  assert.equal(new Set(items.map((i) => i.report_id)).size, FILES);
  const batch = await store.db.selectFrom('imports').select(['imported', 'duplicates', 'failed']).where('id', '=', job.import_id!).executeTakeFirstOrThrow();
  assert.deepEqual(batch, { imported: FILES, duplicates: 0, failed: 0 });
}

