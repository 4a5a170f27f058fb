import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import type { ExtractedReport } from '../extract/report.ts';
import { readAuthoringReport } from '../ingest/authoring.ts';
import { isAuthoringJson } from '../ingest/authoring-fields.ts';
import { problemsError } from '../ingest/authoring-problems.ts';
import { jsonProblem } from '../ingest/authoring-syntax.ts';
import { checkContract, contractMessage } from '../schema/contract.ts';
import type { Report } from '../schema/types.ts';
import { parseInputs } from './parse-files.ts';

export interface Loaded {
  path: string;
  report?: Report | ExtractedReport;
  /** The decoded text the provenance points into (documents only). */
  text?: string;
  error?: InputError;
}

/** A report given as contract JSON, validated against the contract (`ogi schema`); `structure` is passed through. */
function asReport(v: unknown, path: string, at: string): Report {
  const r = checkContract(v);
  if (!r.ok) throw new InputError('usage', contractMessage(`${path}${at}`, r.problems), path);
  return r.report;
}

/** Reports from contract JSON, authoring files (YAML, or JSON with their Chinese keys), or any report document ogi reads. */
export async function loadReports(inputs: readonly string[]): Promise<Loaded[]> {
  const out: Loaded[] = [];
  const documents: string[] = [];
  for (const path of inputs) {
    const ext = extname(path).toLowerCase();
    if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
      documents.push(path);
      continue;
    }
    try {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        throw new InputError('missing', `${path}：文件不存在或无法读取`, path);
      }
      if (ext === '.json') {
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (err) {
          throw problemsError(path, [jsonProblem(text, err as Error)]);
        }
        if (isAuthoringJson(data)) {
          out.push({ path, report: readAuthoringReport(text, path) });
          continue;
        }
        const list = Array.isArray(data) ? data : [data];
        list.forEach((item, i) => {
          try {
            out.push({ path, report: asReport(item, path, Array.isArray(data) ? ` 第 ${i + 1} 项` : '') });
          } catch (err) {
            if (err instanceof InputError) out.push({ path, error: err });
            else throw err;
          }
        });
      } else {
        out.push({ path, report: readAuthoringReport(text, path) });
      }
    } catch (err) {
      if (err instanceof InputError) out.push({ path, error: err });
      else throw err;
    }
  }
  if (documents.length) out.push(...(await parseInputs(documents)));
  return out;
}
