import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
// @ts-expect-error plain JavaScript module without types
import { prebuiltIsCurrent } from '../scripts/build-state.mjs';

const ogi = new URL('../bin/ogi', import.meta.url).pathname;
const samples = new URL('../samples/', import.meta.url).pathname;

function run(args: string[], fromSources: boolean) {
  const env = { ...process.env, OGI_FROM_SOURCES: fromSources ? '1' : '0' };
  const r = spawnSync(ogi, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the command line prebuilt by npm install gives what the sources give', (t) => {
  if (!(prebuiltIsCurrent() as boolean)) {
    if (process.env.CI === 'true') assert.fail('.build is missing or older than src: npm install runs scripts/build.mjs (prepare)');
    t.skip('.build is missing or older than src (run npm install or node scripts/build.mjs)');
    return;
  }
  for (const args of [['parse', '--ndjson', samples], ['check', '--json', samples], ['rules', '--json'], ['render', '--to', 'csv', samples]]) {
    const built = run(args, false);
    const sources = run(args, true);
    assert.equal(built.status, sources.status, args.join(' '));
    assert.equal(built.stdout, sources.stdout, args.join(' '));
    assert.ok(built.stdout.length > 1000, args.join(' '));
  }
});
