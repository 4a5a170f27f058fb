import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport, loadRules } from '../../src/check/engine.ts';
import type { Finding } from '../../src/check/types.ts';
import { extractReport } from '../../src/extract/report.ts';
import { readSource } from '../../src/ingest/read-file.ts';
import { cellList, readerOf } from '../../src/schema/cells.ts';
import { parsePath } from '../../src/schema/index.ts';
import type { TableTemplate } from '../../src/schema/templates.ts';
import { hitsFor, isSum, type CellTarget } from './findings-suite.ts';
import { rng } from './random-report.ts';

/**
 * Planted defects in documents made by the real converters (test/fixtures/converted: pandoc,
 * pdftotext, pdf2md, a crawler's textContent): one printed number of table 三 or 四 changed
 * where the document prints it (its provenance span), the document read and checked again.
 * The outcome of each: `found` (read as changed, and a SUM error names its row or column),
 * `missed` (read as changed, no such error), `unread` (ogi abstains on the changed cell — then
 * no new error may appear), `misread` (read as another number: a reading error).
 */

const CONVERTED = new URL('../fixtures/converted/', import.meta.url).pathname;

export type Outcome = 'found' | 'missed' | 'unread' | 'misread';

export interface ConvertedDefect {
  file: string;
  converter: string;
  path: string;
  old: number;
  changed: number;
  outcome: Outcome;
  /** Errors of the changed document that the original did not have and that do not name the changed cell's row or column. */
  strayErrors: Finding[];
}

const errorKey = (f: Finding) => `${f.rule}|${JSON.stringify(f.location)}`;

function target(path: string): CellTarget {
  const loc = parsePath(path);
  return { path, table: loc.table as 'requests' | 'review', row: loc.row!, column: loc.column! };
}

/** `perFile` defects in every converted document (seeded, so a run is repeatable). */
export async function runConvertedDefects(perFile = 3, seed = 17): Promise<ConvertedDefect[]> {
  const rules = await loadRules();
  const out: ConvertedDefect[] = [];
  const files = readdirSync(CONVERTED).filter((f) => !f.endsWith('.json')).sort();
  for (const [n, file] of files.entries()) {
    const source = await readSource(join(CONVERTED, file));
    const converter = file.split('.').slice(-2, -1)[0]!;
    const read = (text: string) => extractReport(text, { name: source.name, format: source.format });
    const report = read(source.text);
    const template = report.template as TableTemplate;
    if (template !== '2019' && template !== '2021') continue;
    const before = new Set(checkReport(report, rules).filter((f) => f.severity === 'error').map(errorKey));
    // Cells whose printed text is exactly the number read: those can be changed in place.
    const cells = cellList(template).filter((def) => {
      if (def.table !== 'requests' && def.table !== 'review') return false;
      const value = readerOf(def)(report.tables);
      const p = report.provenance[def.path];
      return typeof value === 'number' && p !== undefined && source.text.slice(p.start, p.end) === String(value);
    });
    const r = rng(seed + 7919 * n);
    for (let k = 0; k < perFile && cells.length; k++) {
      const def = cells.splice(Math.floor(r() * cells.length), 1)[0]!;
      const old = readerOf(def)(report.tables) as number;
      const changed = old === 0 ? 1 + Math.floor(r() * 9) : r() < 0.5 ? old - 1 : old + 1 + Math.floor(r() * 5);
      const p = report.provenance[def.path]!;
      const planted = read(source.text.slice(0, p.start) + String(changed) + source.text.slice(p.end));
      const have = readerOf(def)(planted.tables);
      const findings = checkReport(planted, rules);
      const t = target(def.path);
      const hits = hitsFor(findings, t);
      const strayErrors = findings.filter((f) => f.severity === 'error' && !hits.includes(f) && !before.has(errorKey(f)));
      const outcome: Outcome =
        have === changed ? (hits.some(isSum) ? 'found' : 'missed') : have === null ? 'unread' : 'misread';
      out.push({ file, converter, path: def.path, old, changed, outcome, strayErrors });
    }
  }
  return out;
}
