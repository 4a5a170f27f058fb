import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { checkReports, loadRules } from '../../src/check/engine.ts';
import { extractReport, type ExtractedReport } from '../../src/extract/report.ts';
import { renderDocx } from '../../src/render/docx.ts';
import { renderHtml } from '../../src/render/html.ts';

/**
 * The golden files that ogi writes itself (the findings on the samples, rendered
 * HTML and DOCX), and the functions that produce them. The tests only compare
 * with these files; `npm run golden:update` (scripts/update-golden.mts) rewrites
 * them with the same functions, so test and script cannot drift apart.
 * (The golden data of the samples, test/golden/*.json, was checked cell by cell
 * by hand and is not produced here.)
 */

export const GOLDEN_DIR = new URL('../golden/', import.meta.url).pathname;
const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

/** How to regenerate, printed with every mismatch. */
export const UPDATE_HINT =
  'If the change is intended, run `npm run golden:update` and review `git diff test/golden/` line by line before committing.';

/** Sample 000 as `ogi parse` reads it. */
export function sample000(): ExtractedReport {
  const name = '000_6c4583cee035bde5.txt';
  return extractReport(readFileSync(join(SAMPLES, name), 'utf8'), { name, format: 'txt', encoding: 'utf-8' });
}

/**
 * The findings on the five samples, one per line under the sample's name. Each line was reviewed
 * against the document (see the closing note of issue 3): a change here is a change of what ogi tells
 * a reviewer, so it must be looked at line by line again.
 */
export async function sampleFindings(): Promise<string> {
  const names = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
  const reports = names.map((n) => extractReport(readFileSync(join(SAMPLES, n), 'utf8'), { name: n, format: 'txt' }));
  const findings = checkReports(reports, await loadRules());
  const lines = names.flatMap((n, i) => [
    `# ${n}`,
    ...findings[i]!.map((f) => `${f.severity}\t${f.rule}\t${f.span ? `L${f.span.line}` : '-'}\t${f.message}`),
  ]);
  return `${lines.join('\n')}\n`;
}

/** document.xml one element per line, without attributes that change between runs. */
export function stableXml(xml: string): string {
  return `${xml.replace(/\s(?:w:rsid\w*|w14:paraId|w14:textId|w:date)="[^"]*"/g, '').replace(/></g, '>\n<')}\n`;
}

/** The HTML rendering of sample 000. */
export async function sample000Html(): Promise<string> {
  return renderHtml(sample000());
}

/** word/document.xml of the DOCX rendering of sample 000. */
export async function sample000DocumentXml(): Promise<string> {
  const zip = await JSZip.loadAsync(await renderDocx(sample000()));
  return stableXml(await zip.file('word/document.xml')!.async('string'));
}

/** Every produced golden file, by its path under test/golden/. */
export const GOLDEN_FILES: readonly { file: string; produce: () => Promise<string> }[] = [
  { file: 'sample-findings.txt', produce: sampleFindings },
  { file: 'render/000.html', produce: sample000Html },
  { file: 'render/000.document.xml', produce: sample000DocumentXml },
];

/** Produces the golden file `file` (a path under test/golden/, one of GOLDEN_FILES). */
export async function produceGolden(file: string): Promise<string> {
  const entry = GOLDEN_FILES.find((g) => g.file === file);
  if (!entry) throw new Error(`${file} is not a produced golden file (test/helpers/golden.ts GOLDEN_FILES)`);
  return entry.produce();
}

/** Compares `actual` with test/golden/<file>; never writes it. On a mismatch the message says how to regenerate. */
export function assertGolden(file: string, actual: string): void {
  const path = join(GOLDEN_DIR, file);
  assert.ok(existsSync(path), `test/golden/${file} is missing. ${UPDATE_HINT}`);
  try {
    assert.equal(actual, readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof assert.AssertionError) e.message = `test/golden/${file} differs from what ogi produces now. ${UPDATE_HINT}\n${e.message}`;
    throw e;
  }
}
