import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { extractSource } from '../src/extract/index.ts';
import { ocrAvailable } from '../src/ingest/ocr.ts';
import { stripCuts } from '../src/ingest/ocr.ts';
import { findRules, type Gray } from '../src/ingest/raster.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { findProgram } from '../src/programs.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { compareTables } from './helpers/accuracy.ts';
import { makeOcrImages, type OcrImages } from './helpers/ocr-pages.ts';
import { CHROMIUM } from './web/fixtures.ts';

/**
 * OCR of reports the fixtures do not hold (other seeds, another agency): a Chromium screenshot of
 * ogi's rendered HTML and a clean A4 scan at 200 dpi (tables cut by the page margin). Every cell
 * exact; a cell that cannot be read is blank, never a wrong number.
 */

const tmp = mkdtempSync(join(tmpdir(), 'ogi-ocr-acc-'));
let images: Map<string, OcrImages> | null = null;
let missing = '';

before(async () => {
  const ocr = await ocrAvailable();
  if (!ocr.ok) missing = ocr.message;
  else if (!existsSync(CHROMIUM)) missing = `chromium not installed (${CHROMIUM})`;
  else if (!findProgram(['pdftoppm'])) missing = 'pdftoppm (poppler-utils) not installed';
  if (missing) {
    if (process.env.CI === 'true') assert.fail(`OCR accuracy needs tesseract, chromium and pdftoppm in CI: ${missing}`);
    return;
  }
  images = await makeOcrImages(tmp, [{ name: 'county2019', template: '2019', seed: 11 }, { name: 'city2021', template: '2021', seed: 12 }]);
});

for (const [name, kind] of [['city2021', 'screenshot'], ['county2019', 'scan']] as const) {
  test(`${name} ${kind === 'scan' ? 'A4 scan (200 dpi, image-only PDF)' : 'Chromium screenshot'}: every cell exact, none wrong`, async (t) => {
    if (!images) return t.skip(`skipped: ${missing}`);
    const im = images.get(name)!;
    const file = kind === 'scan' ? im.scan : im.screenshot;
    const r = extractSource(await readSource(file));
    const cmp = compareTables(im.report.template as TableTemplate, im.report.tables, r.tables);
    assert.deepEqual(cmp.wrong, []);
    assert.deepEqual(cmp.abstained, []);
    assert.deepEqual(r.tables, im.report.tables);
    if (kind === 'scan') assert.ok(im.scanPages >= 3, `${im.scanPages} pages: the tables cross pages`);
  });
}

/** A white page with black bands (text lines) and a ruled box crossing one gap. */
function page(width: number, height: number, ink: (x: number, y: number) => boolean): Gray {
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (ink(x, y)) data[y * width + x] = 0;
  return { width, height, data };
}

test('a tall page is cut in the gaps between lines, never through a line; a short page is not cut', () => {
  // Text lines 20 px high every 40 px; the gap rows are blank except two vertical rules (a table).
  const text = (x: number, y: number) => y % 40 < 20 && (x * 7 + y) % 5 < 2;
  const rules = (x: number) => x === 30 || x === 170;
  const tall = page(200, 800, (x, y) => text(x, y) || rules(x));
  const cuts = stripCuts(tall, 2);
  assert.equal(cuts.length, 1);
  assert.ok(cuts[0]! % 40 >= 20, `cut at ${cuts[0]} is inside a line`);
  assert.ok(Math.abs(cuts[0]! - 400) <= 40, `cut at ${cuts[0]}`);
  assert.deepEqual(stripCuts(tall, 1), []);
  assert.deepEqual(stripCuts(page(200, 200, text), 2), []);
});

test('vertical rules of a table cut by the page margin count when at least three end free at one height', () => {
  // Bottom border and one row line; no top border: the table continues from the previous page.
  const grid = (x: number, y: number) => (y >= 20 && y <= 120 && [10, 60, 110, 160].includes(x)) || ((y === 70 || y === 120) && x >= 10 && x <= 160);
  const verticals = findRules(page(200, 200, grid), 15).filter((r) => r.x1 - r.x0 < r.y1 - r.y0);
  assert.deepEqual(verticals.map((r) => [r.x0, r.y0, r.y1]), [[10, 20, 121], [60, 20, 121], [110, 20, 121], [160, 20, 121]]);
  // Two free-ended strokes are not a table.
  const strokes = (x: number, y: number) => (y >= 20 && y <= 120 && [10, 60].includes(x)) || (y === 120 && x >= 10 && x <= 160);
  assert.deepEqual(findRules(page(200, 200, strokes), 15).filter((r) => r.x1 - r.x0 < r.y1 - r.y0), []);
});
