// Screenshots of the main pages for docs/: a server on a temporary SQLite file with the samples,
// reports imported through the import page, then the list, a report with a finding selected, a
// region's figures, its roll-up with the sources of one sum, an agency's years and the import results. Needs Debian chromium.
//   node --import tsx scripts/web-screenshots.mts [out-dir]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Cell } from '../src/schema/types.ts';
import { synthetic, zipOf } from '../test/api/fixtures.ts';
import { zeroTables } from '../test/helpers/report-builder.ts';
import { CHROMIUM, CHROMIUM_ARGS, ecology2022, startWebServer, V2019_HTML, V2021_HTML } from '../test/web/fixtures.ts';
import { addUser, TEST_PASSWORD } from '../test/helpers/auth.ts';

const out = resolve(process.argv[2] ?? 'docs');

/** A consistent 2021-format report of a city's department for 2023, with the figures given (natural persons only). */
function demo(agency: string, f: { received: number; carried: number; granted: number; partly: number; denied: number; unavailable: number; notProcessed: number; review: [number, number, number, number] }): string {
  const t = zeroTables('2021');
  const rows = t.requests as Record<string, Cell[]>;
  const row = (n: number): Cell[] => [n, 0, 0, 0, 0, 0, n];
  const results = f.granted + f.partly + f.denied + f.unavailable + f.notProcessed;
  rows.newReceived = row(f.received);
  rows.carriedOver = row(f.carried);
  rows.granted = row(f.granted);
  rows.partlyGranted = row(f.partly);
  rows['denied.thirdParty'] = row(f.denied);
  rows['unavailable.notHeld'] = row(f.unavailable);
  rows['notProcessed.duplicate'] = row(f.notProcessed);
  rows.resultTotal = row(results);
  rows.carriedForward = row(f.received + f.carried - results);
  const [upheld, corrected, other, pending] = f.review;
  t.review.review = [upheld, corrected, other, pending, upheld + corrected + other + pending];
  return synthetic({ agency, year: 2023, tables: t });
}

const DEMO: Record<string, string> = {
  '淄博市教育局2023年报告.txt': demo('淄博市教育局', { received: 86, carried: 4, granted: 40, partly: 12, denied: 6, unavailable: 10, notProcessed: 8, review: [3, 1, 0, 1] }),
  '淄博市自然资源和规划局2023年报告.txt': demo('淄博市自然资源和规划局', { received: 152, carried: 10, granted: 70, partly: 30, denied: 12, unavailable: 20, notProcessed: 9, review: [5, 2, 1, 0] }),
  '张店区人民政府2023年报告.txt': demo('张店区人民政府', { received: 64, carried: 2, granted: 30, partly: 8, denied: 3, unavailable: 10, notProcessed: 5, review: [2, 0, 0, 1] }),
  '淄川区卫生健康局2023年报告.txt': demo('淄川区卫生健康局', { received: 23, carried: 0, granted: 15, partly: 3, denied: 0, unavailable: 3, notProcessed: 0, review: [0, 0, 0, 0] }),
};
const DEMO_REGIONS = ['机关,区域,上级区域', '淄博市教育局,淄博市,山东省', '淄博市自然资源和规划局,淄博市,山东省', '张店区人民政府,张店区,淄博市',
  '淄川区卫生健康局,淄川区,淄博市', '某某区生态环境局,张店区,淄博市', '某某市交通运输局,张店区,淄博市'].join('\n');
const server = await startWebServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  // Log in as an admin through the login page; the scripted API calls use the same session.
  await addUser(server.store, 'admin', 'admin');
  await page.goto(`${server.url}/login`);
  await page.fill('#login-username', 'admin');
  await page.fill('#login-password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${server.url}/reports`), page.click('#login-form button[type=submit]')]);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfToken = (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  const session = { cookie, origin: server.url, 'x-csrf-token': csrfToken };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { ...session, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };

  // Import through the page: three reports, and a .zip with one of them again and a file that is no report.
  await page.goto(`${server.url}/import`);
  await page.setInputFiles('#file-input', [
    { name: 'v2021.html', mimeType: 'text/html', buffer: readFileSync(V2021_HTML) },
    { name: 'v2019.html', mimeType: 'text/html', buffer: readFileSync(V2019_HTML) },
    { name: '某某区生态环境局2022年报告.txt', mimeType: 'text/plain', buffer: Buffer.from(ecology2022()) },
    ...Object.entries(DEMO).map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })),
    { name: '第二批.zip', mimeType: 'application/zip', buffer: await zipOf({ 'v2021.html': readFileSync(V2021_HTML), '说明.txt': '这不是年度报告，只是一段说明。' }) },
  ]);
  await page.click('#import-start');
  await page.locator('#import-summary').filter({ hasText: '共' }).waitFor();
  await page.screenshot({ path: join(out, 'screenshot-import.png') });

  // The new agencies go into the region tree (agencies → regions from CSV, as the region page does).
  const csv = await fetch(`${server.url}/api/agencies/import`, { method: 'POST', headers: { ...session, 'content-type': 'text/csv' }, body: DEMO_REGIONS });
  if (!csv.ok) throw new Error(await csv.text());
  const regions = (await api('GET', '/api/regions')).items as { id: number; name: string }[];
  const zibo = regions.find((r) => r.name === '淄博市')!.id;
  const agencies = (await api('GET', '/api/agencies')) as { id: number; name: string }[];
  const ecology = agencies.find((a) => a.name === '某某区生态环境局')!.id;
  const report = (await api('GET', '/api/reports?agency=生态环境局&year=2023')).items[0].id as number;

  await page.goto(`${server.url}/reports`);
  await page.screenshot({ path: join(out, 'screenshot-list.png') });

  await page.goto(`${server.url}/reports/${report}`);
  await page.click('.finding[data-rule="T2-03"]');
  await page.screenshot({ path: join(out, 'screenshot-report.png') });

  await page.goto(`${server.url}/regions/${zibo}?year=2023`);
  await page.screenshot({ path: join(out, 'screenshot-region.png'), fullPage: true, clip: { x: 0, y: 0, width: 1440, height: 1500 } });

  await page.goto(`${server.url}/regions/${zibo}/rollup?year=2023`);
  await page.locator('#group-2021 td.v[data-path="requests.newReceived.total"]').click();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(out, 'screenshot-rollup.png'), fullPage: true, clip: { x: 0, y: 0, width: 1440, height: 1400 } });

  await page.goto(`${server.url}/agencies/${ecology}`);
  await page.screenshot({ path: join(out, 'screenshot-agency.png'), fullPage: true });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.close();
}
