import { readCell, writeCell } from './cells.ts';
import { evaluate, identities } from './identities.ts';
import type { Report } from './types.ts';

/**
 * Fills the derived cells a clerk may leave blank — the totals of the identities
 * whose right side is one total: each row's 总计 and the （七）总计 row of table 三,
 * each group's 总计 of table 四 — from their parts, until nothing more can be derived.
 * Given totals are never overwritten: the checks compare them. Returns the computed paths, and
 * a copy of the report when something was derived (the report itself when nothing was).
 */
export function completeTotals(report: Report): { report: Report; computed: string[] } {
  if (report.template === 'legacy') return { report, computed: [] };
  let out = report;
  const computed: string[] = [];
  const read = (p: string) => readCell(out.tables, p);
  const derivable = identities(out.template as '2019' | '2021').filter((x) => x.def.derivesTotal);
  for (let changed = true; changed; ) {
    changed = false;
    for (const identity of derivable) {
      const total = identity.right[0]!;
      if (read(total) !== null) continue;
      const e = evaluate(identity, read);
      if (e.status !== 'blank' || e.blanks.length !== 1) continue;
      if (out === report) out = structuredClone(report);
      writeCell(out.tables, total, e.left);
      computed.push(total);
      changed = true;
    }
  }
  return { report: out, computed };
}
