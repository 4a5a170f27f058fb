import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { checkReports, loadRules } from '../../src/check/engine.ts';
import type { Finding } from '../../src/check/types.ts';
import { extractSource } from '../../src/extract/index.ts';
import { readSource } from '../../src/ingest/read-file.ts';
import type { TableTemplate } from '../../src/schema/templates.ts';
import type { Cell, Tables } from '../../src/schema/types.ts';
import { reportText, type Layout } from '../helpers/layouts.ts';
import { zeroTables } from '../helpers/report-builder.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SAMPLE = (name: string) => readFileSync(join(ROOT, 'samples', name));
export const S000 = '000_6c4583cee035bde5.txt';

const row = (first: number, total = first): Cell[] => [first, 0, 0, 0, 0, 0, total];

/**
 * 2021-format tables that satisfy every identity: 5 new + 1 carried over =
 * 3 granted + 1 partly granted (4 results) + 2 carried forward; one review,
 * its result corrected, one pending; one direct lawsuit upheld:
 * 纠错率 = 1 ÷ ((3 − 1) + (1 − 0)) = 1/3; 公开率 = (3 + 1) ÷ 4 = 1.
 */
export function tables2021(): Tables {
  const t = zeroTables('2021');
  const requests = t.requests as Record<string, Cell[]>;
  requests.newReceived = row(5);
  requests.carriedOver = row(1);
  requests.granted = row(3);
  requests.partlyGranted = row(1);
  requests.resultTotal = row(4);
  requests.carriedForward = row(2);
  t.review.review = [1, 1, 0, 1, 3];
  t.review.litigationDirect = [1, 0, 0, 0, 1];
  return t;
}

export interface Synthetic {
  agency: string;
  year: number;
  template?: TableTemplate;
  tables?: Tables;
  layout?: Layout;
  /** Replaces the one-sentence overview. */
  overview?: string;
}

/** The text of a consistent report, as an agency would publish it. */
export function synthetic(s: Synthetic): string {
  const template = s.template ?? (s.year >= 2021 ? '2021' : '2019');
  let text = reportText({ agency: s.agency, year: s.year, template, tables: s.tables ?? zeroTables(template), layout: s.layout ?? 'tabs' });
  if (s.overview) text = text.replace(`${s.year}年，${s.agency}认真贯彻落实《中华人民共和国政府信息公开条例》。`, s.overview);
  return text;
}

export async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** multipart/form-data with the files under `files` (and any other fields). */
export function form(files: Record<string, string | Buffer>, fields: Record<string, string> = {}, field = 'files'): FormData {
  const fd = new FormData();
  for (const [name, content] of Object.entries(files)) fd.append(field, new File([typeof content === 'string' ? content : new Uint8Array(content)], name));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/**
 * The findings the check engine gives for each sample, checked together as the
 * preload imports them: what the stored counts and findings must equal (the
 * rules themselves are tested in test/rules).
 */
export async function sampleFindings(): Promise<Map<string, Finding[]>> {
  const names = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt')).sort();
  const reports = await Promise.all(names.map(async (n) => extractSource(await readSource(join(ROOT, 'samples', n)))));
  const findings = checkReports(reports, await loadRules());
  return new Map(names.map((n, i) => [n, findings[i]!]));
}

export function counts(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}
