import { dirname, relative, sep } from 'node:path';
import { InputError } from '../errors.ts';
import { expandInputs } from '../ingest/read-file.ts';

/** One input file of a corpus: the path as given or found, and the same path relative to its root. */
export interface CorpusEntry {
  path: string;
  /**
   * Relative to the root the user gave: the directory argument it was found in, or, for a file
   * given by name, its own directory (so just its name); always with '/' separators.
   */
  rel: string;
}

export interface CorpusInputs {
  entries: CorpusEntry[];
  /** Arguments that named no readable file (a directory without reports). */
  failed: InputError[];
}

const posix = (p: string) => p.split(sep).join('/');

/** The files of the arguments in order (directories recursively, sorted by path), each with its relative path. */
export async function corpusInputs(inputs: readonly string[]): Promise<CorpusInputs> {
  const entries: CorpusEntry[] = [];
  const failed: InputError[] = [];
  for (const input of inputs) {
    let paths: string[];
    try {
      paths = await expandInputs([input]);
    } catch (err) {
      if (err instanceof InputError) {
        failed.push(err);
        continue;
      }
      throw err;
    }
    const isDirectory = paths.length !== 1 || paths[0] !== input;
    const root = isDirectory ? input : dirname(input);
    for (const path of paths) entries.push({ path, rel: posix(relative(root, path)) });
  }
  return { entries, failed };
}
