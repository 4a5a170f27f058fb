import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import type { ExtractedReport } from '../extract/report.ts';
import { readAuthoring } from '../render/authoring.ts';
import { TEMPLATES } from '../schema/templates.ts';
import type { Report } from '../schema/types.ts';
import { parseInputs } from './parse-files.ts';

export interface Loaded {
  path: string;
  report?: Report | ExtractedReport;
  /** The decoded text the provenance points into (documents only). */
  text?: string;
  error?: InputError;
}

function asReport(v: unknown, path: string, at: string): Report {
  const o = v as Partial<Report> | null;
  if (!o || typeof o !== 'object' || !TEMPLATES.includes(o.template as never) || typeof o.tables !== 'object' || o.tables === null) {
    throw new InputError('usage', `${path}${at}：不是 ogi 报告数据（需要 template 和 tables 字段，见 ogi schema）`, path);
  }
  const t = o.tables as Partial<Report['tables']>;
  return {
    agency: o.agency ?? null, year: o.year ?? null, template: o.template!, signedOn: o.signedOn ?? null,
    publishedOn: o.publishedOn ?? null, issuerType: o.issuerType ?? 'other',
    sections: { overview: null, active: null, requests: null, review: null, problems: null, other: null, ...(o.sections ?? {}) },
    tables: { active: t.active ?? {}, requests: t.requests ?? {}, review: t.review ?? {} },
    source: o.source ?? { name: path, format: 'json' }, preamble: o.preamble ?? null, provenance: o.provenance ?? {}, notes: o.notes ?? [],
  };
}

/** Reports from contract JSON, authoring YAML, or any report document ogi reads. */
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
          throw new InputError('usage', `${path}：JSON 格式有误（${(err as Error).message}）`, path);
        }
        const list = Array.isArray(data) ? data : [data];
        list.forEach((item, i) => out.push({ path, report: asReport(item, path, Array.isArray(data) ? `第 ${i + 1} 项` : '') }));
      } else {
        out.push({ path, report: readAuthoring(text, path) });
      }
    } catch (err) {
      if (err instanceof InputError) out.push({ path, error: err });
      else throw err;
    }
  }
  if (documents.length) out.push(...(await parseInputs(documents)));
  return out;
}
