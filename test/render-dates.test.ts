import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import JSZip from 'jszip';
import { renderDocx } from '../src/render/docx.ts';
import { DEBIAN_FONTS, renderPdf } from '../src/render/pdf.ts';
import { documentDate } from '../src/render/document-date.ts';
import type { Report } from '../src/schema/types.ts';
import { randomTables } from './helpers/random-report.ts';
import { baseReport } from './helpers/report-builder.ts';

const report = (): Report => baseReport({ template: '2021', year: 2024, tables: randomTables('2021', 5) });

/** Renders twice, the second time an hour and a bit later (a zip entry's time has a two-second grain). */
async function twice(t: TestContext, render: () => Promise<Buffer>): Promise<[Buffer, Buffer]> {
  const first = await render();
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() + 3_723_000 });
  try {
    return [first, await render()];
  } finally {
    t.mock.timers.reset();
  }
}

test('DOCX: the same report gives the same bytes; its properties and zip entries are dated 1 January after the report year', async (t) => {
  const r = report();
  const [first, again] = await twice(t, () => renderDocx(r));
  assert.ok(first.equals(again), 'two renderings differ');
  const date = documentDate([r]);
  assert.equal(date.toISOString(), '2025-01-01T00:00:00.000Z');
  const zip = await JSZip.loadAsync(first);
  const core = await zip.file('docProps/core.xml')!.async('string');
  assert.match(core, /<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z<\/dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z<\/dcterms:modified>/);
  assert.deepEqual([...new Set(Object.values(zip.files).map((f) => f.date.toISOString()))], [date.toISOString()]);
  // A report of no known year: 1980, the earliest date a zip can state.
  const [undated] = await twice(t, () => renderDocx({ ...r, year: null }));
  const entries = Object.values((await JSZip.loadAsync(undated)).files);
  assert.deepEqual([...new Set(entries.map((f) => f.date.toISOString()))], ['1980-01-01T00:00:00.000Z']);
});

const hasCjkFont = Object.values(DEBIAN_FONTS).flat().some((f) => existsSync(f.path));

/** A date of the document information dictionary (pdfkit writes each value as an object of its own). */
function infoDate(pdf: string, key: 'CreationDate' | 'ModDate'): string | undefined {
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(pdf);
  return ref ? new RegExp(`\\n${ref[1]} 0 obj\\n\\((D:\\d{14}Z)\\)\\n`).exec(pdf)?.[1] : undefined;
}

test('PDF: the same report gives the same bytes; CreationDate and ModDate are 1 January after the report year, the file ID follows', async (t) => {
  if (!hasCjkFont) {
    if (process.env.CI === 'true') assert.fail('a CJK font is required in CI: apt-get install fonts-noto-cjk');
    return t.skip('skipped: a CJK font not installed');
  }
  const r = report();
  const [first, again] = await twice(t, () => renderPdf(r));
  assert.ok(first.equals(again), 'two renderings differ');
  const pdf = first.toString('latin1');
  assert.equal(documentDate([r]).toISOString(), '2025-01-01T00:00:00.000Z');
  assert.deepEqual([infoDate(pdf, 'CreationDate'), infoDate(pdf, 'ModDate')], ['D:20250101000000Z', 'D:20250101000000Z']);
  const id = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(pdf);
  assert.ok(id, 'a file ID');
  // Another year, another date and ID.
  const other = (await renderPdf({ ...r, year: 2023 })).toString('latin1');
  assert.deepEqual([infoDate(other, 'CreationDate'), infoDate(other, 'ModDate')], ['D:20240101000000Z', 'D:20240101000000Z']);
  assert.doesNotMatch(other, new RegExp(id[1]!));
});
