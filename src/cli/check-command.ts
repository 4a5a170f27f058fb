import { addSeriesFindings, loadRules } from '../check/engine.ts';
import { messagesOf } from '../check/messages.ts';
import { RULES_VERSION } from '../check/pipeline.ts';
import { unpairedNotice } from '../check/series.ts';
import type { CheckConfig, Finding, Severity } from '../check/types.ts';
import { toJson } from '../render/json.ts';
import { atLeast, formatFindings } from './check-output.ts';
import { finishCorpus, runCorpusTask, type CorpusOptions } from './corpus.ts';
import type { ItemRecord } from './corpus-item.ts';
import { countBySeverity } from './manifest.ts';
import { openSink } from './sink.ts';

export interface CheckOptions extends CorpusOptions {
  json?: boolean;
  ndjson?: boolean;
  minSeverity?: string;
  series?: boolean;
}

const SEVERITIES = ['info', 'warning', 'error'];

/**
 * `ogi check`: each report is read and checked on a worker thread; the cross-year rules need every
 * report, so the results are written, in input order, once all are read.
 */
export async function runCheck(files: string[], opts: CheckOptions, config: CheckConfig): Promise<number> {
  const min = (opts.minSeverity ?? 'info') as Severity;
  if (!SEVERITIES.includes(min)) {
    process.stderr.write(`错误：--min-severity 应为 info、warning 或 error，收到“${opts.minSeverity}”\n`);
    return 2;
  }
  const ok: ItemRecord[] = [];
  const run = await runCorpusTask(files, { command: 'check', config, keepText: !opts.json && !opts.ndjson }, opts, async (result) => {
    ok.push(...result.records);
  }, true);
  if (!run) return 2;
  const reports = ok.map((r) => r.report!);
  const series = { series: opts.series === true };
  const all: Finding[][] = addSeriesFindings(reports, ok.map((r) => r.findings!), await loadRules(), config, series);
  const findings = all.map((list) => list.filter(atLeast(min)));
  // One list per report: the findings, and the extractor's notes no finding reports;
  // and, when reports given together formed no series, a notice that no cross-year check ran.
  const everything = ok.map((r, i) => messagesOf(r.report!, all[i]!));
  const messages = everything.map((list) => list.filter(atLeast(min)));
  const unpaired = unpairedNotice(reports, series);
  if (unpaired) {
    everything[unpaired.index]!.push(unpaired.message);
    if (atLeast(min)(unpaired.message)) messages[unpaired.index]!.push(unpaired.message);
  }
  for (const [i, r] of ok.entries()) await run.manifest.add({ ...r.manifest, findings: countBySeverity(everything[i]!) });

  const sink = openSink();
  if (opts.json || opts.ndjson) {
    const out = ok.map((r, i) => ({
      file: r.path,
      input: r.report!.input,
      report: { agency: r.report!.agency, year: r.report!.year, template: r.report!.template },
      versions: { extractor: r.report!.producedBy?.extractor ?? null, rules: RULES_VERSION },
      findings: findings[i],
      messages: messages[i],
    }));
    if (opts.ndjson) for (const o of out) await sink.write(`${JSON.stringify(o)}\n`);
    else await sink.write(`${toJson(out)}\n`);
  } else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const blocks = ok.map((r, i) => formatFindings(r.path, r.report!, r.text, messages[i]!, color));
    if (blocks.length) await sink.write(`${blocks.join('\n\n')}\n`);
  }
  await sink.end();
  await finishCorpus(run, opts);
  if (run.failures) return 2;
  return findings.some((list) => list.some((f) => f.severity === 'error')) ? 1 : 0;
}
