import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport, loadRules } from '../src/check/engine.ts';
import type { Finding } from '../src/check/types.ts';
import { extractReport } from '../src/extract/report.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { cellPaths, cellValue, hitsFor } from './helpers/findings-suite.ts';
import { LAYOUTS, reportText } from './helpers/layouts.ts';
import { rng, randomTables } from './helpers/random-report.ts';
import { baseReport, withCells } from './helpers/report-builder.ts';

const REPORTS = Number(process.env.PROPERTY_REPORTS ?? 1000);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
const show = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.message}`).join('\n');

test(`${REPORTS} random consistent reports give no error; changing any one cell of 三 or 四 gives an error in its row or column`, async () => {
  const rules = await loadRules();
  for (let n = 0; n < REPORTS; n++) {
    const template: TableTemplate = n % 2 === 0 ? '2019' : '2021';
    const seed = 100003 * n + 17;
    const tables = randomTables(template, seed);
    const report = baseReport({ template, tables, year: template === '2019' ? 2019 + (n % 2) : 2021 + (n % 5) });
    const found = errors(checkReport(report, rules));
    assert.deepEqual(found, [], `seed ${seed} (${template}) is consistent but got:\n${show(found)}`);

    const r = rng(seed);
    const cells = cellPaths(template);
    const target = cells[Math.floor(r() * cells.length)]!;
    const old = cellValue(tables, target)!;
    const changed = old === 0 ? 1 + Math.floor(r() * 9) : r() < 0.5 ? old - 1 : old + 1 + Math.floor(r() * 5);
    const mutated = withCells(report, { [target.path]: changed });
    const hits = hitsFor(checkReport(mutated, rules), target);
    assert.ok(hits.length > 0, `seed ${seed}: ${target.path} ${old} → ${changed} gave no error in its row or column:\n${show(checkReport(mutated, rules))}`);
  }
});

test('random consistent reports printed in every layout, read back and checked, give no error', async () => {
  const rules = await loadRules();
  let n = 0;
  for (const template of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      for (let k = 0; k < 10; k++, n++) {
        const year = template === '2019' ? 2020 : 2022;
        const text = reportText({ year, template, tables: randomTables(template, 7 * n + 3), layout });
        const report = extractReport(text, { name: `${template}-${layout}-${k}.txt`, format: 'txt' });
        const found = errors(checkReport(report, rules));
        assert.deepEqual(found, [], `${template} ${layout} #${k}:\n${show(found)}`);
      }
    }
  }
});
