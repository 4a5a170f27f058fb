import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lineColumn, placeName, placePath, readCell } from '../schema/index.ts';
import { BUNDLE } from '../bundle.ts';
import { readSectionSpan } from '../extract/spans.ts';
import { format, readSpan, unreadCells } from './cells.ts';
import { mergeCrossings } from './crossings.ts';
import { seriesPairs, type SeriesOptions } from './series.ts';
import {
  SEVERITY_RANK, type BrokenIdentity, type CheckConfig, type CheckableReport, type Finding, type ReportInput, type ReportRule, type Rule, type RuleMeta,
  type SeriesRule,
  type SourceSpan,
} from './types.ts';

const RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

let loaded: Rule[] | null = null;

interface RuleModules {
  files: string[];
  modules: { default?: Rule }[];
}

/** The rule files of the source folder (the prebuilt CLI has them in one module, scripts/build.mjs). */
async function ruleModules(): Promise<RuleModules> {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  // All at once: one after another, the module loader's round trips took longer than the rules' code.
  // A URL, not a path the bundler would follow: the prebuilt CLI never reads this folder.
  const modules = await Promise.all(files.map((f) => import(new URL(`./rules/${f}`, import.meta.url).href) as Promise<{ default?: Rule }>));
  return { files, modules };
}

/** Every rule module in src/check/rules (one rule per file, found by listing the folder), sorted by id. */
export async function loadRules(): Promise<Rule[]> {
  if (loaded) return loaded;
  const { files, modules } = BUNDLE ? ((await import(new URL(BUNDLE.rules, import.meta.url).href)) as RuleModules) : await ruleModules();
  const rules = modules.map((mod, i) => {
    if (!mod.default?.meta?.id) throw new Error(`src/check/rules/${files[i]} does not export a rule as default`);
    return mod.default;
  });
  loaded = rules.sort((a, b) => compareIds(a.meta.id, b.meta.id));
  return loaded;
}

export function compareIds(a: string, b: string): number {
  const [pa, na] = a.split('-');
  const [pb, nb] = b.split('-');
  return pa === pb ? Number(na) - Number(nb) : pa!.localeCompare(pb!);
}

/** A span with the column of its start, when the report's lines are known. */
function withColumn(span: SourceSpan, report: CheckableReport): SourceSpan {
  const lineStarts = report.structure?.lineStarts;
  if (span.column !== undefined || !lineStarts) return span;
  return { ...span, column: lineColumn(lineStarts, span.start).column };
}

/** The finding of a rule about a report (the report the cross-year rules attach it to). */
function makeFinding(meta: RuleMeta, input: ReportInput, report: CheckableReport): Finding {
  const template = meta.messages[input.messageId];
  if (template === undefined) throw new Error(`${meta.id}: no message "${input.messageId}"`);
  const loc = input.location;
  let span = input.span ?? undefined;
  if (input.span === undefined && loc.table && loc.row && loc.column) span = readSpan(report, placePath(loc));
  const where = placeName(loc, report.template);
  const cells = input.cells ?? (input.identity ? [...input.identity.left, ...input.identity.right] : undefined);
  return {
    source: 'check',
    code: meta.id,
    rule: meta.id,
    messageId: input.messageId,
    severity: input.severity ?? meta.severity,
    message: format(template, { where, ...input.data }),
    location: loc,
    ...(span ? { span: withColumn(span, report) } : {}),
    ...(input.actual !== undefined ? { actual: input.actual } : {}),
    ...(input.expected !== undefined ? { expected: input.expected } : {}),
    basis: meta.basis,
    ...(input.notes?.length ? { notes: input.notes } : {}),
    ...(cells?.length ? { cells } : {}),
  };
}

function applies(rule: Rule, report: CheckableReport): boolean {
  return rule.meta.templates.includes(report.template);
}

/** Runs the one-report rules over a report. */
export function checkReport(report: CheckableReport, rules: readonly Rule[], config: CheckConfig = {}): Finding[] {
  const findings: Finding[] = [];
  const broken = new Map<Finding, BrokenIdentity>();
  const unread = unreadCells(report);
  for (const rule of rules) {
    if (rule.meta.scope !== 'report' || !applies(rule, report)) continue;
    (rule as ReportRule).check({
      doc: report,
      config,
      cell: (path) => readCell(report.tables, path),
      span: (path) => readSpan(report, path),
      unread: (path) => unread.has(path),
      sectionSpan: (section, start, end) => readSectionSpan(report, section, start, end),
      report: (input) => {
        const finding = makeFinding(rule.meta, input, report);
        findings.push(finding);
        if (input.identity) broken.set(finding, input.identity);
      },
    });
  }
  return sortFindings(mergeCrossings(findings, broken, report));
}

/**
 * Runs every rule over a set of reports: the one-report rules on each, and the
 * cross-year rules on each pair of consecutive years of one series (the same issuer
 * under `seriesKey`, or all the reports with `options.series`).
 * Returns the findings of each report, in the order given.
 */
export function checkReports(reports: readonly CheckableReport[], rules: readonly Rule[], config: CheckConfig = {}, options: SeriesOptions = {}): Finding[][] {
  return addSeriesFindings(reports, reports.map((r) => checkReport(r, rules, config)), rules, config, options);
}

/**
 * Adds the cross-year findings to the one-report findings `out` (of the same reports, in order;
 * changed in place and returned).
 */
export function addSeriesFindings(
  reports: readonly CheckableReport[], out: Finding[][], rules: readonly Rule[], config: CheckConfig = {}, options: SeriesOptions = {},
): Finding[][] {
  for (const [p, c] of seriesPairs(reports, options)) {
    out[c] = sortFindings([...out[c]!, ...seriesFindings(reports[p]!, reports[c]!, rules, config)]);
  }
  return out;
}

/** The cross-year rules on one pair of consecutive years of a series: findings of `current`. */
export function seriesFindings(previous: CheckableReport, current: CheckableReport, rules: readonly Rule[], config: CheckConfig = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (rule.meta.scope !== 'series' || !applies(rule, current)) continue;
    const pick = (which: 'previous' | 'current') => (which === 'previous' ? previous : current);
    (rule as SeriesRule).check({
      previous,
      current,
      config,
      cell: (which, path) => readCell(pick(which).tables, path),
      span: (which, path) => readSpan(pick(which), path),
      report: (input) => {
        out.push(makeFinding(rule.meta, input, current));
      },
    });
  }
  return out;
}

/** Most severe first, then by rule id, then by place in the document. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      compareIds(a.rule, b.rule) ||
      (a.span?.start ?? Number.MAX_SAFE_INTEGER) - (b.span?.start ?? Number.MAX_SAFE_INTEGER),
  );
}

