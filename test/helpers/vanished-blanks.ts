import { requestRows } from '../../src/schema/requests.ts';
import { REVIEW_GROUP_KEYS } from '../../src/schema/review.ts';
import type { TableTemplate } from '../../src/schema/templates.ts';
import type { Tables } from '../../src/schema/types.ts';
import { reportText, tableRows, writeRows } from './layouts.ts';
import { randomTables } from './random-report.ts';

/**
 * Reports whose blank cells vanish when a crawler flattens the page: consistent random tables with small
 * counts and many zeros, a share of the zeros of tables 三 and 四 left blank, written in the tab layout
 * and flattened as a crawler's textContent does (header lines kept, the body on one line, the cells run
 * together or spaced; a blank cell leaves nothing).
 */
export function tablesWithBlanks(template: TableTemplate, seed: number, blankShare: number): Tables {
  let state = seed;
  const rnd = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const t = randomTables(template, seed);
  const blank = (x: number) => (x === 0 && rnd() < blankShare ? null : x);
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
    t.requests[r.key] = [...v, v.reduce((a, b) => a + b, 0)].map(blank);
  }
  for (const g of REVIEW_GROUP_KEYS) {
    const parts = Array.from({ length: 4 }, () => (rnd() < 0.6 ? 0 : 1 + Math.floor(rnd() * 9)));
    t.review[g] = [...parts, parts.reduce((a, b) => a + b, 0)].map(blank);
  }
  return t;
}

/** The report as a crawler saves it: `glue` '' runs the cells together, ' ' spaces them. */
export function flattenedText(template: TableTemplate, tables: Tables, glue: '' | ' '): string {
  const lines = reportText({ agency: '某市某局', year: template === '2019' ? 2020 : 2022, template, tables, layout: 'tabs' }).split('\n');
  return `${lines.slice(0, 2).join('\n')}\n${lines.slice(2).join(glue).replace(/\t+/g, glue)}`;
}

/**
 * The report with table 三 as `pdftotext -layout` prints it: each row on one line, labels padded to one width and
 * values right-aligned in columns of `width` characters (a blank cell only spaces); or, with `width` null, the
 * values joined by single spaces (no columns to see).
 */
export function laidOutText(template: TableTemplate, tables: Tables, width: number | null): string {
  const text = reportText({ year: template === '2019' ? 2020 : 2022, template, tables, layout: 'tabs' });
  const rows = tableRows(template, tables).requests;
  const values = rows.slice(3).map((row) => {
    const label = row.slice(0, row.length - 7).join('');
    const cells = row.slice(row.length - 7);
    return width === null ? [label, ...cells.filter((c) => c !== '')].join(' ') : label.padEnd(40, ' ') + cells.map((c) => c.padStart(width)).join('');
  });
  const tabbed = writeRows(rows, 'tabs');
  if (!text.includes(tabbed)) throw new Error('table 三 not found in the report text');
  return text.replace(tabbed, [...rows.slice(0, 3).map((r) => r.join(' ')), ...values].join('\n'));
}
