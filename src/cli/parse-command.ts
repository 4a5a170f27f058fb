import { finishCorpus, runCorpusTask, type CorpusOptions } from './corpus.ts';
import { JsonArrayStream } from './json-stream.ts';
import { openSink } from './sink.ts';

export interface ParseOptions extends CorpusOptions {
  json?: boolean;
  ndjson?: boolean;
  lean?: boolean;
}

const SEPARATOR = `\n\n${'─'.repeat(40)}\n\n`;

/** `ogi parse`: each report as it is read, in input order (summaries, a JSON array, or one JSON object per line). */
export async function runParse(files: string[], opts: ParseOptions): Promise<number> {
  const output = opts.ndjson ? 'ndjson' : opts.json ? 'json' : 'text';
  const sink = openSink();
  const array = new JsonArrayStream(sink);
  let printed = 0;
  const run = await runCorpusTask(files, { command: 'parse', output, lean: opts.lean === true }, opts, async (result) => {
    for (const r of result.records) {
      if (output === 'json') await array.add(r.chunk as string);
      else {
        if (output === 'text' && printed > 0) await sink.write(SEPARATOR);
        await sink.write(r.chunk!);
      }
      printed++;
    }
  });
  if (!run) return 2;
  // One file that is one report prints that report's object; anything else an array.
  if (output === 'json') await array.end(files.length === 1 && run.manifest.total === 1, '');
  else if (output === 'text' && printed) await sink.write('\n');
  await finishCorpus(run, opts);
  return run.failures ? 2 : 0;
}
