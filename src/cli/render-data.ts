import type { CheckConfig } from '../check/types.ts';
import { flatCsvHead } from '../render/flat.ts';
import { finishCorpus, runCorpusTask, type CorpusOptions } from './corpus.ts';
import { JsonArrayStream } from './json-stream.ts';
import { openSink } from './sink.ts';
import { WorkbookFile } from './workbook-file.ts';

export interface RenderDataOptions extends CorpusOptions {
  output?: string;
  lean?: boolean;
}

/**
 * `ogi render --to csv|json|xlsx` over a corpus: data exports never refuse on findings (only
 * official documents do). CSV rows and JSON records are written as each report is read, in input
 * order; the workbook's sheets of each report too, its data sheets at the end.
 */
export async function runRenderData(inputs: string[], format: 'csv' | 'json' | 'xlsx', opts: RenderDataOptions, config: CheckConfig): Promise<number> {
  const workbook = format === 'xlsx' ? new WorkbookFile(opts.output) : null;
  const sink = workbook ? null : openSink(opts.output);
  const array = new JsonArrayStream(sink!);
  if (format === 'csv') await sink!.write(flatCsvHead());
  let withErrors = 0;
  const task = { command: 'render' as const, format, config, lean: opts.lean === true };
  const run = await runCorpusTask(inputs, task, opts, async (result) => {
    for (const r of result.records) {
      if (r.hasErrors) withErrors++;
      if (format === 'csv') await sink!.write(r.chunk!);
      else if (format === 'json') await array.add(r.chunk as string);
      else await workbook!.add(r.report!);
    }
  });
  if (!run) {
    workbook?.discard();
    return 2;
  }
  if (format === 'json') await array.end(true, '[]\n');
  else if (format === 'csv') await sink!.end();
  const written = workbook ? await workbook.end() : opts.output;
  if (written) process.stderr.write(`已生成 ${written}\n`);
  if (withErrors) process.stderr.write(`注意：${withErrors} 份报告核查发现“错误”级问题，数据照常导出（问题明细见 ogi check 或 --manifest）\n`);
  await finishCorpus(run, opts);
  return run.failures ? 2 : 0;
}
