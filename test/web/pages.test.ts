import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { METRICS } from '../../src/store/metrics.ts';
import { openStore } from '../../src/store/open.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { locatedPaths } from '../../src/web/grid.ts';
import { refineOps } from '../../src/web/pages/agencies.ts';
import { escapeHtml, html, jsonScript, query, raw } from '../../src/web/html.ts';
import { form } from '../api/fixtures.ts';
import { ecology2022, V2021_HTML, XSS_AGENCY, XSS_TEXT, xssReport } from './fixtures.ts';
import { loginAsAdmin, type Client } from '../helpers/auth.ts';

/**
 * The pages through client.request(): exact content of the lists, the report page, the region and
 * agency pages; every piece of report content escaped. One store, tests in order.
 */

describe('html building', () => {
  test('interpolations are escaped; Html, arrays and empty values compose', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const name = '<script>"x"</script>';
    assert.equal(html`<p title="${name}">${name}</p>`.value, '<p title="&lt;script&gt;&quot;x&quot;&lt;/script&gt;">&lt;script&gt;&quot;x&quot;&lt;/script&gt;</p>');
    assert.equal(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a&lt;</li><li>b</li></ul>');
    assert.equal(html`${null}${undefined}${false}${0}${raw('<b>')}`.value, '0<b>');
  });

  test('JSON for a script element cannot close it', () => {
    const out = jsonScript('d', { s: '</script><script>alert(1)</script>&\u2028' }).value;
    assert.equal(out, '<script type="application/json" id="d">{"s":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026\\u2028"}</script>');
    assert.deepEqual(JSON.parse(out.slice(out.indexOf('>') + 1, out.lastIndexOf('</script>'))), { s: '</script><script>alert(1)</script>&\u2028' });
  });

  test('a replaced sentence that is mostly kept is shown character by character', () => {
    assert.deepEqual(refineOps([{ op: 'equal', text: '一。' }, { op: 'delete', text: '2022年工作良好。' }, { op: 'insert', text: '2023年工作良好。' }]), [
      { op: 'equal', text: '一。202' }, { op: 'delete', text: '2' }, { op: 'insert', text: '3' }, { op: 'equal', text: '年工作良好。' },
    ]);
    const unlike = [{ op: 'delete', text: '宣传不够。' }, { op: 'insert', text: '培训太少，需要加强。' }] as const;
    assert.deepEqual(refineOps(unlike), unlike);
  });

  test('query strings leave out empty values', () => {
    assert.equal(query({ year: 2023, agency: '', regionId: undefined, format: 'csv', x: false }), '?year=2023&format=csv');
    assert.equal(query({}), '');
  });

  test('a finding location names its cells: a cell, a row, an item; a whole table names none', () => {
    const paths = ['requests.newReceived.total', 'requests.newReceived.business', 'requests.denied.stateSecret.total', 'active.art20_1.rules.issued', 'active.art20_1.rules.inForce', 'active.art20_5.licensing.decisions', 'review.review.total'];
    assert.deepEqual(locatedPaths({ table: 'requests', row: 'newReceived', column: 'total' }, paths), ['requests.newReceived.total']);
    assert.deepEqual(locatedPaths({ table: 'requests', row: 'denied.stateSecret' }, paths), ['requests.denied.stateSecret.total']);
    assert.deepEqual(locatedPaths({ table: 'requests', column: 'total' }, paths), ['requests.newReceived.total', 'requests.denied.stateSecret.total']);
    assert.deepEqual(locatedPaths({ table: 'active', item: 'art20_1', row: 'rules' }, paths), ['active.art20_1.rules.issued', 'active.art20_1.rules.inForce']);
    assert.deepEqual(locatedPaths({ table: 'active', item: 'art20_5' }, paths), ['active.art20_5.licensing.decisions']);
    assert.deepEqual(locatedPaths({ table: 'review', row: 'review', column: 'total' }, paths), ['review.review.total']);
    assert.deepEqual(locatedPaths({ table: 'requests' }, paths), []);
    assert.deepEqual(locatedPaths({ section: 'overview' }, paths), []);
  });
});

describe('pages', () => {
  let dir: string;
  let store: Store;
  let app: Hono;
  let client: Client;
  /** Report ids by file name. */
  const ids: Record<string, number> = {};
  let ecologyId: number;
  let zhangdian: number;
  let zibo: number;

  async function get(path: string): Promise<{ status: number; headers: Headers; text: string; $: cheerio.CheerioAPI }> {
    const res = await client.request(path);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, $: cheerio.load(text) };
  }
  async function api(method: string, path: string, body?: unknown): Promise<any> {
    const init: RequestInit = { method };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const res = await client.request(path, init);
    const text = await res.text();
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  /** The texts of a table row's cells. */
  const cells = ($: cheerio.CheerioAPI, tr: Parameters<cheerio.CheerioAPI>[0]) => $(tr).children('td, th').toArray().map((td) => squash($(td).text()));
  /** The JSON a page hands to its script. */
  const pageData = ($: cheerio.CheerioAPI, id: string) => JSON.parse($(`script#${id}`).text());

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ogi-web-pages-'));
    store = await openStore({ sqlitePath: join(dir, 'ogi.sqlite') });
    await preloadSamples(store);
    app = createApp(store);
    client = await loginAsAdmin(app, store);
    const res = await api('POST', '/api/imports', form({ 'v2021.html': readFileSync(V2021_HTML), 'eco-2022.txt': ecology2022(), 'xss.txt': xssReport() }));
    for (const item of res.items) ids[item.name] = item.reportId;
    assert.deepEqual(res.items.map((i: any) => i.status), ['imported', 'imported', 'imported']);
    const regions = (await api('GET', '/api/regions')).items as { id: number; name: string }[];
    zhangdian = regions.find((r) => r.name === '张店区')!.id;
    zibo = regions.find((r) => r.name === '淄博市')!.id;
    const agencies = (await api('GET', '/api/agencies')) as { id: number; name: string }[];
    ecologyId = agencies.find((a) => a.name === '某某区生态环境局')!.id;
    const xssId = agencies.find((a) => a.name === XSS_AGENCY)!.id;
    await api('PATCH', `/api/agencies/${ecologyId}`, { regionId: zhangdian });
    await api('PATCH', `/api/agencies/${xssId}`, { regionId: zhangdian });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the report list: rows with counts, filters, export links', async () => {
    const page = await get('/reports');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    const { $ } = page;
    assert.equal($('title').text(), '报告核查 · ogi');
    assert.equal($('#total').text(), '8 份报告');
    const rows = $('#report-list tbody tr').toArray().map((tr) => $(tr).find('td').toArray().slice(0, 4).map((td) => squash($(td).text())));
    assert.deepEqual(rows, [
      ['某某区生态环境局', '2023', '山东省 / 淄博市 / 张店区', '2021 格式'],
      ['淄博市博山区投资促进中心', '2023', '山东省 / 淄博市 / 博山区', '2021 格式'],
      ['某某区生态环境局', '2022', '山东省 / 淄博市 / 张店区', '2021 格式'],
      [XSS_AGENCY, '2021', '山东省 / 淄博市 / 张店区', '2021 格式'],
      ['淄博市投资促进局', '2020', '山东省 / 淄博市', '2019 格式'],
      ['淄博经济开发区管委会', '2020', '山东省 / 淄博市 / 淄博经济开发区', '2019 格式'],
      ['淄川区工业和信息化局', '2020', '山东省 / 淄博市 / 淄川区', '2019 格式'],
      ['澄江市投资促进局', '2020', '云南省 / 玉溪市 / 澄江市', '2019 格式'],
    ]);
    // Error, warning and info counts are the stored ones.
    const listed = await api('GET', '/api/reports?limit=500');
    const counts = $('#report-list tbody tr').toArray().map((tr) => $(tr).find('td').toArray().slice(4, 7).map((td) => Number($(td).text())));
    assert.deepEqual(counts, listed.items.map((r: any) => [r.errors, r.warnings, r.infos]));
    assert.equal($('#report-list tbody tr').first().find('a').attr('href'), `/reports/${ids['v2021.html']}`);

    const filtered = await get(`/reports?year=2023&regionId=${zibo}&template=2021`);
    assert.equal(filtered.$('#total').text(), '2 份报告符合条件');
    assert.equal(filtered.$('select[name=year] option[selected]').attr('value'), '2023');
    assert.equal(filtered.$('select[name=regionId] option[selected]').text().trim(), '淄博市');
    const links = filtered.$('.exports a').toArray().map((a) => [filtered.$(a).text(), filtered.$(a).attr('href')]);
    assert.deepEqual(links, [
      ['CSV', `/api/reports?year=2023&regionId=${zibo}&template=2021&format=csv`],
      ['Excel', `/api/reports?year=2023&regionId=${zibo}&template=2021&format=xlsx`],
      ['CSV', `/api/reports/data?year=2023&regionId=${zibo}&template=2021&format=csv`],
      ['Excel', `/api/reports/data?year=2023&regionId=${zibo}&template=2021&format=xlsx`],
    ]);
    // The list's export links answer with the files.
    const csv = await client.request(links[0]![1]!);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal((await csv.text()).split('\r\n').filter(Boolean).length, 3);

    const bySeverity = await get('/reports?severity=info&agency=生态');
    assert.equal(bySeverity.$('#total').text(), '2 份报告符合条件');
    const clean = await get('/reports?severity=clean&year=2020');
    const expectedClean = listed.items.filter((r: any) => r.year === 2020 && !r.errors && !r.warnings).length;
    assert.equal(clean.$('#total').text(), `${expectedClean} 份报告符合条件`);
    // A nonsensical value is ignored rather than refused.
    assert.equal((await get('/reports?year=abc&severity=fatal')).$('#total').text(), '8 份报告');
  });

  test('the report page: original text, the tables drawn from the schema, findings, provenance for the script', async () => {
    const id = ids['v2021.html']!;
    const { status, $ } = await get(`/reports/${id}`);
    assert.equal(status, 200);
    assert.equal($('h1').text(), '某某区生态环境局 2023 年度');
    const detail = await api('GET', `/api/reports/${id}`);
    // The original: one element per line, its offset in data-s.
    const lines = $('#source .src-line').toArray();
    assert.equal(lines.length, detail.text.split('\n').length);
    assert.equal($(lines[26]).text(), detail.text.split('\n')[26].replace(/\r$/, ''));
    assert.equal(Number($(lines[26]).attr('data-s')), detail.text.split('\n').slice(0, 26).join('\n').length + 1);
    // The three tables, each value cell with its path and value.
    assert.deepEqual($('.table-block h3').toArray().map((h) => $(h).text()), ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    assert.equal($('td.v[data-path="requests.newReceived.total"] .num').text(), '623');
    assert.equal($('td.v[data-path="requests.resultTotal.total"] .num').text(), '630');
    assert.equal($('td.v[data-path="review.litigationAfterReview.total"] .num').text(), '16');
    assert.equal($('td.v').length, 6 + 1 + 2 + 1 + 25 * 7 + 15);
    // What the script needs: the provenance of every cell points at its printed text.
    const data = pageData($, 'report-data');
    assert.equal(data.version, 1);
    const src = data.cells['requests.newReceived.total'].src;
    assert.deepEqual(src, { start: detail.report.provenance['requests.newReceived.total'].start, end: detail.report.provenance['requests.newReceived.total'].end, line: 27, text: '623' });
    assert.equal(detail.text.slice(src.start, src.end), '623');
    assert.equal(data.cells['requests.newReceived.total'].label, '表三“一、本年新收政府信息公开申请数量”行“总计”列');
    // Findings: one button each, in severity order, with its place; the script knows their cells and spans.
    const buttons = $('.finding').toArray();
    assert.equal(buttons.length, detail.findings.length);
    assert.equal($('#findings h2').text(), `核查结果 ${detail.findings.length} 条`);
    const t203 = $('.finding[data-rule="T2-03"]');
    assert.equal(squash(t203.find('.where').text()), '表二第二十条第（一）项“规章”行 · 原文第 9 行');
    assert.equal(t203.find('.fmsg').text(), detail.findings.find((f: any) => f.rule === 'T2-03').message);
    const f = data.findings[Number(t203.attr('data-i'))];
    assert.deepEqual(f.paths, ['active.art20_1.rules.issued', 'active.art20_1.rules.repealed', 'active.art20_1.rules.inForce']);
    assert.deepEqual(f.span, { start: 218, end: 219, line: 9, text: '2' });
    assert.ok($('td.v[data-path="active.art20_1.rules.issued"]').hasClass('f-warning'));
    // Export links: every format of the renderer, the findings, the original.
    const exports = $('.report-head .exports a').toArray().map((a) => $(a).attr('href'));
    assert.deepEqual(exports, [
      ...['html', 'pdf', 'docx', 'xlsx', 'csv', 'txt', 'md', 'json'].map((fmt) => `/api/reports/${id}/export?format=${fmt}`),
      `/api/reports/${id}/findings?format=csv`, `/api/reports/${id}/findings?format=xlsx`, `/api/reports/${id}/original`,
    ]);
    const md = await client.request(`/api/reports/${id}/export?format=md`);
    assert.equal(md.status, 200);
    // History: the import.
    const v1 = $('.version .vhead');
    assert.equal(v1.length, 1);
    assert.deepEqual(v1.children().toArray().map((n) => $(n).text()), ['第 1 版', '导入', 'admin', v1.find('time').text(), '查看此版当前版本']);
    assert.match(v1.find('time').text(), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  test('a correction shows in its cell, in the findings and in the history; the region figure follows', async () => {
    const id = ids['v2021.html']!;
    const before = await get(`/regions/${zibo}?year=2023`);
    assert.equal(before.$('#card-received').text(), '623');
    await api('POST', `/api/reports/${id}/corrections`, { reason: '原件为 600', baseVersion: 1, changes: [{ path: 'requests.newReceived.total', value: 600 }] });
    const { $ } = await get(`/reports/${id}?saved=2`);
    assert.equal($('#flash').text(), '已保存为第 2 版，核查已重新运行。');
    const cell = $('td.v[data-path="requests.newReceived.total"]');
    assert.equal(cell.find('.num').text(), '600');
    assert.ok(cell.hasClass('corrected'));
    assert.ok(cell.hasClass('f-error'));
    assert.match(cell.attr('title')!, /^导入时为 623；第 2 版由 admin 修改$/);
    // One changed cell breaks its column's balance (SUM-01) and its row's total (SUM-03): one finding at that cell.
    assert.deepEqual($('.finding[data-sev=error]').toArray().map((b) => $(b).attr('data-rule')), ['SUM-01']);
    assert.match($('.finding[data-sev=error]').text(), /“总计”列\(600\)可能有误：若为623，以下2处勾稽关系都成立/);
    assert.equal($('#version').text().replace(/（.*）/, ''), '第 2 版');
    const v2 = $('.version[data-version=2]');
    assert.equal(v2.find('.reason').text(), '原因：原件为 600');
    assert.deepEqual(v2.find('table.changes tbody td').toArray().map((td) => $(td).text()), ['表三“一、本年新收政府信息公开申请数量”行“总计”列', '623', '600']);
    assert.equal($('.version[data-version=1] button.revert').attr('data-version'), '1');
    const data = pageData($, 'report-data');
    assert.equal(data.version, 2);
    assert.equal(data.cells['requests.newReceived.total'].imported, 623);

    const version1 = await get(`/reports/${id}/versions/1`);
    assert.equal(version1.$('td.v[data-path="requests.newReceived.total"] .num').text(), '623');
    const version2 = await get(`/reports/${id}/versions/2`);
    assert.ok(version2.$('td.v[data-path="requests.newReceived.total"]').hasClass('changed'));

    const after = await get(`/regions/${zibo}?year=2023`);
    assert.equal(after.$('#card-received').text(), '600');
    const rollup = await get(`/regions/${zibo}/rollup?year=2023`);
    assert.equal(rollup.$('#group-2021 td.v[data-path="requests.newReceived.total"] .num').text(), '600');
  });

  test('the roll-up: sums in the official layout, each traceable to its reports', async () => {
    const { $ } = await get(`/regions/${zibo}/rollup?year=2023`);
    assert.equal($('h1').text(), '淄博市 2023 年度');
    assert.equal($('.rollup-group h2').text(), '2021 格式：2 份报告的合计');
    const data = pageData($, 'rollup-data');
    const group = data.groups[0];
    // Each report's value is fetched on a click (/api/regions/:id/rollup/sources), not carried by the page.
    assert.deepEqual(Object.keys(group), ['template', 'cells']);
    assert.deepEqual(group.cells['requests.newReceived.total'], { label: '表三“一、本年新收政府信息公开申请数量”行“总计”列', sum: 600, reported: 2, blanks: 0 });
    assert.deepEqual($('#group-2021 details.sources li a').toArray().map((a) => $(a).text()), ['某某区生态环境局', '淄博市博山区投资促进中心']);
    assert.equal($('#group-2021 td.v[data-path="requests.carriedOver.total"] .num').text(), '20');
    assert.deepEqual($('.export-bar a').toArray().map((a) => $(a).attr('href')), [
      ...['docx', 'pdf', 'html', 'xlsx'].map((f) => `/api/regions/${zibo}/summary-report?year=2023&format=${f}`),
      ...['docx', 'pdf', 'html', 'xlsx'].map((f) => `/api/regions/${zibo}/summary-report?year=2023&format=${f}&reports=accepted`),
      `/api/regions/${zibo}/rollup?year=2023&format=csv`, `/api/regions/${zibo}/rollup?year=2023&format=xlsx`,
      `/api/reports/data?regionId=${zibo}&year=2023&format=csv`, `/api/reports/data?regionId=${zibo}&year=2023&format=xlsx`,
    ]);
  });

  test('the region page: figures, rankings and charts with their definitions, unpublished agencies, cross-year findings, trends', async () => {
    const { $, text } = await get(`/regions/${zibo}?year=2023`);
    assert.deepEqual($('.cards .card').toArray().map((c) => [$(c).find('.card-label').text(), $(c).find('.card-value').text()]), [
      ['机关（含下级）', '6'], ['已发布报告', '2'], ['未发布', '4'], ['收到申请数', '600'], ['办理结果总数', '630'], ['公开率', '6.2%'], ['纠错率', '11.8%'],
    ]);
    // Each figure with its one written definition, as the API gives it.
    for (const key of ['received', 'distribution', 'openRate', 'correctionRate'] as const) assert.ok(text.includes(METRICS[key].definition), key);
    assert.deepEqual($('#m-received .definition').text(), `定义${METRICS.received.definition}`);
    assert.deepEqual($('#m-received table.ranking tbody tr').toArray().map((tr) => cells($, tr)), [['1', '某某区生态环境局', '600'], ['2', '淄博市博山区投资促进中心', '0']]);
    assert.deepEqual($('#m-open table.ranking tbody tr').toArray().map((tr) => cells($, tr)), [['1', '某某区生态环境局', '6.2%', '39', '630'], ['—', '淄博市博山区投资促进中心', '—', '0', '0']]);
    assert.deepEqual($('#m-correction table.ranking tbody tr').toArray().map((tr) => cells($, tr)), [['1', '某某区生态环境局', '11.8%', '2', '17'], ['—', '淄博市博山区投资促进中心', '—', '0', '0']]);
    // Charts are SVG made on the server.
    assert.equal($('#m-received figure.chart svg').length, 1);
    assert.equal($('#m-distribution figure.chart svg').length, 2);
    assert.ok($('#m-received svg text').toArray().some((t) => $(t).text() === '某某区生态环境局'));
    const unpublished = await api('GET', `/api/regions/${zibo}/unpublished?year=2023`);
    assert.deepEqual($('#unpublished tbody tr td:first-child').toArray().map((td) => $(td).text()), unpublished.items.map((a: any) => a.agency));
    assert.equal(unpublished.items.length, 4);
    const cross = await api('GET', `/api/regions/${zibo}/cross-year?year=2023`);
    assert.ok(cross.items.length > 0);
    assert.deepEqual($('#cross-year tbody tr').toArray().map((tr) => $(tr).find('td').eq(3).text()), cross.items.map((i: any) => i.finding.message));
    assert.deepEqual($('#trends tbody tr td:first-child').toArray().map((td) => $(td).text()), ['2020', '2021', '2022', '2023']);
  });

  test('the agency page: tables year over year with the change, the narrative diff', async () => {
    const { $ } = await get(`/agencies/${ecologyId}`);
    assert.equal($('h1').text(), '某某区生态环境局');
    assert.equal($('select.region-select option[selected]').text().trim(), '张店区');
    assert.deepEqual($('#agency-years tbody tr').toArray().map((tr) => $(tr).find('td').toArray().slice(0, 2).map((td) => $(td).text())), [['2022 年度', '2021 格式'], ['2023 年度', '2021 格式']]);
    const cell = $('#yoy td.v[data-path="requests.newReceived.total"]');
    assert.equal(cell.find('.num').text(), '600');
    assert.equal(squash(cell.find('.below').text()), '2022：615 -15');
    assert.ok(cell.hasClass('down'));
    // Unchanged cells carry no second line.
    assert.equal($('#yoy td.v[data-path="requests.carriedOver.total"] .below').length, 0);
    const diff = await api('GET', `/api/agencies/${ecologyId}/diff`);
    assert.deepEqual($('.diff-section h3 .sim').toArray().map((s) => $(s).text()), diff.sections.map((s: any) =>
      s.similarity === null ? '一方缺少此部分' : `相似度 ${Math.round(s.similarity * 100)}%${s.similarity >= 0.9 ? ' · 高度相似' : ''}`));
    assert.equal($('.diff-section[data-section=overview] .sim').text(), '相似度 100% · 高度相似');
    // The overview differs only in its year: shown character by character, not as a replaced sentence.
    const overview = $('.diff-section[data-section=overview] .diff');
    assert.deepEqual([overview.find('del').toArray().map((d) => $(d).text()), overview.find('ins').toArray().map((d) => $(d).text())], [['2'], ['3']]);
    const problems = $('.diff-section[data-section=problems] .diff');
    assert.deepEqual(problems.find('del').toArray().map((d) => $(d).text()), ['存在的问题是信息更新不够及时。改进措施是明确专人负责、按月检查栏目。']);
    assert.equal(problems.find('ins').length, 1);
    // Years can be chosen; the other way round the change is +15.
    const back = await get(`/agencies/${ecologyId}?to=2022&from=2023`);
    assert.equal(squash(back.$('#yoy td.v[data-path="requests.newReceived.total"] .below').text()), '2023：600 +15');
  });

  test('content from reports is escaped on every page (agency and text with <script> and quotes)', async () => {
    const xssId = ids['xss.txt']!;
    const agency = (await api('GET', '/api/agencies')).find((a: any) => a.name === XSS_AGENCY);
    const pages = [
      '/reports', `/reports/${xssId}`, `/reports/${xssId}/versions/1`, '/regions', `/regions/${zhangdian}?year=2021`, `/regions/${zhangdian}/rollup?year=2021`,
      '/agencies', `/agencies/${agency.id}`, '/import', '/imports/2',
    ];
    for (const path of pages) {
      const { status, text, $ } = await get(path);
      assert.equal(status, 200, path);
      assert.ok(!text.includes('<script>alert'), `${path}: raw script`);
      assert.ok(!/<img[^>]*onerror/.test(text), `${path}: raw img`);
      // Every script element is ours: a file under /static, or JSON data.
      for (const s of $('script').toArray()) {
        const src = $(s).attr('src');
        assert.ok(src ? src.startsWith('/static/') : $(s).attr('type') === 'application/json', `${path}: ${$.html(s)}`);
      }
      // Where the name is shown, it is shown as text.
      if (path !== '/import' && path !== '/imports/2' && !path.startsWith('/regions')) assert.ok(text.includes(escapeHtml(XSS_AGENCY)), `${path}: name missing`);
    }
    const report = await get(`/reports/${xssId}`);
    assert.equal(report.$('h1').text(), `${XSS_AGENCY} 2021 年度`);
    assert.equal(report.$('td.meta-v[data-path="meta.agency"] .num').text(), XSS_AGENCY);
    assert.ok(report.$('#source .src-line').toArray().some((l) => report.$(l).text().includes(XSS_TEXT)));
    assert.equal(pageData(report.$, 'report-data').meta['meta.agency'].value, XSS_AGENCY);
    const region = await get(`/regions/${zhangdian}?year=2021`);
    assert.ok(region.$('svg text').toArray().some((t) => region.$(t).text() === XSS_AGENCY.slice(0, 13) + '…'));
    const batch = await get('/imports/2');
    assert.equal(batch.$('#result-table a').toArray().map((a) => batch.$(a).text()).includes(XSS_AGENCY), true);
  });

  test('the import page, the region tree and the agency list', async () => {
    const imp = await get('/import');
    assert.equal(imp.$('#dropzone').length, 1);
    assert.equal(imp.$('#file-input').attr('multiple'), 'multiple');
    assert.equal(imp.$('#import-form').attr('data-batch-files'), '20');
    assert.deepEqual(imp.$('#batches tbody tr').first().find('td').toArray().slice(4, 8).map((td) => imp.$(td).text()), ['3', '3', '0', '0']);
    const batch = await get('/imports/2');
    assert.equal(batch.$('h1').text(), '导入批次 #2');
    assert.deepEqual(batch.$('#result-table tbody tr').toArray().map((tr) => cells(batch.$, tr).slice(0, 5)), [
      ['v2021.html', '已导入', '某某区生态环境局', '2023', '2021 格式'],
      ['eco-2022.txt', '已导入', '某某区生态环境局', '2022', '2021 格式'],
      ['xss.txt', '已导入', XSS_AGENCY, '2021', '2021 格式'],
    ]);
    assert.deepEqual(batch.$('.exports a').toArray().map((a) => batch.$(a).attr('href')), [
      '/api/reports?importId=2&format=csv', '/api/reports?importId=2&format=xlsx', '/api/reports/data?importId=2&format=csv', '/api/reports/data?importId=2&format=xlsx',
    ]);
    const regions = await get('/regions');
    assert.deepEqual(regions.$('#region-tree .node-name').toArray().map((a) => regions.$(a).text()), ['山东省', '淄博市', '博山区', '张店区', '淄博经济开发区', '淄川区', '云南省', '玉溪市', '澄江市']);
    assert.equal(regions.$(`#region-tree li[data-id=${zhangdian}] > .node .muted`).text(), '直属机关 2');
    const list = await get(`/agencies?regionId=${zhangdian}`);
    assert.deepEqual(list.$('#agency-list tbody tr td:first-child').toArray().map((td) => list.$(td).text()).sort(), ['某某区生态环境局', XSS_AGENCY].sort());
    assert.equal(list.$('.exports a').first().attr('href'), `/api/agencies?regionId=${zhangdian}&format=csv`);
  });

  test('errors are pages in Chinese; static files have their types', async () => {
    const missing = await get('/reports/999');
    assert.equal(missing.status, 404);
    assert.equal(missing.$('h1').text(), '没有找到');
    assert.equal(missing.$('.lead').text(), '报告 999 不存在');
    const bad = await get('/reports/abc');
    assert.equal(bad.status, 404);
    assert.equal((await get('/regions/999')).$('.lead').text(), '区域 999 不存在');
    assert.equal((await get(`/agencies/${ecologyId}?to=2099`)).status, 200);
    const css = await client.request('/static/app.css');
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const js = await client.request('/static/report.js');
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await client.request('/static/../index.ts')).status, 404);
    assert.equal((await client.request('/static/nothing.js')).status, 404);
    const root = await client.request('/reports/1/versions/9');
    assert.equal(root.status, 404);
  });
});
