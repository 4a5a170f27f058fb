/**
 * The findings regression suite: realistic documents with known defects, written in every
 * layout of both templates, read back with the extractor and checked with every rule. It
 * gives per rule how many planted defects were found and how many errors fell on clean
 * documents. Used by test/findings-suite.test.ts (the targets) and bench/findings.ts (the table).
 */
import { checkReport, loadRules } from '../../src/check/engine.ts';
import type { Finding, Rule } from '../../src/check/types.ts';
import { extractReport } from '../../src/extract/report.ts';
import { REQUEST_COLUMN_KEYS, requestRows } from '../../src/schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../../src/schema/review.ts';
import type { TableTemplate } from '../../src/schema/templates.ts';
import type { Cell, Tables } from '../../src/schema/types.ts';
import { LAYOUTS, reportText, type Layout } from './layouts.ts';
import { misstate, reviewSentence, requestSentence, ruleFor, statedCounts, type Stated } from './narrative-sentences.ts';
import { randomTables, rng } from './random-report.ts';

export const TEMPLATES: TableTemplate[] = ['2019', '2021'];

/** One cell of 三 or 四 that a defect can be planted in. */
export interface CellTarget { path: string; table: 'requests' | 'review'; row: string; column: string }

export function cellPaths(template: TableTemplate): CellTarget[] {
  const out: CellTarget[] = [];
  for (const row of requestRows(template)) for (const c of REQUEST_COLUMN_KEYS) out.push({ path: `requests.${row.key}.${c}`, table: 'requests', row: row.key, column: c });
  for (const g of REVIEW_GROUP_KEYS) for (const c of REVIEW_COLUMN_KEYS) out.push({ path: `review.${g}.${c}`, table: 'review', row: g, column: c });
  return out;
}

/** The value of a cell of 三 or 四 in `tables`. */
export function cellValue(tables: Tables, t: CellTarget): Cell {
  return t.table === 'requests'
    ? tables.requests[t.row as keyof typeof tables.requests]![REQUEST_COLUMN_KEYS.indexOf(t.column as never)]!
    : tables.review[t.row as keyof typeof tables.review]![REVIEW_COLUMN_KEYS.indexOf(t.column as never)]!;
}

function setCell(tables: Tables, t: CellTarget, v: Cell): void {
  if (t.table === 'requests') tables.requests[t.row as keyof typeof tables.requests]![REQUEST_COLUMN_KEYS.indexOf(t.column as never)] = v;
  else tables.review[t.row as keyof typeof tables.review]![REVIEW_COLUMN_KEYS.indexOf(t.column as never)] = v;
}

/** Error findings that name the changed cell's table and its row or its column. */
export function hitsFor(findings: readonly Finding[], t: CellTarget): Finding[] {
  return findings.filter(
    (f) => f.severity === 'error' && f.location.table === t.table && (f.location.row === t.row || f.location.column === t.column),
  );
}

/** A planted defect is found by an error of the SUM family in the changed cell's row or column. */
export const isSum = (f: Finding) => f.rule.startsWith('SUM-');

/**
 * The SUM rules whose identity the change breaks, worked out from the tables alone (not from
 * the engine): SUM-03 for every cell of 三 (its row total), SUM-02 for a result row or their
 * total, SUM-01 for the four balance rows, SUM-05 for every cell of 四.
 */
export function brokenIdentities(template: TableTemplate, t: CellTarget): string[] {
  if (t.table === 'review') return ['SUM-05'];
  const row = requestRows(template).find((r) => r.key === t.row)!;
  const out = ['SUM-03'];
  if (row.result || row.key === 'resultTotal') out.push('SUM-02');
  if (['newReceived', 'carriedOver', 'resultTotal', 'carriedForward'].includes(row.key)) out.push('SUM-01');
  return out.sort();
}

export type DocKind = 'clean' | 'planted' | 'blank' | 'blank-planted' | 'narrative' | 'narrative-planted';

export interface SuiteDoc {
  kind: DocKind;
  template: TableTemplate;
  layout: Layout;
  seed: number;
  /** The changed cell, for planted documents. */
  target?: CellTarget;
  old?: Cell;
  changed?: Cell;
  /** For narrative-planted documents: the count the text misstates, and the rule that must report it. */
  stated?: Stated;
  expectRule?: string;
  findings: Finding[];
}

/** Every zero of the tables written as the placeholder "—" (a string where the layout writes the number). */
function blanked(tables: Tables): Tables {
  const dash = '—' as unknown as Cell;
  const swap = (v: Cell) => (v === 0 ? dash : v);
  const active: Tables['active'] = {};
  for (const [item, rows] of Object.entries(tables.active)) {
    active[item] = {};
    for (const [row, values] of Object.entries(rows ?? {})) {
      active[item]![row] = Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, swap(v as Cell)]));
    }
  }
  const requests = Object.fromEntries(Object.entries(tables.requests).map(([k, v]) => [k, v!.map(swap)])) as Tables['requests'];
  const review = Object.fromEntries(Object.entries(tables.review).map(([k, v]) => [k, v!.map(swap)])) as Tables['review'];
  return { active, requests, review };
}

export interface SuiteOptions {
  /** Documents per template, layout and kind. */
  perLayout: number;
  /** First seed; document n uses seed + 7919 n. */
  seed?: number;
}

/** Writes, reads back and checks every document of the suite. */
export async function runFindingsSuite(options: SuiteOptions, rules?: Rule[]): Promise<SuiteDoc[]> {
  const all = rules ?? (await loadRules());
  const docs: SuiteDoc[] = [];
  let n = 0;
  const read = (template: TableTemplate, layout: Layout, tables: Tables, seed: number, narrative?: { requests: string; review: string }) => {
    const year = template === '2019' ? 2020 : 2022;
    const text = reportText({ year, template, tables, layout, narrative });
    return checkReport(extractReport(text, { name: `${template}-${layout}-${seed}.txt`, format: 'txt' }), all);
  };
  for (const template of TEMPLATES) {
    for (const layout of LAYOUTS) {
      for (let k = 0; k < options.perLayout; k++, n++) {
        const seed = (options.seed ?? 17) + 7919 * n;
        const tables = randomTables(template, seed);
        docs.push({ kind: 'clean', template, layout, seed, findings: read(template, layout, tables, seed) });

        // One planted defect: one cell of 三 or 四 changed, as test/property.test.ts does.
        const r = rng(seed);
        const cells = cellPaths(template);
        const target = cells[Math.floor(r() * cells.length)]!;
        const old = cellValue(tables, target)!;
        const changed = old === 0 ? 1 + Math.floor(r() * 9) : r() < 0.5 ? old - 1 : old + 1 + Math.floor(r() * 5);
        const planted = structuredClone(tables);
        setCell(planted, target, changed);
        docs.push({ kind: 'planted', template, layout, seed, target, old, changed, findings: read(template, layout, planted, seed) });

        // The blank convention: every 0 written as "—"; then one changed row total in such a document.
        docs.push({ kind: 'blank', template, layout, seed, findings: read(template, layout, blanked(tables), seed) });
        const rows = requestRows(template).filter((row) => (tables.requests[row.key]?.at(-1) ?? 0) > 0);
        const row = rows[Math.floor(r() * rows.length)];
        if (row) {
          const total: CellTarget = { path: `requests.${row.key}.total`, table: 'requests', row: row.key, column: REQUEST_COLUMN_KEYS.at(-1)! };
          const was = cellValue(tables, total)!;
          const bad = structuredClone(tables);
          setCell(bad, total, was + 1 + Math.floor(r() * 5));
          docs.push({
            kind: 'blank-planted', template, layout, seed, target: total, old: was, changed: cellValue(bad, total),
            findings: read(template, layout, blanked(bad), seed),
          });
        }

        // The text states the counts of 三 and 四: as the tables have them, then with one misstated.
        const year = template === '2019' ? 2020 : 2022;
        const counts = statedCounts(tables);
        const variant = Math.floor(r() * 3);
        const say = (c: typeof counts) => ({ requests: requestSentence(variant, year, c).text, review: reviewSentence(c).text });
        docs.push({ kind: 'narrative', template, layout, seed, findings: read(template, layout, tables, seed, say(counts)) });
        const states = [...requestSentence(variant, year, counts).states, ...reviewSentence(counts).states];
        const stated = states[Math.floor(r() * states.length)]!;
        const was = counts[stated];
        const misstated = { ...counts, [stated]: misstate(stated, counts, r) };
        docs.push({
          kind: 'narrative-planted', template, layout, seed, stated, expectRule: ruleFor(stated), old: was, changed: misstated[stated],
          findings: read(template, layout, tables, seed, say(misstated)),
        });
      }
    }
  }
  return docs;
}

/** A planted table defect is found when a SUM error names its row or column; a misstated count when its rule reports it. */
export const defectFound = (d: SuiteDoc): boolean =>
  d.expectRule
    ? d.findings.some((f) => f.severity !== 'info' && (f.rules ?? [f.rule]).includes(d.expectRule!))
    : hitsFor(d.findings, d.target!).some(isSum);

/** Documents with no defect planted. */
export const isClean = (d: SuiteDoc) => d.kind === 'clean' || d.kind === 'blank' || d.kind === 'narrative';

/** Warning-or-error findings of a document. */
export const loud = (d: SuiteDoc): Finding[] => d.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

/** CELL-02 findings per table of a document. */
export function blankFindingsPerTable(d: SuiteDoc): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of d.findings.filter((x) => x.rule === 'CELL-02')) {
    const key = `${f.location.table ?? ''}:${f.location.item ?? ''}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface RuleScore {
  rule: string;
  /** Planted defects whose identity the rule covers (brokenIdentities). */
  planted: number;
  /** Of those, the ones this rule reported as an error in the changed row or column. */
  found: number;
  /** Error findings on clean documents (both conventions). */
  cleanErrors: number;
  /** Warning findings on clean documents (both conventions). */
  cleanWarnings: number;
  /** Error findings on planted documents that do not name the changed row or column. */
  strayErrors: number;
}

/** Per-rule scores of a suite run; precision = found / (found + cleanErrors + strayErrors). */
export function scoreByRule(docs: readonly SuiteDoc[]): RuleScore[] {
  const scores = new Map<string, RuleScore>();
  const get = (rule: string) => {
    let s = scores.get(rule);
    if (!s) scores.set(rule, (s = { rule, planted: 0, found: 0, cleanErrors: 0, cleanWarnings: 0, strayErrors: 0 }));
    return s;
  };
  for (const d of docs) {
    if (isClean(d)) {
      for (const f of d.findings) {
        if (f.severity === 'error') get(f.rule).cleanErrors++;
        else if (f.severity === 'warning') get(f.rule).cleanWarnings++;
      }
      continue;
    }
    if (d.expectRule) {
      const s = get(d.expectRule);
      s.planted++;
      if (defectFound(d)) s.found++;
      for (const f of d.findings) if (f.severity === 'error') get(f.rule).strayErrors++;
      continue;
    }
    const hits = hitsFor(d.findings, d.target!);
    for (const rule of brokenIdentities(d.template, d.target!)) {
      const s = get(rule);
      s.planted++;
      if (hits.some((f) => (f.rules ?? [f.rule]).includes(rule))) s.found++;
    }
    for (const f of d.findings) if (f.severity === 'error' && !hits.includes(f)) get(f.rule).strayErrors++;
  }
  return [...scores.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

export const precision = (s: Pick<RuleScore, 'found' | 'cleanErrors' | 'strayErrors'>): number | null =>
  s.found + s.cleanErrors + s.strayErrors === 0 ? null : s.found / (s.found + s.cleanErrors + s.strayErrors);
export const recall = (s: Pick<RuleScore, 'planted' | 'found'>): number | null => (s.planted === 0 ? null : s.found / s.planted);
