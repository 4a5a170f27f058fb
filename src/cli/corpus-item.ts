import { createHash } from 'node:crypto';
import { checkReport, loadRules } from '../check/engine.ts';
import { messagesOf } from '../check/messages.ts';
import type { CheckConfig, CheckableReport, Finding } from '../check/types.ts';
import { readBytesSync } from '../ingest/read-file.ts';
import { flatCsvLines } from '../render/flat.ts';
import { holdsRawInJson, jsonLine, plainJsonLine, toJson } from '../render/json.ts';
import type { CorpusEntry } from './corpus-inputs.ts';
import { loadFile, type Loaded } from './load-reports.ts';
import { readLine, unreadLine, type ManifestLine } from './manifest.ts';
import { asInputError, parseBytes } from './parse-files.ts';
import { formatSummary } from './summary.ts';
import type { ExtractedReport } from '../extract/report.ts';

/** What to do with each input of `ogi parse`, `check` or `render --to csv|json|xlsx` (sent to the worker threads). */
export type CorpusTask =
  | { command: 'parse'; output: 'text' | 'json' | 'ndjson'; lean: boolean }
  | { command: 'check'; config: CheckConfig; keepText: boolean }
  | { command: 'render'; format: 'csv' | 'json' | 'xlsx'; config: CheckConfig; lean: boolean };

/** One report of an input, as the main thread needs it. */
export interface ItemRecord {
  /** The input file as given or found. */
  path: string;
  /** Output text, made where the report was read (the report itself is not sent back); UTF-8 bytes from a worker when written as is. */
  chunk?: string | Uint8Array;
  /** xlsx: what the workbook reads of the report (`WorkbookReport`), to finish on the main thread. */
  report?: CheckableReport;
  /** check: what pairs the report with the other years of its series (its `chunk` is a `CheckedReport`, its `seriesChunk` a `SeriesPart`). */
  series?: Pick<CheckableReport, 'agency' | 'year'>;
  seriesChunk?: string | Uint8Array;
  /** render: the report has error-severity findings (reported, never a reason to refuse a data export). */
  hasErrors?: boolean;
  manifest: ManifestLine;
}

/** A checked report as `ogi check` keeps it until every report is read (JSON in the record's chunk), without its `SeriesPart`. */
export interface CheckedReport {
  report: CheckableReport;
  /** The one-report findings. */
  findings: Finding[];
  /** For the findings printed as text, with their lines. */
  text?: string;
  /** Its manifest line, before the cross-year findings are counted. */
  manifest: ManifestLine;
}

/** What only the cross-year rules read of a report. */
export type SeriesPart = Pick<CheckableReport, 'tables' | 'sections' | 'preamble'> & { provenance?: CheckableReport['provenance']; structure?: { lineStarts: number[] } };

export interface ItemResult {
  /** Chinese error messages, naming the file. */
  errors: string[];
  records: ItemRecord[];
  /** Manifest lines of the inputs that gave no report. */
  failed: ManifestLine[];
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The report with where it was read: kept from the data when it says so (a report read earlier by ogi parse). */
function withInput(loaded: Loaded, entry: CorpusEntry, id: string): CheckableReport {
  const report = loaded.report!;
  if (report.input) return report;
  const input = loaded.item === undefined
    ? { path: entry.rel, id }
    : { path: `${entry.rel}#${loaded.item}`, id: sha256(JSON.stringify(report)) };
  return { input, ...report };
}

/** Leaves out `structure` and `provenance` (`--lean`: bulk data). */
function lean(report: CheckableReport, yes: boolean): CheckableReport {
  if (!yes) return report;
  const { structure: _s, provenance: _p, ...rest } = report;
  return rest as CheckableReport;
}

/**
 * A checked report in two parts for the main thread, which keeps them until every report is read
 * (the cross-year rules pair them): what every report's output needs, and what only a report in a
 * pair of years needs (cells, the text of its sections, where they were read, line starts for findings' columns).
 */
function forCheckOutput(report: CheckableReport, findings: Finding[], text: string | undefined, manifest: ManifestLine): { chunk: string; seriesChunk: string } {
  const { sections, preamble, structure, tables, provenance, ...head } = report;
  const lineStarts = structure?.lineStarts;
  const checked: CheckedReport = { report: { ...head, sections: {}, preamble: null } as unknown as CheckableReport, findings, ...(text !== undefined ? { text } : {}), manifest };
  const cells: SeriesPart = { tables, sections, preamble, ...(provenance ? { provenance } : {}), ...(lineStarts ? { structure: { lineStarts } } : {}) };
  return { chunk: JSON.stringify(checked), seriesChunk: JSON.stringify(cells) };
}

/**
 * Whether every string of a report just read comes from its text, its path or ogi's own wording, and none
 * holds a character that JSON output escapes. Only for plain-text sources: the readers of laid-out formats
 * add what a page says outside its text (a web page's <meta>) and where each piece was printed.
 */
function plainStrings(report: CheckableReport, text: string | undefined, entry: CorpusEntry): boolean {
  const format = report.source.format;
  return (format === 'txt' || format === 'md') && text !== undefined && !holdsRawInJson(text) && !holdsRawInJson(entry.path) && !holdsRawInJson(entry.rel);
}

async function recordOf(report: CheckableReport, text: string | undefined, entry: CorpusEntry, task: CorpusTask): Promise<ItemRecord> {
  if (task.command === 'parse') {
    const manifest = readLine(report, report.notes);
    if (task.output === 'text') return { path: entry.path, chunk: formatSummary(entry.path, report as ExtractedReport), manifest };
    const shown = lean(report, task.lean);
    if (task.output === 'json') return { path: entry.path, chunk: toJson(shown), manifest };
    return { path: entry.path, chunk: plainStrings(report, text, entry) ? plainJsonLine(shown) : jsonLine(shown), manifest };
  }
  const findings = checkReport(report, await loadRules(), task.config);
  if (task.command === 'check') {
    const manifest = readLine(report, []);
    const parts = forCheckOutput(report, findings, task.keepText ? text : undefined, manifest);
    return { path: entry.path, ...parts, series: { agency: report.agency, year: report.year }, manifest };
  }
  const manifest = readLine(report, messagesOf(report, findings));
  const hasErrors = findings.some((f) => f.severity === 'error');
  if (task.format === 'xlsx') {
    const { agency, year, template, tables, input } = report;
    return { path: entry.path, report: { agency, year, template, tables, input } as CheckableReport, hasErrors, manifest };
  }
  const chunk = task.format === 'csv' ? flatCsvLines(report) : toJson(lean(report, task.lean));
  return { path: entry.path, chunk, hasErrors, manifest };
}

/** Reads one input (once: its sha256 is the report id) and does the task's work on each report in it; never throws. */
export async function processItem(entry: CorpusEntry, task: CorpusTask): Promise<ItemResult> {
  const result: ItemResult = { errors: [], records: [], failed: [] };
  let bytes: Buffer;
  try {
    bytes = readBytesSync(entry.path);
  } catch (err) {
    const message = asInputError(err, entry.path).message;
    return { errors: [message], records: [], failed: [unreadLine(entry.rel, null, message)] };
  }
  const id = sha256(bytes);
  try {
    const loaded: Loaded[] = task.command === 'parse' ? [await parseBytes(entry.path, bytes)] : await loadFile(entry.path, bytes);
    for (const l of loaded) {
      if (l.error) {
        result.errors.push(l.error.message);
        result.failed.push(unreadLine(l.item === undefined ? entry.rel : `${entry.rel}#${l.item}`, id, l.error.message));
        continue;
      }
      result.records.push(await recordOf(withInput(l, entry, id), l.text, entry, task));
    }
  } catch (err) {
    const message = asInputError(err, entry.path).message;
    result.errors.push(message);
    result.failed.push(unreadLine(entry.rel, id, message));
  }
  return result;
}
