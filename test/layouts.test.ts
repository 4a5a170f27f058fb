import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { LAYOUTS, reportText } from './helpers/layouts.ts';
import { assertProvenance } from './helpers/provenance.ts';
import { randomTables } from './helpers/random-report.ts';

// The same random consistent tables, printed in each layout real reports use, read back exactly.
for (const template of ['2019', '2021'] as const) {
  for (const layout of LAYOUTS) {
    test(`template ${template}, ${layout} layout: 25 random reports read back exactly`, () => {
      for (let seed = 1; seed <= 25; seed++) {
        const tables = randomTables(template, seed * 7919 + template.length);
        const year = template === '2019' ? 2020 : 2024;
        const text = reportText({ year, template, tables, layout, agency: '某某市交通运输局' });
        const r = extractReport(text, { name: `random-${seed}.txt`, format: 'txt' });
        assert.equal(r.template, template, `seed ${seed}`);
        assert.deepEqual(r.tables, tables, `seed ${seed}`);
        assert.deepEqual([r.agency, r.year, r.signedOn, r.issuerType], ['某某市交通运输局', year, `${year + 1}-01-20`, 'department']);
        assert.deepEqual(r.notes, [], `seed ${seed}`);
        assertProvenance(text, r);
      }
    });
  }
}
