import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UPLOAD_DIR_PREFIX } from '../../src/server/multipart.ts';
import { sweepStaleUploads } from '../../src/server/upload-sweep.ts';

test('upload folders a killed server left for more than a day are removed at start; recent ones and other folders stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-sweep-'));
  try {
    const stale = join(dir, `${UPLOAD_DIR_PREFIX}old`);
    const recent = join(dir, `${UPLOAD_DIR_PREFIX}new`);
    const other = join(dir, 'someone-else');
    for (const d of [stale, recent, other]) {
      mkdirSync(d);
      writeFileSync(join(d, '0'), 'x');
    }
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    utimesSync(other, twoDaysAgo, twoDaysAgo);
    assert.equal(await sweepStaleUploads(dir), 1);
    assert.deepEqual([existsSync(stale), existsSync(recent), existsSync(other)], [false, true, true]);
    assert.equal(await sweepStaleUploads(join(dir, 'missing')), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
