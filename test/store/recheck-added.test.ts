import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { recheck } from '../../src/store/checks.ts';
import { inTx } from '../../src/store/db.ts';
import { importFiles } from '../../src/store/import.ts';
import { openStore } from '../../src/store/open.ts';
import { synthetic } from '../api/fixtures.ts';
import { randomTables } from '../helpers/random-report.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-recheck-added-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Years in the order they are imported: out of order, with gaps and two reports of one year. */
const YEARS = [2022, 2020, 2024, 2021, 2023, 2021, 2019];

test('importing reports one by one stores exactly the findings a full re-check of the agency gives', async () => {
  const store = await openStore({ sqlitePath: join(tmp, 'series.sqlite') });
  try {
    for (const [i, year] of YEARS.entries()) {
      const template = year >= 2021 ? '2021' : '2019';
      const text = synthetic({ agency: '某某市交通运输局', year, tables: randomTables(template, 11 + i) });
      const r = await importFiles(store, [{ name: `${year}-${i}.txt`, bytes: Buffer.from(text) }], { author: '甲' });
      assert.equal(r.items[0]!.status, 'imported', r.items[0]!.reason);
    }
    const stored = async () => (await store.db.selectFrom('reports').select(['id', 'findings', 'errors', 'warnings', 'infos']).orderBy('id').execute());
    const incremental = await stored();
    const crossYear = incremental.flatMap((r) => (JSON.parse(r.findings) as { rule: string }[]).filter((f) => f.rule.startsWith('X-')));
    assert.ok(crossYear.length > 0, 'the series must give cross-year findings, or the test proves nothing');
    const agencyId = (await store.db.selectFrom('reports').select('agency_id').executeTakeFirstOrThrow()).agency_id;
    await inTx(store.db, (trx) => recheck(trx, { agencyId }, store.checkConfig));
    assert.deepEqual(incremental, await stored());
  } finally {
    await store.close();
  }
});
