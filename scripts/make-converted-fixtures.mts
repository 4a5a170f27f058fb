/**
 * Regenerates test/fixtures/converted/: reports as people actually hold them after a
 * converter or a crawler has been through them, made with the real tools, never by hand.
 *
 * Sources: the two format fixtures (LibreOffice .docx/.pdf, Chromium .pdf, ogi's page and
 * a government-style GBK page) and the five samples rendered by ogi (Word, PDF, page).
 * Converters:
 *   pandoc-gfm, pandoc-commonmark   pandoc docx → markdown
 *   pdftotext-layout, pdftotext-raw  poppler pdftotext -layout / -raw
 *   pdf2md                           @opendocsg/pdf2md (PDF → markdown)
 *   crawl-spaced                     a crawler's page text of a page with formatted source:
 *                                    header lines, then the page's textContent with runs of
 *                                    white space made one space
 *   crawl-glued                      the same from a minified page: textContent with no
 *                                    separator between cells (BeautifulSoup get_text())
 * Each source has <source>.expected.json (agency, year, template, tables).
 *
 * Needs Debian pandoc, poppler-utils, chromium, and pdf2md in a side folder (it is not a
 * dependency of ogi):  npm install --prefix /tmp/pdf2md @opendocsg/pdf2md@0.3.2 unpdf@1.7.0
 * Run: PDF2MD=/tmp/pdf2md node --import tsx scripts/make-converted-fixtures.mts [converter…]
 * (with converter names, only those outputs are written)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { extractReport } from '../src/extract/report.ts';
import { renderDocx } from '../src/render/docx.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderPdf } from '../src/render/pdf.ts';
import type { Report } from '../src/schema/types.ts';

const root = new URL('../', import.meta.url).pathname;
const formats = join(root, 'test/fixtures/formats');
const out = join(root, 'test/fixtures/converted');
mkdirSync(out, { recursive: true });

const pdf2mdPrefix = process.env.PDF2MD ?? '/tmp/pdf2md';
const requireFromSide = createRequire(join(pdf2mdPrefix, 'node_modules/'));
const { definePDFJSModule } = requireFromSide('unpdf') as { definePDFJSModule: (f: () => Promise<unknown>) => Promise<void> };
// unpdf's bundled pdf.js loses CJK text without CMaps; pdf2md then hangs. Use the pdf.js ogi installs.
await definePDFJSModule(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
const pdf2md = requireFromSide('@opendocsg/pdf2md') as (pdf: Buffer) => Promise<string>;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

interface Source {
  name: string;
  expected: Pick<Report, 'agency' | 'year' | 'template' | 'tables'>;
  docx: string[];
  pdf: string[];
  html: { file: string; encoding: string }[];
  publishedOn: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'ogi-conv-'));
const sources: Source[] = [];
for (const name of ['v2019', 'v2021']) {
  const e = JSON.parse(readFileSync(join(formats, `${name}.expected.json`), 'utf8')) as Report;
  sources.push({
    name,
    expected: { agency: e.agency, year: e.year, template: e.template, tables: e.tables },
    docx: [join(formats, `${name}.lo.docx`)],
    pdf: [join(formats, `${name}.lo.pdf`), join(formats, `${name}.chromium.pdf`)],
    html: [{ file: join(formats, `${name}.html`), encoding: 'utf-8' }, { file: join(formats, `${name}.gov.html`), encoding: 'gbk' }],
    publishedOn: `${e.year! + 1}-01-26`,
  });
}
for (const file of readdirSync(join(root, 'samples')).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort()) {
  const name = `sample${file.slice(0, 3)}`;
  const report = extractReport(readFileSync(join(root, 'samples', file), 'utf8'), { name: file, format: 'txt' });
  const docx = join(tmp, `${name}.docx`);
  const pdf = join(tmp, `${name}.pdf`);
  const html = join(tmp, `${name}.html`);
  writeFileSync(docx, await renderDocx(report));
  writeFileSync(pdf, await renderPdf(report));
  writeFileSync(html, renderHtml(report));
  sources.push({
    name,
    expected: { agency: report.agency, year: report.year, template: report.template, tables: report.tables },
    docx: [docx], pdf: [pdf], html: [{ file: html, encoding: 'utf-8' }],
    publishedOn: `${(report.year ?? 2020) + 1}-01-20`,
  });
}

const tag = (path: string) => path.replace(/^.*\/[^.]+\./, '').replace(/\.(docx|pdf|html)$/, '').replace(/^(docx|pdf|html)$/, 'ogi');
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { maxBuffer: 64 << 20 }).toString('utf8');

async function crawl(source: Source, html: { file: string; encoding: string }, minified: boolean): Promise<string> {
  const page = await browser.newPage();
  const text = new TextDecoder(html.encoding).decode(readFileSync(html.file));
  await page.setContent(text, { waitUntil: 'load' });
  const { title, body } = await page.evaluate((glued) => {
    if (!glued) {
      // A page whose source is formatted: every block and cell starts a line of its own.
      for (const el of document.body.querySelectorAll('p, div, h1, h2, h3, h4, li, table, tr, td, th')) {
        el.parentNode?.insertBefore(document.createTextNode('\n    '), el);
      }
    }
    if (glued) {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const blank: Node[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!/\S/.test(n.textContent ?? '')) blank.push(n);
      for (const n of blank) n.parentNode?.removeChild(n);
    }
    for (const el of document.querySelectorAll('script, style')) el.remove();
    return { title: document.title, body: document.body.textContent ?? '' };
  }, minified);
  await page.close();
  const { agency, year } = source.expected;
  const header = [
    `标题: ${title.replace(/_.*$/, '') || `${agency}${year}年政府信息公开工作年度报告`}`,
    `发布时间: ${source.publishedOn}`,
    '文号: ',
    `发布机构: ${agency}`,
    '栏目: 年度报告',
    `原文链接: http://www.example.gov.cn/zfxxgk/ndbg/${source.name}.html`,
  ];
  const oneLine = minified ? body.replace(/\s*\n\s*/g, '') : body.replace(/\s+/g, ' ').trim();
  return `${header.join('\n')}\n\n${oneLine}\n`;
}

const only = process.argv.slice(2);
const write = (file: string, content: string | Buffer) => {
  const converter = file.split('.').slice(-2, -1)[0]!;
  if (!only.length || only.includes(converter) || file.endsWith('.expected.json')) writeFileSync(join(out, file), content);
};
for (const source of sources) {
  write(`${source.name}.expected.json`, `${JSON.stringify(source.expected, null, 2)}\n`);
  for (const docx of source.docx) {
    const t = tag(docx);
    write(`${source.name}.${t}.pandoc-gfm.md`, run('pandoc', ['-f', 'docx', '-t', 'gfm', docx]));
    write(`${source.name}.${t}.pandoc-commonmark.md`, run('pandoc', ['-f', 'docx', '-t', 'commonmark', docx]));
  }
  for (const pdf of source.pdf) {
    const t = tag(pdf);
    write(`${source.name}.${t}.pdftotext-layout.txt`, run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']));
    write(`${source.name}.${t}.pdftotext-raw.txt`, run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']));
    write(`${source.name}.${t}.pdf2md.md`, await pdf2md(readFileSync(pdf)));
  }
  for (const html of source.html) {
    const t = tag(html.file);
    write(`${source.name}.${t}.crawl-spaced.txt`, await crawl(source, html, false));
    write(`${source.name}.${t}.crawl-glued.txt`, await crawl(source, html, true));
  }
  console.log(`wrote ${source.name}`);
}
await browser.close();
rmSync(tmp, { recursive: true, force: true });
