import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { rulesMarkdown } from '../src/check/docs.ts';
import { loadRules } from '../src/check/engine.ts';

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${String(from + i).padStart(2, '0')}`);

// §11 rules that one report, or the same agency's consecutive years, can decide.
// Not here: SUM-07 (needs the component reports of other agencies), DATE-08 (needs several
// published copies of one report) and EVAL (publication platforms).
// Added since: APP-06 (a fee reported for a year before the fee existed); the ledger rules
// (scope `ledger`: an agency's registers for a year), except LED-06 (suspensions, information only).
const EXPECTED = [
  ...range('APP', 1, 6), ...range('CELL', 1, 6), ...range('DATE', 1, 7), 'DATE-09', ...range('NAR', 1, 10),
  ...range('SUM', 1, 6), ...range('T2', 1, 6), ...range('TPL', 1, 14), ...range('X', 1, 5),
  ...range('LED', 1, 5), ...range('LED', 7, 10),
];

test('the catalogue has every rule in scope, each complete and with its own test table', async () => {
  const rules = await loadRules();
  assert.deepEqual(rules.map((r) => r.meta.id).sort(), [...EXPECTED].sort());
  for (const { meta } of rules) {
    assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${meta.id} name`);
    assert.ok(meta.description.length > 4 && meta.docs.length > 40 && meta.basis.length > 4, `${meta.id} docs`);
    assert.ok(Object.keys(meta.messages).length > 0, `${meta.id} messages`);
    assert.ok(meta.templates.length > 0, `${meta.id} templates`);
    assert.ok(existsSync(new URL(`./rules/${meta.id.toLowerCase()}.test.ts`, import.meta.url)), `${meta.id} has no test/rules/${meta.id.toLowerCase()}.test.ts`);
  }
  const names = rules.map((r) => r.meta.name);
  assert.equal(new Set(names).size, names.length, 'rule names are unique');
});

test('docs/rules.md is generated from the rules (run `npm run docs` after changing a rule)', async () => {
  const expected = rulesMarkdown(await loadRules());
  assert.equal(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8'), expected);
});
