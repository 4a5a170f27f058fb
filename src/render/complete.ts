import { REQUEST_COLUMN_KEYS, requestRows } from '../schema/requests.ts';
import { REVIEW_GROUP_KEYS } from '../schema/review.ts';
import type { Cell, Report } from '../schema/types.ts';

/**
 * Fills the derived cells a clerk may leave blank — the total column and the
 * result-total row of table 三, and the totals of table 四 — from their parts. Given totals are never
 * overwritten: the checks compare them. Returns the paths that were computed.
 */
export function completeTotals(report: Report): { report: Report; computed: string[] } {
  if (report.template === 'legacy') return { report, computed: [] };
  const out = structuredClone(report);
  const computed: string[] = [];
  const known = (xs: Cell[]) => xs.every((x): x is number => x !== null && x !== undefined);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rows = requestRows(out.template as '2019' | '2021');
  const table = out.tables.requests as Record<string, Cell[]>;
  const last = REQUEST_COLUMN_KEYS.length - 1;

  // The result-total row per applicant column first, then every row's total.
  const results = rows.filter((r) => r.result);
  const total = table.resultTotal;
  if (total) {
    for (let c = 0; c < last; c++) {
      if (total[c] !== null && total[c] !== undefined) continue;
      const parts = results.map((r) => table[r.key]?.[c] ?? null);
      if (known(parts)) {
        total[c] = sum(parts);
        computed.push(`requests.resultTotal.${REQUEST_COLUMN_KEYS[c]}`);
      }
    }
  }
  for (const row of rows) {
    const cells = table[row.key];
    if (!cells || (cells[last] !== null && cells[last] !== undefined)) continue;
    const parts = cells.slice(0, last);
    if (known(parts)) {
      cells[last] = sum(parts);
      computed.push(`requests.${row.key}.total`);
    }
  }
  for (const g of REVIEW_GROUP_KEYS) {
    const cells = out.tables.review[g];
    if (!cells || (cells[4] !== null && cells[4] !== undefined)) continue;
    const parts = cells.slice(0, 4);
    if (known(parts)) {
      cells[4] = sum(parts);
      computed.push(`review.${g}.total`);
    }
  }
  return { report: out, computed };
}
