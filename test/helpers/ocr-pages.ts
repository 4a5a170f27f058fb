import { execFileSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../src/render/html.ts';
import type { Report } from '../../src/schema/types.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../web/fixtures.ts';
import { randomTables } from './random-report.ts';

/**
 * Images for the OCR accuracy tests and bench, made with the real tools from ogi's own rendered
 * HTML: a Chromium full-page screenshot (PNG, 900 CSS px wide at device scale 2, like
 * test/fixtures/formats/*.png) and a clean A4 scan (Chromium's A4 print, rasterised by pdftoppm at
 * 200 dpi in gray, the page images put back into an image-only PDF by pdfkit).
 */

/** A report of a template with random consistent tables (the same builder as scripts/make-fixtures.mts). */
export function fixtureReport(template: '2019' | '2021', seed: number, agency: string, year: number): Report {
  return {
    agency, year, template, signedOn: `${year + 1}-01-22`, publishedOn: null, issuerType: 'department',
    sections: {
      overview: `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。`,
      active: '全年通过政府网站主动公开政府信息。',
      requests: '全年依法办理政府信息公开申请，均在法定期限内答复。',
      review: '政府信息公开行政复议、行政诉讼情况见下表。',
      problems: '存在的主要问题是政策解读形式较单一。下一步将丰富解读形式，加强业务培训。',
      other: '本年度未收取信息处理费。',
    },
    tables: randomTables(template, seed), source: { name: 'fixture', format: 'json' },
    preamble: `本年度报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`, provenance: {}, notes: [],
  };
}

export interface OcrCase {
  name: string;
  template: '2019' | '2021';
  seed: number;
}

export interface OcrImages {
  report: Report;
  screenshot: string;
  scan: string;
  /** Pages of the scan (A4 at 200 dpi). */
  scanPages: number;
}

/** Writes `<name>.png` and `<name>.scan.pdf` of each case into `dir`. */
export async function makeOcrImages(dir: string, cases: readonly OcrCase[]): Promise<Map<string, OcrImages>> {
  const out = new Map<string, OcrImages>();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const c of cases) {
      const report = fixtureReport(c.template, c.seed, c.template === '2019' ? '某某县农业农村局' : '某某市市场监督管理局', c.template === '2019' ? 2020 : 2022);
      const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 900, height: 1200 } });
      await page.setContent(renderHtml(report), { waitUntil: 'load' });
      const screenshot = join(dir, `${c.name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      const printed = join(dir, `${c.name}.print.pdf`);
      await page.pdf({ path: printed, format: 'A4', printBackground: true });
      await page.close();
      const scan = join(dir, `${c.name}.scan.pdf`);
      const scanPages = await rasterise(printed, join(dir, c.name), scan);
      out.set(c.name, { report, screenshot, scan, scanPages });
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** A4 PDF → gray PNG pages at 200 dpi (pdftoppm) → an image-only A4 PDF. */
async function rasterise(pdf: string, prefix: string, target: string): Promise<number> {
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', pdf, `${prefix}-page`]);
  const dir = join(prefix, '..');
  const base = prefix.slice(dir.length + 1);
  const pages = readdirSync(dir).filter((f) => f.startsWith(`${base}-page`) && f.endsWith('.png')).sort();
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const done = new Promise<void>((ok, fail) => doc.pipe(createWriteStream(target)).on('finish', ok).on('error', fail));
  for (const p of pages) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(readFileSync(join(dir, p)), 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  await done;
  return pages.length;
}

/** Writes the expected tables next to the images (for a look with `ogi parse`). */
export function writeExpected(dir: string, name: string, report: Report): void {
  writeFileSync(join(dir, `${name}.expected.json`), `${JSON.stringify({ template: report.template, tables: report.tables }, null, 2)}\n`);
}
