import { createHash } from 'node:crypto';
import { checkReport, loadRules } from '../check/engine.ts';
import { messagesOf } from '../check/messages.ts';
import type { CheckConfig, CheckableReport, Finding } from '../check/types.ts';
import { readBytesSync } from '../ingest/read-file.ts';
import { flatCsvLines } from '../render/flat.ts';
import { toJson } from '../render/json.ts';
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
  /** check and xlsx: the report (check also its text and one-report findings) to finish on the main thread. */
  report?: CheckableReport;
  text?: string;
  findings?: Finding[];
  /** render: the report has error-severity findings (reported, never a reason to refuse a data export). */
  hasErrors?: boolean;
  manifest: ManifestLine;
}

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
 * What the main thread keeps of a checked report until every report is read (the cross-year rules
 * pair them): no narrative, and of the structure only the line starts findings' columns are counted by.
 */
function forSeries(report: CheckableReport): CheckableReport {
  const { sections: _s, preamble: _p, structure, ...rest } = report;
  const lineStarts = structure?.lineStarts;
  return { ...rest, sections: {}, preamble: null, ...(lineStarts ? { structure: { lineStarts } } : {}) } as CheckableReport;
}

async function recordOf(report: CheckableReport, text: string | undefined, entry: CorpusEntry, task: CorpusTask): Promise<ItemRecord> {
  if (task.command === 'parse') {
    const manifest = readLine(report, report.notes);
    if (task.output === 'text') return { path: entry.path, chunk: formatSummary(entry.path, report as ExtractedReport), manifest };
    const shown = lean(report, task.lean);
    return { path: entry.path, chunk: task.output === 'json' ? toJson(shown) : `${JSON.stringify(shown)}\n`, manifest };
  }
  const findings = checkReport(report, await loadRules(), task.config);
  if (task.command === 'check') {
    return { path: entry.path, report: forSeries(report), ...(task.keepText ? { text } : {}), findings, manifest: readLine(report, []) };
  }
  const manifest = readLine(report, messagesOf(report, findings));
  const hasErrors = findings.some((f) => f.severity === 'error');
  if (task.format === 'xlsx') return { path: entry.path, report, hasErrors, manifest };
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
