import { dirname, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.ts';
import { expandInput } from '../ingest/read-file.ts';

/** One input file of a corpus: the path as given or found, and the same path relative to its root. */
export interface CorpusEntry {
  path: string;
  /**
   * Relative to the root of the arguments: the deepest folder holding all of them (a folder argument
   * itself, a file argument's own folder), so a single file is named by its name, a single folder's
   * files by their path inside it, and files of several arguments stay apart; always with '/' separators.
   */
  rel: string;
}

export interface CorpusInputs {
  entries: CorpusEntry[];
  /** What named no readable file: a folder without reports, a subfolder or link that could not be opened. */
  failed: { error: InputError; rel: string }[];
  /** Files found in folders that are not of a format ogi reads (listed, not read). */
  skipped: string[];
}

const posix = (p: string) => p.split(sep).join('/');

/** The deepest folder that holds every one of the (absolute) folders. */
function commonFolder(folders: readonly string[]): string {
  if (!folders.length) return process.cwd();
  let common = folders[0]!.split(sep);
  for (const f of folders.slice(1)) {
    const parts = f.split(sep);
    let n = 0;
    while (n < common.length && n < parts.length && common[n] === parts[n]) n++;
    common = common.slice(0, n);
  }
  return common.join(sep) || sep;
}

/** The files of the arguments in order (directories recursively, sorted by path), each with its relative path. */
export async function corpusInputs(inputs: readonly string[]): Promise<CorpusInputs> {
  const out: CorpusInputs = { entries: [], failed: [], skipped: [] };
  const expanded = await Promise.all(inputs.map((input) => expandInput(input)));
  const root = commonFolder(expanded.map((found) => (found.isDirectory ? resolve(found.input) : dirname(resolve(found.input)))));
  for (const found of expanded) {
    const input = found.input;
    const rel = (path: string) => posix(relative(root, resolve(path))) || posix(input);
    for (const path of found.files) out.entries.push({ path, rel: rel(path) });
    for (const error of found.problems) out.failed.push({ error, rel: rel(error.file ?? input) });
    out.skipped.push(...found.skipped.map(rel));
  }
  return out;
}
