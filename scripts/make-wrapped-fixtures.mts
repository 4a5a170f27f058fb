/**
 * Regenerates test/fixtures/wrapped-generated/: reports whose table 三 prints large numbers (five and six
 * digits) with blank cells, rendered by ogi, printed to PDF by LibreOffice (from ogi's Word file) and by
 * Chromium (ogi's PDF), and taken out with poppler `pdftotext -layout`, as a clerk's published PDF reaches a
 * researcher. Narrow cells wrap the numbers over two or three lines. Seeds 1…16; odd seeds use the 2019
 * format, even ones 2021; three in ten of the zeros are printed blank.
 * Needs Debian libreoffice-writer-nogui, chromium and poppler-utils:
 *   node --import tsx scripts/make-wrapped-fixtures.mts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractReport } from '../src/extract/report.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderPdf } from '../src/render/pdf.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { tablesWithBlanks } from '../test/helpers/vanished-blanks.ts';

const root = new URL('../', import.meta.url).pathname;
const out = join(root, 'test/fixtures/wrapped-generated');
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'ogi-wrapped-'));
const samples = readdirSync(join(root, 'samples')).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const bases = samples.map((f) => extractReport(readFileSync(join(root, 'samples', f), 'utf8'), { name: f, format: 'txt' }));
const FACTORS = [12345, 997, 4099, 30011];
for (let seed = 1; seed <= 16; seed++) {
  const template: TableTemplate = seed % 2 ? '2019' : '2021';
  const tables = tablesWithBlanks(template, seed, 0.3);
  // Every count of table 三 times one factor: its identities still hold, and the numbers are wide.
  const k = FACTORS[seed % FACTORS.length]!;
  for (const [key, row] of Object.entries(tables.requests)) (tables.requests as Record<string, (number | null)[]>)[key] = row!.map((v) => (v === null ? null : v * k));
  const report = { ...bases.find((r) => r.template === template)!, tables };
  const name = `g${String(seed).padStart(2, '0')}`;
  writeFileSync(join(out, `${name}.expected.json`), JSON.stringify({ template, tables }));
  const docx = join(tmp, `${name}.docx`);
  writeFileSync(docx, await renderDocx(report));
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'ignore' });
  writeFileSync(join(tmp, `${name}.chrome.pdf`), await renderPdf(report));
  for (const [kind, pdf] of [['lo', `${name}.pdf`], ['chrome', `${name}.chrome.pdf`]] as const) {
    writeFileSync(join(out, `${name}.${kind}-pdftotext-layout.txt`), execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(tmp, pdf), '-']));
  }
}
rmSync(tmp, { recursive: true, force: true });
process.exit(0);
