import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../../src/extract/report.ts';
import { readSource } from '../../src/ingest/read-file.ts';
import { cellList, readerOf } from '../../src/schema/cells.ts';
import type { TableTemplate } from '../../src/schema/templates.ts';
import type { Report, Tables } from '../../src/schema/types.ts';
import { LAYOUTS, reportText } from './layouts.ts';

/**
 * The accuracy harness: every fixture layout and converter output read back and compared,
 * cell by cell, with what the document holds. A cell is exact when ogi gives the printed
 * value (a blank as null); wrong when ogi gives a number that is not the printed one.
 */
const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CONVERTED = join(FIXTURES, 'converted');
const FORMATS = join(FIXTURES, 'formats');
const WRAPPED = join(FIXTURES, 'wrapped');

export type Expected = Pick<Report, 'agency' | 'year' | 'template' | 'tables'>;

export interface CaseResult {
  file: string;
  layoutClass: string;
  expected: number;
  exact: number;
  /** Cells read as a number other than the printed one. */
  wrong: string[];
  /** Cells left blank although the document prints a value. */
  abstained: string[];
  /** Set when the file could not be read at all. */
  error?: string;
}

export function compareTables(template: TableTemplate, expected: Tables, got: Tables): Omit<CaseResult, 'file' | 'layoutClass'> {
  let exact = 0;
  const wrong: string[] = [];
  const abstained: string[] = [];
  const cells = cellList(template);
  for (const def of cells) {
    const read = readerOf(def);
    const want = read(expected);
    const have = read(got);
    if (want === have) exact++;
    else if (have === null) abstained.push(def.path);
    else wrong.push(`${def.path}: ${have} ≠ ${want ?? '空白'}`);
  }
  return { expected: cells.length, exact, wrong, abstained };
}

const expectedOf = (dir: string, source: string): Expected =>
  JSON.parse(readFileSync(join(dir, `${source}.expected.json`), 'utf8')) as Expected;

async function readCase(file: string, layoutClass: string, expected: Expected): Promise<CaseResult> {
  try {
    const source = await readSource(file);
    const report = extractReport(source.text, { name: source.name, format: source.format });
    return { file, layoutClass, ...compareTables(expected.template as TableTemplate, expected.tables, report.tables) };
  } catch (err) {
    const cells = cellList(expected.template as TableTemplate).length;
    return { file, layoutClass, expected: cells, exact: 0, wrong: [], abstained: [], error: (err as Error).message };
  }
}

function readText(text: string, name: string, layoutClass: string, expected: Expected): CaseResult {
  try {
    const report = extractReport(text, { name, format: 'txt' });
    return { file: name, layoutClass, ...compareTables(expected.template as TableTemplate, expected.tables, report.tables) };
  } catch (err) {
    return { file: name, layoutClass, expected: cellList(expected.template as TableTemplate).length, exact: 0, wrong: [], abstained: [], error: (err as Error).message };
  }
}

/** Format fixtures that need no OCR, by class. */
const FORMAT_CLASSES: [suffix: string, layoutClass: string][] = [
  ['txt', '文本（制表符）'], ['html', 'HTML（ogi）'], ['gov.html', 'HTML（政府网站，GBK）'], ['lo.docx', 'Word（LibreOffice）'],
  ['lo.doc', 'Word 97（LibreOffice）'], ['lo.pdf', 'PDF（LibreOffice）'], ['chromium.pdf', 'PDF（Chromium）'],
];
const OCR_CLASSES: [string, string][] = [['png', '图片（OCR）'], ['scan.pdf', '扫描 PDF（OCR）']];

/** Every case of the harness; OCR cases (slow) only when asked. */
export async function runAccuracy(options: { ocr?: boolean } = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const name of ['v2019', 'v2021']) {
    const expected = expectedOf(FORMATS, name);
    for (const [suffix, layoutClass] of [...FORMAT_CLASSES, ...(options.ocr ? OCR_CLASSES : [])]) {
      results.push(await readCase(join(FORMATS, `${name}.${suffix}`), layoutClass, expected));
    }
  }
  const sources = readdirSync(CONVERTED).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', '')).sort();
  for (const source of sources) {
    const expected = expectedOf(CONVERTED, source);
    for (const layout of LAYOUTS) {
      const text = reportText({ year: expected.year!, template: expected.template as TableTemplate, tables: expected.tables, layout, agency: expected.agency ?? undefined });
      results.push(readText(text, `${source}.${layout}`, `版式：${layout}`, expected));
    }
  }
  for (const file of readdirSync(CONVERTED).filter((f) => !f.endsWith('.json')).sort()) {
    const source = file.slice(0, file.indexOf('.'));
    const converter = file.split('.').slice(-2, -1)[0]!;
    results.push(await readCase(join(CONVERTED, file), `转换：${converter}`, expectedOf(CONVERTED, source)));
  }
  // Real reports whose narrow cells wrapped their numbers, as the converters gave them (r003.lo-pdftotext-layout.txt).
  for (const file of readdirSync(WRAPPED).filter((f) => !f.endsWith('.json')).sort()) {
    const source = file.slice(0, file.indexOf('.'));
    const converter = file.slice(file.indexOf('.') + 1, file.lastIndexOf('.'));
    results.push(await readCase(join(WRAPPED, file), `折行（真实报告）：${converter}`, expectedOf(WRAPPED, source)));
  }
  return results;
}

export interface ClassSummary {
  layoutClass: string;
  files: number;
  expected: number;
  exact: number;
  wrong: number;
}

export function summarize(results: readonly CaseResult[]): ClassSummary[] {
  const by = new Map<string, ClassSummary>();
  for (const r of results) {
    const s = by.get(r.layoutClass) ?? { layoutClass: r.layoutClass, files: 0, expected: 0, exact: 0, wrong: 0 };
    s.files++;
    s.expected += r.expected;
    s.exact += r.exact;
    s.wrong += r.wrong.length;
    by.set(r.layoutClass, s);
  }
  return [...by.values()];
}

export const percent = (s: Pick<ClassSummary, 'exact' | 'expected'>) => (s.expected ? (100 * s.exact) / s.expected : 100);
