import { InputError } from '../errors.ts';
import { extractSource, type ExtractedReport } from '../extract/index.ts';
import { expandInputs, readSource } from '../ingest/read-file.ts';

export interface Parsed {
  path: string;
  report?: ExtractedReport;
  /** The decoded text the provenance offsets point into. */
  text?: string;
  error?: InputError;
}

/** Reads and parses every input; a bad file gives an error entry, never an exception. */
export async function parseInputs(inputs: readonly string[]): Promise<Parsed[]> {
  const results: Parsed[] = [];
  const paths: string[] = [];
  for (const input of inputs) {
    try {
      paths.push(...(await expandInputs([input])));
    } catch (err) {
      if (err instanceof InputError) results.push({ path: err.file ?? input, error: err });
      else throw err;
    }
  }
  for (const path of paths) {
    try {
      const source = await readSource(path);
      results.push({ path, report: extractSource(source), text: source.text });
    } catch (err) {
      if (err instanceof InputError) results.push({ path, error: err });
      else results.push({ path, error: new InputError('damaged', `${path}：读取时出错（${(err as Error).message}）`, path) });
    }
  }
  return results;
}
