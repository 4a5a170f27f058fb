import { InputError } from '../errors.ts';
import { extractSource, type ExtractedReport } from '../extract/index.ts';
import { expandInput, readBytes, sourceOf } from '../ingest/read-file.ts';

export interface Parsed {
  path: string;
  report?: ExtractedReport;
  /** The decoded text the provenance offsets point into. */
  text?: string;
  error?: InputError;
}

/** An unexpected failure of a reader as the InputError of its file (a bad file never crashes a command). */
export function asInputError(err: unknown, path: string): InputError {
  if (err instanceof InputError) return err;
  return new InputError('damaged', `${path}：读取时出错（${(err as Error).message}）`, path);
}

/** Parses one document from its bytes; a bad file gives an error entry, never an exception. */
export async function parseBytes(path: string, bytes: Buffer): Promise<Parsed> {
  try {
    const source = await sourceOf(path, bytes);
    return { path, report: extractSource(source), text: source.text };
  } catch (err) {
    return { path, error: asInputError(err, path) };
  }
}

/** Reads and parses every input; a bad file gives an error entry, never an exception. */
export async function parseInputs(inputs: readonly string[]): Promise<Parsed[]> {
  const results: Parsed[] = [];
  const paths: string[] = [];
  for (const input of inputs) {
    const found = await expandInput(input);
    paths.push(...found.files);
    for (const error of found.problems) results.push({ path: error.file ?? input, error });
  }
  for (const path of paths) {
    try {
      results.push(await parseBytes(path, await readBytes(path)));
    } catch (err) {
      results.push({ path, error: asInputError(err, path) });
    }
  }
  return results;
}
