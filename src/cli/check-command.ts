import { loadRules, seriesFindings, sortFindings } from '../check/engine.ts';
import { messagesOf } from '../check/messages.ts';
import { RULES_VERSION } from '../check/pipeline.ts';
import { seriesPairs, unpairedNotice } from '../check/series.ts';
import type { CheckableReport, CheckConfig, Finding, Severity } from '../check/types.ts';
import type { Message } from '../schema/message.ts';
import { jsonLine, toJson } from '../render/json.ts';
import { atLeast, formatFindings } from './check-output.ts';
import { finishCorpus, runCorpusTask, type CorpusOptions } from './corpus.ts';
import type { CheckedReport, SeriesPart } from './corpus-item.ts';
import { JsonArrayStream } from './json-stream.ts';
import { countBySeverity } from './manifest.ts';
import { openSink } from './sink.ts';
import { Spill, type Spilled } from './spill.ts';

export interface CheckOptions extends CorpusOptions {
  json?: boolean;
  ndjson?: boolean;
  minSeverity?: string;
  series?: boolean;
}

const SEVERITIES = ['info', 'warning', 'error'];

/** What stays in memory of each checked report until the series are known: a few fields and its place in the spill. */
interface Kept extends Pick<CheckableReport, 'agency' | 'year'> {
  path: string;
  /** The `CheckedReport` with the report's manifest line, and the `SeriesPart`. */
  at: Spilled;
  cellsAt: Spilled;
}

/**
 * `ogi check`: each report is read and checked on a worker thread and put aside in a spill file;
 * once all are read the cross-year rules pair them, and the results are written in input order.
 * Memory holds only a few fields per report, however large the corpus.
 */
export async function runCheck(files: string[], opts: CheckOptions, config: CheckConfig): Promise<number> {
  const min = (opts.minSeverity ?? 'info') as Severity;
  if (!SEVERITIES.includes(min)) {
    process.stderr.write(`错误：--min-severity 应为 info、warning 或 error，收到“${opts.minSeverity}”\n`);
    return 2;
  }
  const spill = new Spill();
  try {
    const kept: Kept[] = [];
    const task = { command: 'check' as const, config, keepText: !opts.json && !opts.ndjson };
    const run = await runCorpusTask(files, task, opts, async (result) => {
      for (const r of result.records) {
        kept.push({ path: r.path, ...r.series!, at: spill.add(r.chunk!), cellsAt: spill.add(r.seriesChunk!) });
      }
    }, true);
    if (!run) return 2;

    const series = { series: opts.series === true };
    const keys = kept as unknown as CheckableReport[];
    const previousOf = new Map<number, number[]>();
    for (const [p, c] of seriesPairs(keys, series)) {
      const list = previousOf.get(c);
      if (list) list.push(p);
      else previousOf.set(c, [p]);
    }
    const unpaired = unpairedNotice(keys, series);
    const rules = await loadRules();

    const sink = openSink();
    const array = new JsonArrayStream(sink);
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    let anyError = false;
    for (const [i, k] of kept.entries()) {
      const checked = spill.read<CheckedReport>(k.at);
      const { report } = checked;
      let all: Finding[] = checked.findings;
      const previous = previousOf.get(i);
      if (previous) {
        const whole = (at: Kept, head: CheckableReport) => ({ ...head, ...spill.read<SeriesPart>(at.cellsAt) }) as CheckableReport;
        const current = whole(k, report);
        for (const p of previous) {
          const before = whole(kept[p]!, spill.read<CheckedReport>(kept[p]!.at).report);
          all = [...all, ...seriesFindings(before, current, rules, config)];
        }
        all = sortFindings(all);
      }
      // The findings, and the extractor's notes no finding reports; and, when reports given together
      // formed no series, a notice that no cross-year check ran.
      const everything: Message[] = messagesOf(report, all);
      if (unpaired?.index === i) everything.push(unpaired.message);
      const findings = all.filter(atLeast(min));
      const messages = everything.filter(atLeast(min));
      anyError ||= findings.some((f) => f.severity === 'error');
      await run.manifest.add({ ...checked.manifest, findings: countBySeverity(everything) });
      if (opts.json || opts.ndjson) {
        const out = {
          file: k.path,
          input: report.input,
          report: { agency: report.agency, year: report.year, template: report.template },
          versions: { extractor: report.producedBy?.extractor ?? null, rules: RULES_VERSION },
          findings,
          messages,
        };
        if (opts.ndjson) await sink.write(jsonLine(out));
        else await array.add(toJson(out));
      } else {
        await sink.write(`${i > 0 ? '\n\n' : ''}${formatFindings(k.path, report, checked.text, messages, color)}`);
      }
    }
    if (opts.json && !opts.ndjson) await array.end(false, `${toJson([])}\n`);
    else {
      if (!opts.ndjson && kept.length) await sink.write('\n');
      await sink.end();
    }
    await finishCorpus(run, opts);
    if (run.failures) return 2;
    return anyError ? 1 : 0;
  } finally {
    spill.close();
  }
}
