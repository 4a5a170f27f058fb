import { InputError } from '../errors.ts';
import { extractSource, type ExtractedReport } from '../extract/index.ts';
import { expandInputs, readSource } from '../ingest/read-file.ts';

export interface Parsed {
  path: string;
  report?: ExtractedReport;
  error?: InputError;
}

/** Reads and parses every input; a bad file gives an error entry, never an exception. */
export async function parseInputs(inputs: readonly string[]): Promise<Parsed[]> {
  const results: Parsed[] = [];
  let paths: string[];
  try {
    paths = await expandInputs(inputs);
  } catch (err) {
    if (err instanceof InputError) return [{ path: err.file ?? '', error: err }];
    throw err;
  }
  for (const path of paths) {
    try {
      const source = await readSource(path);
      results.push({ path, report: extractSource(source) });
    } catch (err) {
      if (err instanceof InputError) results.push({ path, error: err });
      else results.push({ path, error: new InputError('damaged', `${path}：读取时出错（${(err as Error).message}）`, path) });
    }
  }
  return results;
}
