import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import type { ExtractedReport } from '../extract/report.ts';
import type { Report } from '../schema/types.ts';
import { readBytes } from '../ingest/read-file.ts';
import { asInputError, parseBytes } from './parse-files.ts';

export interface Loaded {
  path: string;
  report?: Report | ExtractedReport;
  /** The decoded text the provenance points into (documents only). */
  text?: string;
  error?: InputError;
  /** The report's place (from 1) in a JSON array of reports. */
  item?: number;
}

/** The reports in one input file (contract JSON may hold several); bad content gives error entries, never an exception. */
export async function loadFile(path: string, bytes: Buffer): Promise<Loaded[]> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') return [await parseBytes(path, bytes)];
  // Loaded only when such a file comes (the contract's schemas and the YAML parser): a corpus of documents starts faster.
  const [{ readAuthoringReport }, { isAuthoringJson }, { problemsError }, { jsonProblem }, { checkContract, contractMessage }] = await Promise.all([
    import('../ingest/authoring.ts'), import('../ingest/authoring-fields.ts'), import('../ingest/authoring-problems.ts'), import('../ingest/authoring-syntax.ts'), import('../schema/contract.ts'),
  ]);
  /** A report given as contract JSON, validated against the contract (`ogi schema`); `structure` is passed through. */
  const asReport = (v: unknown, at: string): Report => {
    const r = checkContract(v);
    if (!r.ok) throw new InputError('usage', contractMessage(`${path}${at}`, r.problems), path);
    return r.report;
  };
  const out: Loaded[] = [];
  try {
    const text = bytes.toString('utf8');
    if (ext === '.json') {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw problemsError(path, [jsonProblem(text, err as Error)]);
      }
      if (isAuthoringJson(data)) return [{ path, report: readAuthoringReport(text, path) }];
      const list = Array.isArray(data) ? data : [data];
      list.forEach((item, i) => {
        try {
          out.push({ path, report: asReport(item, Array.isArray(data) ? ` 第 ${i + 1} 项` : ''), ...(Array.isArray(data) ? { item: i + 1 } : {}) });
        } catch (err) {
          if (err instanceof InputError) out.push({ path, error: err, ...(Array.isArray(data) ? { item: i + 1 } : {}) });
          else throw err;
        }
      });
    } else {
      out.push({ path, report: readAuthoringReport(text, path) });
    }
  } catch (err) {
    out.push({ path, error: asInputError(err, path) });
  }
  return out;
}

/** Reports from contract JSON, authoring files (YAML, or JSON with their Chinese keys), or any report document ogi reads. */
export async function loadReports(inputs: readonly string[]): Promise<Loaded[]> {
  const out: Loaded[] = [];
  for (const path of inputs) {
    let bytes: Buffer;
    try {
      bytes = await readBytes(path);
    } catch (err) {
      out.push({ path, error: asInputError(err, path) });
      continue;
    }
    out.push(...(await loadFile(path, bytes)));
  }
  return out;
}
