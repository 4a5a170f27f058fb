import assert from 'node:assert/strict';
import type { ExtractedReport } from '../../src/extract/report.ts';
import { parseCellText, toWanYuan } from '../../src/extract/values.ts';
import { TEMPLATE_DEFS } from '../../src/schema/templates.ts';
import { REQUEST_COLUMN_KEYS, requestRows } from '../../src/schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../../src/schema/review.ts';

/** Every non-null cell has a provenance whose span holds the printed text that gives that value. */
export function assertProvenance(text: string, r: ExtractedReport): void {
  if (r.template === 'legacy') return;
  const cells: [string, number | null][] = [];
  for (const item of TEMPLATE_DEFS[r.template].active) {
    for (const row of item.rows) {
      for (const col of item.columns) cells.push([`active.${item.key}.${row.key}.${col.key}`, r.tables.active[item.key]?.[row.key]?.[col.key] ?? null]);
    }
  }
  for (const row of requestRows(r.template)) {
    REQUEST_COLUMN_KEYS.forEach((c, i) => cells.push([`requests.${row.key}.${c}`, r.tables.requests[row.key]?.[i] ?? null]));
  }
  for (const g of REVIEW_GROUP_KEYS) REVIEW_COLUMN_KEYS.forEach((c, i) => cells.push([`review.${g}.${c}`, r.tables.review[g]?.[i] ?? null]));

  for (const [path, value] of cells) {
    const p = r.provenance[path];
    if (value === null) continue;
    assert.ok(p, `${path} has a value but no provenance`);
    assert.equal(text.slice(p.start, p.end), p.text, `${path}: span does not hold the printed text`);
    assert.equal(text.slice(0, p.start).split('\n').length, p.line, `${path}: wrong line`);
    const parsed = parseCellText(p.text);
    assert.ok(parsed?.kind === 'number', `${path}: printed text "${p.text}" is not a number`);
    assert.equal(toWanYuan(parsed.value, p.unit ?? null), value, `${path}: printed "${p.text}" does not give ${value}`);
  }
}
