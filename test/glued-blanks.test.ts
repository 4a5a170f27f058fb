import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { requestRows } from '../src/schema/requests.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { reportText } from './helpers/layouts.ts';
import { randomTables } from './helpers/random-report.ts';

/**
 * Blank cells vanish with their boundaries when a crawler flattens a page: a row of table 三 may print
 * fewer cells than it has, and a digit run may split into a full row that is not the printed one.
 */
const dir = new URL('./fixtures/converted/', import.meta.url).pathname;
const read = (file: string) => extractReport(readFileSync(`${dir}${file}`, 'utf8'), { name: file, format: 'txt' });

test('a total row that lost a blank cell keeps the cells every balancing placement reads alike', () => {
  for (const file of ['sample000.ogi.crawl-spaced.txt', 'sample000.ogi.crawl-glued.txt', 'sample000.ogi.pdftotext-raw.txt']) {
    const r = read(file);
    // Printed 2 0 0 (blank) 0 0 2: which of the five middle cells was blank cannot be known.
    assert.deepEqual(r.tables.requests.resultTotal, [2, null, null, null, null, null, 2], file);
    const note = r.notes.find((n) => n.path === 'requests.resultTotal')!;
    assert.equal(note.code, 'cells-undetermined', file);
    assert.match(note.message, /“自然人”“总计”列在每种可能的读法下都相同，已读取，其余各列无法确定，按空白处理$/, file);
    assert.equal(r.provenance['requests.resultTotal.total']!.text, '2', file);
  }
});

test('what ogi could not place in such a row is said as its own reading matter, not as a short row of the report', async () => {
  const { checkReport, loadRules } = await import('../src/check/engine.ts');
  const r = read('sample000.ogi.crawl-spaced.txt');
  const findings = checkReport(r, await loadRules());
  assert.ok(!findings.some((f) => f.rule === 'TPL-08'), JSON.stringify(findings.filter((f) => f.rule === 'TPL-08')));
  assert.ok(!findings.some((f) => f.severity !== 'info' && JSON.stringify(f.location ?? {}).includes('resultTotal')));
});

/** A deterministic generator: small counts, many zeros, half of the zeros left blank. */
function tablesWithBlanks(template: TableTemplate, seed: number) {
  let state = seed;
  const rnd = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const t = randomTables(template, seed);
  const rows = requestRows(template);
  const results = rows.filter((r) => r.result);
  const small = () => (rnd() < 0.6 ? 0 : 1 + Math.floor(rnd() * 12));
  const values = new Map(results.map((r) => [r.key, Array.from({ length: 6 }, small)]));
  const total = Array.from({ length: 6 }, (_, c) => results.reduce((a, r) => a + values.get(r.key)![c]!, 0));
  const carriedOver = Array.from({ length: 6 }, () => (rnd() < 0.7 ? 0 : Math.floor(rnd() * 4)));
  const carriedForward = Array.from({ length: 6 }, () => (rnd() < 0.7 ? 0 : Math.floor(rnd() * 4)));
  const received = total.map((v, c) => Math.max(v + carriedForward[c]! - carriedOver[c]!, 0));
  received.forEach((v, c) => (carriedForward[c] = v + carriedOver[c]! - total[c]!));
  for (const r of rows) {
    const v = r.key === 'newReceived' ? received : r.key === 'carriedOver' ? carriedOver : r.key === 'resultTotal' ? total : r.key === 'carriedForward' ? carriedForward : values.get(r.key)!;
    t.requests[r.key] = [...v, v.reduce((a, b) => a + b, 0)].map((x) => (x === 0 && rnd() < 0.5 ? null : x));
  }
  return t;
}

test('crawled pages whose blank cells vanished: never a number that is not the printed one', () => {
  let read = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const template: TableTemplate = seed % 2 ? '2019' : '2021';
    const tables = tablesWithBlanks(template, seed);
    const lines = reportText({ agency: '某市某局', year: template === '2019' ? 2020 : 2022, template, tables, layout: 'tabs' }).split('\n');
    for (const glue of ['', ' ']) {
      // The crawler's textContent: header lines, then the body on one line, the cells run together (or spaced).
      const text = `${lines.slice(0, 2).join('\n')}\n${lines.slice(2).join(glue).replace(/\t+/g, glue)}`;
      const got = extractReport(text, { name: `r${seed}.txt`, format: 'txt' });
      for (const row of requestRows(template)) {
        tables.requests[row.key]!.forEach((want, c) => {
          const have = got.tables.requests[row.key]?.[c] ?? null;
          if (have !== null) {
            assert.equal(have, want, `seed ${seed} “${glue}” ${row.key}[${c}]`);
            read++;
          }
        });
      }
    }
  }
  // Not all abstained: what the identities settle is read.
  assert.ok(read > 300, `read ${read}`);
});
