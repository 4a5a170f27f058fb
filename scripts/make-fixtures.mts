/**
 * Regenerates test/fixtures/formats/: the same two reports (one per template) written
 * by different programs, so that the readers are not tested against one writer's habits:
 * ogi's own HTML, a government-style page in GBK, LibreOffice (.docx, .doc, .pdf),
 * Chromium (print-to-PDF, a PNG screenshot, an image-only "scanned" PDF).
 * Needs Debian chromium and libreoffice-writer-nogui. Run: node --import tsx scripts/make-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { renderHtml } from '../src/render/html.ts';
import type { Report } from '../src/schema/types.ts';
import { reportText } from '../test/helpers/layouts.ts';
import { randomTables } from '../test/helpers/random-report.ts';
import { encodeGb18030 } from '../test/helpers/gbk.ts';

const out = new URL('../test/fixtures/formats/', import.meta.url).pathname;

function report(template: '2019' | '2021', seed: number, agency: string, year: number): Report {
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

const GOV_PAGE = (article: string, title: string) => `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>${title}_政府信息公开</title>
<script>var _hmt = _hmt || [];</script><style>.nav li{display:inline}</style></head>
<body>
<div class="header"><div class="logo">某某市人民政府门户网站</div><ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<table class="layout" width="100%"><tr><td class="side" width="20%"><ul><li>信息公开指南</li><li>信息公开制度</li><li>法定主动公开内容</li><li>年度报告</li></ul></td>
<td class="main"><div class="article-info">发布时间：2024-01-26 来源：本站 浏览次数：1024</div>
<div id="zoom" class="TRS_Editor">${article}</div>
<div class="bdshare">分享到：微信 微博 QQ空间</div></td></tr></table>
<div class="footer">主办：某某市人民政府办公室 ICP备案号：某ICP备12345678号 网站标识码：1234567890</div>
</body></html>`;

function lo(args: string[], cwd: string): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(cwd, 'profile')}`, '--headless', ...args], { cwd, stdio: 'ignore', timeout: 180_000 });
}

const cases = [
  { name: 'v2019', report: report('2019', 2019, '某某市交通运输局', 2020) },
  { name: 'v2021', report: report('2021', 2021, '某某区生态环境局', 2023) },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const { name, report: r } of cases) {
  const { provenance: _p, notes: _n, source: _s, ...expected } = r;
  writeFileSync(join(out, `${name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
  writeFileSync(join(out, `${name}.txt`), reportText({ year: r.year!, template: r.template as '2019' | '2021', tables: r.tables, layout: 'tabs', agency: r.agency!, signed: `${r.year! + 1}年1月22日` }));
  const html = renderHtml(r);
  writeFileSync(join(out, `${name}.html`), html);
  const article = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
  writeFileSync(join(out, `${name}.gov.html`), encodeGb18030(GOV_PAGE(article, `${r.agency}${r.year}年政府信息公开工作年度报告`)));

  const tmp = mkdtempSync(join(tmpdir(), 'ogi-fx-'));
  copyFileSync(join(out, `${name}.html`), join(tmp, `${name}.html`));
  lo(['--convert-to', 'docx:MS Word 2007 XML', '--infilter=HTML (StarWriter)', `${name}.html`], tmp);
  copyFileSync(join(tmp, `${name}.docx`), join(out, `${name}.lo.docx`));
  lo(['--convert-to', 'doc:MS Word 97', `${name}.docx`], tmp);
  copyFileSync(join(tmp, `${name}.doc`), join(out, `${name}.lo.doc`));
  lo(['--convert-to', 'pdf', `${name}.docx`], tmp);
  copyFileSync(join(tmp, `${name}.pdf`), join(out, `${name}.lo.pdf`));

  const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 900, height: 1200 } });
  await page.setContent(html, { waitUntil: 'load' });
  await page.pdf({ path: join(out, `${name}.chromium.pdf`), format: 'A4', printBackground: true });
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  const png = readFileSync(join(out, `${name}.png`)).toString('base64');
  await page.setContent(`<html><body style="margin:0"><img src="data:image/png;base64,${png}" style="width:100%"></body></html>`, { waitUntil: 'load' });
  await page.pdf({ path: join(out, `${name}.scan.pdf`), width: '900px', height: '1200px', printBackground: true });
  await page.close();
  rmSync(tmp, { recursive: true, force: true });
  console.log(`wrote ${name}`);
}
await browser.close();

