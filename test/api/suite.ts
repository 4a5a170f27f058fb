import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { findingKey } from '../../src/check/finding-key.ts';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { encodeGb18030 } from '../helpers/gbk.ts';
import { extractReport } from '../../src/extract/report.ts';
import { counts, form, S000, SAMPLE, sampleFindings, synthetic, tables2021, zipOf } from './fixtures.ts';
import type { Finding } from '../../src/check/types.ts';
import { RULES_VERSION } from '../../src/check/pipeline.ts';
import { renderCsv } from '../../src/render/flat.ts';
import { renderJson } from '../../src/render/json.ts';
import { EXTRACTOR_VERSION } from '../../src/extract/version.ts';
import { loginAsAdmin, type Client } from '../helpers/auth.ts';

/**
 * The API test suite. It runs once per database (SQLite file, then PostgreSQL):
 * the same requests must give the same answers on both. The tests share one
 * store and run in order: the samples are preloaded, then files are imported,
 * corrected, summed up and exported.
 */

interface Res {
  status: number;
  headers: Headers;
  body: any;
  text: string;
  bytes: Buffer;
}

const XSS = '<img src=x onerror=alert(1)>';
const ZB_2021 = synthetic({ agency: '淄博市投资促进局', year: 2021, tables: tables2021(), overview: `2021年，淄博市投资促进局${XSS}认真贯彻落实条例。` });
const ZD_2020 = synthetic({ agency: '淄博市张店区教育局', year: 2020 });

export function apiSuite(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    /** The admin 张三, logged in: every request of the suite is made as them. */
    let client: Client;
    /** What the check engine says about each sample (file name → findings). */
    let expected: Map<string, Finding[]>;
    const sampleCounts = (n: number) => counts(expected.get([...expected.keys()][n - 1]!)!);

    async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body instanceof FormData) init.body = body;
      else if (typeof body === 'string' || body instanceof Uint8Array) init.body = body as BodyInit;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
      const res = await client.request(path, init);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = bytes.toString('utf8');
      let parsed: unknown = null;
      if ((res.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed, text, bytes };
    }
    const get = (path: string) => call('GET', path);
    const post = (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers);

    /** An error answer: the status, JSON with a Chinese message. */
    function assertError(res: Res, status: number, pattern: RegExp): void {
      assert.equal(res.status, status, res.text);
      assert.equal(res.body.error.status, status);
      assert.match(res.body.error.message, /[\u4e00-\u9fff]/);
      assert.match(res.body.error.message, pattern);
    }

    before(async () => {
      expected = await sampleFindings();
      ({ store, close } = await open());
      await preloadSamples(store);
      app = createApp(store, { maxUploadFiles: 8, maxFileBytes: 2 * 1024 * 1024, maxUploadBytes: 4 * 1024 * 1024, maxCsvBytes: 64 * 1024 });
      client = await loginAsAdmin(app, store, '张三');
    });
    after(async () => {
      await close();
    });

    test('preloaded samples and the example region tree', async () => {
      const summary = await get('/api/summary');
      assert.equal(summary.status, 200);
      const all = [1, 2, 3, 4, 5].map(sampleCounts);
      assert.deepEqual(summary.body, {
        reports: 5, agencies: 5, regions: 9, years: [2023, 2020], templates: ['2019', '2021'],
        withErrors: all.filter((c) => c.errors).length, withWarnings: all.filter((c) => c.warnings).length,
        errors: all.reduce((n, c) => n + c.errors, 0), warnings: all.reduce((n, c) => n + c.warnings, 0),
      });
      const regions = await get('/api/regions');
      const names = (nodes: any[]): unknown => nodes.map((n) => (n.children.length ? { [n.name]: names(n.children) } : n.name));
      assert.deepEqual(names(regions.body.tree), [
        { 山东省: [{ 淄博市: ['博山区', '张店区', '淄博经济开发区', '淄川区'] }] },
        { 云南省: [{ 玉溪市: ['澄江市'] }] },
      ]);
      const agencies = await get('/api/agencies');
      assert.deepEqual(agencies.body.map((a: any) => [a.id, a.name, a.regionPath.join('/'), a.years]), [
        [5, '澄江市投资促进局', '云南省/玉溪市/澄江市', [2020]],
        [4, '淄博经济开发区管委会', '山东省/淄博市/淄博经济开发区', [2020]],
        [3, '淄博市博山区投资促进中心', '山东省/淄博市/博山区', [2023]],
        [1, '淄博市投资促进局', '山东省/淄博市', [2020]],
        [2, '淄川区工业和信息化局', '山东省/淄博市/淄川区', [2020]],
      ]);
      // The pages are mounted beside the API: / leads to the report list; unknown pages get an HTML 404.
      const root = await client.request('/');
      assert.equal(root.status, 302);
      assert.equal(root.headers.get('location'), '/reports');
      const missing = await client.request('/no-such-page');
      assert.equal(missing.status, 404);
      assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await missing.text(), /没有这个页面：\/no-such-page/);
    });

    test('report list: filters, counts, paging, sorting', async () => {
      const all = await get('/api/reports');
      assert.equal(all.body.total, 5);
      assert.deepEqual(all.body.items.map((r: any) => [r.id, r.year, { errors: r.errors, warnings: r.warnings, infos: r.infos }]), [
        [4, 2023, sampleCounts(4)], [1, 2020, sampleCounts(1)], [3, 2020, sampleCounts(3)], [2, 2020, sampleCounts(2)], [5, 2020, sampleCounts(5)],
      ]);
      const withSeverity = (key: 'errors' | 'warnings', ids: number[]) => ids.filter((id) => sampleCounts(id)[key] > 0);
      const ids = async (q: string) => (await get(`/api/reports?${q}`)).body.items.map((r: any) => r.id);
      assert.deepEqual(await ids('year=2020'), [1, 3, 2, 5]);
      assert.deepEqual(await ids('regionId=2'), [4, 1, 3, 2]);
      assert.deepEqual(await ids('regionId=4'), [5]);
      assert.deepEqual(await ids('template=2021'), [4]);
      assert.deepEqual(await ids('severity=clean'), [4, 1, 3, 2, 5].filter((id) => !sampleCounts(id).errors && !sampleCounts(id).warnings));
      assert.deepEqual(await ids('severity=warning&year=2020'), withSeverity('warnings', [1, 3, 2, 5]));
      assert.deepEqual(await ids('severity=error'), withSeverity('errors', [4, 1, 3, 2, 5]));
      assert.deepEqual(await ids('agency=淄川'), [2]);
      assert.deepEqual(await ids('agencyId=3'), [4]);
      assert.deepEqual(await ids('sort=id&limit=2&offset=1'), [2, 3]);
      assert.deepEqual(await ids('sort=agency&year=2020'), [1, 3, 2, 5]);
      const page = await get('/api/reports?sort=id&limit=2&offset=1');
      assert.deepEqual([page.body.total, page.body.limit, page.body.offset], [5, 2, 1]);
      const pastEnd = await get('/api/reports?sort=id&limit=2&offset=7');
      assert.deepEqual([pastEnd.body.total, pastEnd.body.items.length], [5, 0]);
      const none = await get('/api/reports?year=2031');
      assert.deepEqual([none.body.total, none.body.items.length], [0, 0]);
      assertError(await get('/api/reports?limit=0'), 400, /limit/);
      assertError(await get('/api/reports?severity=fatal'), 400, /severity/);
      assertError(await get('/api/reports?year=二〇二〇'), 400, /year/);
      assertError(await get('/api/reports?regionId=999'), 404, /区域 999 不存在/);
    });

    test('a report: data with provenance into the decoded text, findings, original bytes', async () => {
      const r = await get('/api/reports/1');
      assert.equal(r.status, 200);
      assert.equal(r.body.agency, '淄博市投资促进局');
      assert.deepEqual(r.body.regionPath, ['山东省', '淄博市']);
      assert.equal(r.body.version, 1);
      assert.equal(r.body.encoding, 'utf-8');
      assert.equal(r.body.contentHash, createHash('sha256').update(SAMPLE(S000)).digest('hex'));
      assert.deepEqual(r.body.report.tables.requests.newReceived, [2, 0, 0, 0, 0, 0, 2]);
      const p = r.body.report.provenance['requests.newReceived.total'];
      assert.equal(r.body.text.slice(p.start, p.end), p.text);
      assert.equal(p.text, '2');
      // Each finding with its key, under which reviewers' decisions are kept (none yet).
      assert.deepEqual(r.body.findings, JSON.parse(JSON.stringify(expected.get(S000)!.map((f) => ({ ...f, key: findingKey(f) })))));
      assert.deepEqual({ errors: r.body.errors, warnings: r.body.warnings, infos: r.body.infos }, sampleCounts(1));
      // The blank 社会公益组织 cell of （七）总计 is reported where it is printed.
      const blank = r.body.findings.find((f: any) => f.rule === 'CELL-02');
      assert.deepEqual(blank.location, { table: 'requests', row: 'resultTotal', column: 'publicInterest' });
      assert.equal(blank.span.start, r.body.report.provenance['requests.resultTotal.publicInterest'].start);
      assert.deepEqual(r.body.corrections, []);
      // The one list: the findings (sample 000 has no extraction note), and the versions that produced data and findings.
      assert.deepEqual(r.body.messages, r.body.findings);
      assert.deepEqual(r.body.versions, { extractor: EXTRACTOR_VERSION, rules: RULES_VERSION });
      const noText = await get('/api/reports/1?text=0');
      assert.equal(noText.body.text, undefined);
      const findings = await get('/api/reports/1/findings');
      assert.deepEqual(findings.body, r.body.findings);

      const original = await get('/api/reports/1/original');
      assert.equal(original.status, 200);
      assert.deepEqual(original.bytes, SAMPLE(S000));
      assert.equal(original.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.match(original.headers.get('content-disposition')!, /^attachment; filename="000_6c4583cee035bde5\.txt"/);
      assert.match(original.headers.get('content-security-policy')!, /sandbox/);
      assertError(await get('/api/reports/99'), 404, /报告 99 不存在/);
      assertError(await get('/api/reports/abc'), 400, /id/);
    });

    test('import: several files and a .zip; duplicates by content; unreadable files listed with the reason', async () => {
      const res = await post('/api/imports', form({
        '000-again.txt': SAMPLE(S000),
        'zbtzj-2021.txt': ZB_2021,
        'empty.txt': '',
        'notes.txt': '这不是年度报告，只是一段说明。',
        'batch.zip': await zipOf({ 'reports/zd-2020.txt': ZD_2020, 'nested.zip': await zipOf({ 'a.txt': 'x' }), 'readme.exe': 'MZ', '__MACOSX/._zd-2020.txt': 'x' }),
      }, { author: '王五' }));
      assert.equal(res.status, 201, res.text);
      assert.deepEqual([res.body.total, res.body.imported, res.body.duplicates, res.body.failed], [7, 2, 1, 4]);
      assert.deepEqual(res.body.items.map((i: any) => [i.name, i.status, i.reportId ?? null]), [
        ['batch.zip/nested.zip', 'failed', null],
        ['batch.zip/readme.exe', 'failed', null],
        ['000-again.txt', 'duplicate', 1],
        ['zbtzj-2021.txt', 'imported', 6],
        ['empty.txt', 'failed', null],
        ['notes.txt', 'failed', null],
        ['batch.zip/reports/zd-2020.txt', 'imported', 7],
      ]);
      const reasons = Object.fromEntries(res.body.items.filter((i: any) => i.reason).map((i: any) => [i.name, i.reason]));
      assert.equal(reasons['empty.txt'], 'empty.txt：文件为空');
      assert.match(reasons['notes.txt'], /^notes\.txt：/);
      assert.match(reasons['batch.zip/nested.zip'], /压缩包中的压缩包/);
      assert.match(reasons['batch.zip/readme.exe'], /不是可读取的报告文件/);
      assert.equal(reasons['000-again.txt'], '与已导入的报告 1 内容相同');
      const imported = res.body.items.find((i: any) => i.reportId === 6);
      assert.deepEqual([imported.agency, imported.year, imported.template], ['淄博市投资促进局', 2021, '2021']);

      const batch = await get(`/api/imports/${res.body.id}`);
      assert.deepEqual(batch.body, res.body);
      const batches = await get('/api/imports');
      assert.deepEqual(batches.body.map((b: any) => [b.source, b.author, b.imported]), [['api', '张三', 2], ['preload', 'ogi（样例）', 5]]);
      // The new agency has no region yet; the known one keeps its own.
      const zd = (await get('/api/reports/7')).body;
      assert.deepEqual([zd.agency, zd.regionId, zd.fileName, zd.version], ['淄博市张店区教育局', null, 'batch.zip/reports/zd-2020.txt', 1]);
      assert.deepEqual((await get('/api/reports/7/original')).text, ZD_2020);
      assert.deepEqual((await get('/api/agencies?unassigned=1')).body.map((a: any) => a.name), ['淄博市张店区教育局']);
    });

    test('cross-year findings are computed on import, against the previous year of the same agency', async () => {
      const x = await get('/api/regions/2/cross-year?year=2021');
      assert.equal(x.status, 200);
      assert.deepEqual(x.body.items.map((i: any) => [i.reportId, i.agency, i.finding.rule, i.finding.location.row, i.finding.cells]), [
        [6, '淄博市投资促进局', 'X-01', 'carriedOver', ['requests.carriedOver.naturalPerson', 'requests.carriedOver.total']],
        [6, '淄博市投资促进局', 'X-04', undefined, undefined],
      ]);
      assert.match(x.body.items[0].finding.message, /“自然人”列本年1、上年0，“总计”列本年1、上年0$/);
      assert.match(x.body.items[1].finding.message, /^上一年度（2020年）报告采用 2019 格式，本年度采用 2021 格式/);
      assert.deepEqual((await get('/api/regions/2/cross-year?year=2020')).body.items, []);
    });

    test('correction: a new version with who, when, old, new and why; checks re-run for the report and the next year', async () => {
      const before = (await get('/api/reports/1')).body;
      const res = await post('/api/reports/1/corrections', {
        author: '张三', reason: '原文结转下年度为 1 件，读取有误', baseVersion: 1,
        changes: [{ path: 'requests.carriedForward.naturalPerson', value: 1 }, { path: 'requests.carriedForward.total', value: 1 }],
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.version, 2);
      assert.equal(res.body.kind, 'correction');
      assert.equal(res.body.author, '张三');
      assert.deepEqual(res.body.changes, [
        { path: 'requests.carriedForward.naturalPerson', old: 0, new: 1 },
        { path: 'requests.carriedForward.total', old: 0, new: 1 },
      ]);
      // 2 + 0 ≠ 2 + 1 now: the balance check of the corrected report fails at once (errors > 0)…
      assert.equal(res.body.report.version, 2);
      assert.ok(res.body.report.errors > before.errors);
      const after = (await get('/api/reports/1')).body;
      assert.deepEqual(after.report.tables.requests.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
      assert.ok(after.findings.some((f: any) => f.rule === 'SUM-01' && f.severity === 'error'));
      assert.deepEqual(after.corrections.map((c: any) => [c.path, c.imported, c.value, c.version, c.author]), [
        ['requests.carriedForward.naturalPerson', 0, 1, 2, '张三'],
        ['requests.carriedForward.total', 0, 1, 2, '张三'],
      ]);
      // …and the 2021 report of the same agency no longer differs from its previous year (X-01 gone).
      assert.deepEqual(xRules((await get('/api/regions/2/cross-year?year=2021')).body), ['X-04']);

      const versions = (await get('/api/reports/1/versions')).body;
      assert.deepEqual(versions.map((v: any) => [v.version, v.kind, v.author, v.reason, v.changes.length]), [
        [1, 'import', 'ogi（样例）', null, 0],
        [2, 'correction', '张三', '原文结转下年度为 1 件，读取有误', 2],
      ]);
      const v1 = (await get('/api/reports/1/versions/1')).body;
      assert.deepEqual(v1.report.tables.requests.carriedForward, [0, 0, 0, 0, 0, 0, 0]);
      assert.equal(v1.version.kind, 'import');
      assertError(await get('/api/reports/1/versions/9'), 404, /没有第 9 版/);

      // A stale base version is refused; the values stay.
      assertError(await post('/api/reports/1/corrections', { author: '李四', reason: '改', baseVersion: 1, changes: [{ path: 'requests.newReceived.total', value: 9 }] }), 409, /已从第 1 版改到第 2 版/);

      const revert = await post('/api/reports/1/revert', { version: 1, author: '李四', reason: '撤销' });
      assert.equal(revert.status, 201, revert.text);
      assert.deepEqual([revert.body.version, revert.body.kind, revert.body.report.errors, revert.body.report.version], [3, 'revert', before.errors, 3]);
      assert.deepEqual(revert.body.changes, [
        { path: 'requests.carriedForward.naturalPerson', old: 1, new: 0 },
        { path: 'requests.carriedForward.total', old: 1, new: 0 },
      ]);
      assert.deepEqual((await get('/api/reports/1')).body.corrections, []);
      assert.deepEqual(xRules((await get('/api/regions/2/cross-year?year=2021')).body), ['X-01', 'X-04']);
      assertError(await post('/api/reports/1/revert', { version: 3, author: '李四' }), 400, /无需恢复/);
      assert.deepEqual((await get('/api/reports/1/versions')).body.map((v: any) => v.kind), ['import', 'correction', 'revert']);
    });

    test('correction: metadata and blanks; bad input gets a 4xx with a Chinese message', async () => {
      const blank = await post('/api/reports/2/corrections', { author: '张三', reason: '原文此格空白', changes: [{ path: 'review.review.upheld', value: null }] });
      assert.equal(blank.status, 201, blank.text);
      assert.deepEqual(blank.body.changes, [{ path: 'review.review.upheld', old: 0, new: null }]);
      const meta = await post('/api/reports/7/corrections', { author: '张三', reason: '落款日期', changes: [{ path: 'meta.signedOn', value: '2021-01-15' }] });
      assert.equal(meta.status, 201, meta.text);
      assert.deepEqual(meta.body.changes, [{ path: 'meta.signedOn', old: '2021-01-20', new: '2021-01-15' }]);

      const bad = (changes: unknown, extra: Record<string, unknown> = {}) => post('/api/reports/1/corrections', { author: '张三', reason: '测试', changes, ...extra });
      assertError(await bad([{ path: 'requests.bogus.total', value: 1 }]), 400, /不是 2019 格式统计表中的单元格/);
      assertError(await bad([{ path: 'requests.newReceived.total', value: -1 }]), 400, /件数不能为负数/);
      assertError(await bad([{ path: 'requests.newReceived.total', value: 1.5 }]), 400, /应为整数/);
      assertError(await bad([{ path: 'requests.newReceived.total', value: '3' }]), 400, /应为数字/);
      assertError(await bad([{ path: 'requests.newReceived.total', value: 2 }]), 400, /没有产生新版本/);
      assertError(await bad([{ path: 'meta.year', value: 3020 }]), 400, /年度/);
      assertError(await bad([{ path: 'meta.template', value: '2021' }]), 400, /不能修改/);
      assertError(await bad([{ path: 'meta.signedOn', value: '2021-02-30' }]), 400, /日期/);
      assertError(await bad([]), 400, /changes/);
      assertError(await post('/api/reports/1/corrections', '{not json', { 'content-type': 'application/json' }), 400, /JSON/);
      assertError(await post('/api/reports/42/corrections', { author: '张三', reason: '测试', changes: [{ path: 'requests.newReceived.total', value: 1 }] }), 404, /报告 42 不存在/);
      assert.equal((await get('/api/reports/1')).body.version, 3);
    });

    test('regions: create, rename, move, delete; no cycles; CSV import of agencies with errors per line', async () => {
      const created = await post('/api/regions', { name: '周村区', parentId: 2 });
      assert.equal(created.status, 201);
      const id = created.body.id;
      assertError(await post('/api/regions', { name: '周村区' }), 409, /已存在/);
      assertError(await post('/api/regions', { name: '高青县', parentId: 999 }), 404, /区域 999 不存在/);
      const renamed = await call('PATCH', `/api/regions/${id}`, { name: '周村' });
      assert.deepEqual(renamed.body, { id, name: '周村', parentId: 2 });
      assertError(await call('PATCH', '/api/regions/1', { parentId: 2 }), 400, /不能把区域“山东省”移到它自己或它的下级区域之下/);
      assertError(await call('DELETE', '/api/regions/2'), 409, /下级区域/);
      assert.equal((await call('DELETE', `/api/regions/${id}`)).status, 204);
      assertError(await call('DELETE', `/api/regions/${id}`), 404, /不存在/);

      // Errors: every bad line is listed and nothing is written.
      const badCsv = '机关,区域,上级区域\n淄博市张店区教育局,张店区,淄博市\n,张店区,淄博市\n淄博市周村区财政局,淄博市,云南省\n淄博市张店区教育局,淄川区,淄博市\n';
      const bad = await post('/api/agencies/import', badCsv, { 'content-type': 'text/csv' });
      assertError(bad, 400, /CSV 文件有 3 处错误/);
      assert.deepEqual(bad.body.error.details.map((d: any) => d.line), [3, 4, 5]);
      assert.match(bad.body.error.details[0].message, /^第 3 行：机关名称为空/);
      assert.match(bad.body.error.details[1].message, /^第 4 行：区域“淄博市”已在“山东省”之下/);
      assert.match(bad.body.error.details[2].message, /^第 5 行：机关“淄博市张店区教育局”在第 2 行属于“张店区”/);
      assert.deepEqual((await get('/api/agencies?unassigned=1')).body.map((a: any) => a.name), ['淄博市张店区教育局']);
      assertError(await post('/api/agencies/import', '名称,地区\n甲,乙\n', { 'content-type': 'text/csv' }), 400, /表头应为“机关,区域,上级区域”/);

      // GBK with a new county: the agency moves to 张店区, a new region 高青县 is made under 淄博市.
      const gbk = encodeGb18030('机关,区域,上级区域\r\n淄博市张店区教育局,张店区,淄博市\r\n高青县人民政府,高青县,淄博市\r\n');
      const ok = await post('/api/agencies/import', form({ 'agencies.csv': Buffer.from(gbk) }, {}, 'file'));
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body, { rows: 2, regionsCreated: ['高青县'], agenciesCreated: 1, agenciesMoved: 1, agenciesUnchanged: 0 });
      // UTF-8 with BOM, quoted fields: the same file again changes nothing.
      const again = await post('/api/agencies/import', '\uFEFF机关,区域,上级区域\n"淄博市张店区教育局",张店区,\n', { 'content-type': 'text/csv' });
      assert.deepEqual(again.body, { rows: 1, regionsCreated: [], agenciesCreated: 0, agenciesMoved: 0, agenciesUnchanged: 1 });
      const gq = (await get('/api/agencies?q=高青')).body;
      assert.deepEqual(gq.map((a: any) => [a.name, a.issuerType, a.regionPath.join('/'), a.reports]), [['高青县人民政府', 'government', '山东省/淄博市/高青县', 0]]);
      const moved = await call('PATCH', `/api/agencies/${gq[0].id}`, { issuerType: 'other' });
      assert.equal(moved.body.issuerType, 'other');
      assertError(await call('PATCH', `/api/agencies/${gq[0].id}`, { regionId: 999 }), 404, /区域 999 不存在/);
      assertError(await call('PATCH', `/api/agencies/${gq[0].id}`, { issuerType: 'ministry' }), 400, /issuerType/);
    });

    test('roll-up of a region and year: sums over its agencies, each figure traceable, blanks counted apart', async () => {
      const r = (await get('/api/regions/2/rollup?year=2020&values=1')).body;
      // Without values=1 the same answer without the source reports and each cell's per-report values.
      const plain = (await get('/api/regions/2/rollup?year=2020')).body;
      assert.deepEqual(plain, { ...r, groups: r.groups.map(({ reports: _r, ...g }: any) => ({ ...g, cells: g.cells.map(({ values: _v, ...c }: any) => c) })) });
      assert.equal(plain.groups[0].reportCount, 4);
      assert.deepEqual([r.region.name, r.year, r.agencies, r.reporting], ['淄博市', 2020, 6, 4]);
      assert.equal(r.groups.length, 1);
      const g = r.groups[0];
      assert.equal(g.template, '2019');
      // In Chinese (pinyin) order of the agency names.
      assert.deepEqual(g.reports.map((s: any) => [s.reportId, s.agency]), [[3, '淄博经济开发区管委会'], [1, '淄博市投资促进局'], [7, '淄博市张店区教育局'], [2, '淄川区工业和信息化局']]);
      const cell = (path: string) => g.cells.find((c: any) => c.path === path);
      assert.deepEqual(cell('requests.newReceived.total'), {
        path: 'requests.newReceived.total', table: 'requests', item: null, row: 'newReceived', column: 'total', kind: 'count',
        tableLabel: '三、收到和处理政府信息公开申请情况', itemLabel: null, rowLabel: '一、本年新收政府信息公开申请数量', columnLabel: '总计',
        sum: 6, reported: 4, blanks: 0, values: [4, 2, 0, 0],
      });
      // Report 1 prints nothing in 社会公益组织 of （七）总计; report 2 was corrected to a blank.
      assert.deepEqual(pick(cell('requests.resultTotal.publicInterest')), { sum: 0, reported: 3, blanks: 1, values: [0, null, 0, 0] });
      assert.deepEqual(pick(cell('review.review.upheld')), { sum: 0, reported: 3, blanks: 1, values: [0, 0, 0, null] });
      assert.equal(g.cells.length, 22 + 23 * 7 + 15); // 2019 format: 表二 22 cells, 表三 23 rows × 7, 表四 3 × 5
      assert.deepEqual([r.legacy, r.superseded], [[], []]);
      // A whole province: 澄江 is not in 山东省; 云南省 has only it.
      assert.deepEqual((await get('/api/regions/4/rollup?year=2020&values=1')).body.groups[0].reports.map((s: any) => s.agency), ['澄江市投资促进局']);
      assert.deepEqual((await get('/api/regions/3/rollup?year=2021')).body.groups, []);
      // One cell's sources, as the roll-up page asks for them on a click: each report with its value, blanks as null.
      const sources = async (path: string) => (await get(`/api/regions/2/rollup/sources?year=2020&template=2019&path=${path}`)).body;
      const received = await sources('requests.newReceived.total');
      assert.deepEqual([received.rowLabel, received.sum, received.reported, received.blanks], ['一、本年新收政府信息公开申请数量', 6, 4, 0]);
      assert.deepEqual(received.sources.map((s: any) => [s.reportId, s.agency, s.value]), [[3, '淄博经济开发区管委会', 4], [1, '淄博市投资促进局', 2], [7, '淄博市张店区教育局', 0], [2, '淄川区工业和信息化局', 0]]);
      assert.deepEqual((await sources('requests.resultTotal.publicInterest')).sources.map((s: any) => s.value), [0, null, 0, 0]);
      assertError(await get('/api/regions/2/rollup/sources?year=2020&template=2019&path=requests.nothing'), 400, /2019 格式的统计表没有单元格“requests.nothing”/);
      assertError(await get('/api/regions/2/rollup/sources?year=2020&path=requests.newReceived.total'), 400, /template/);
      assertError(await get('/api/regions/999/rollup/sources?year=2020&template=2019&path=requests.newReceived.total'), 404, /区域 999 不存在/);
      assertError(await get('/api/regions/2/rollup'), 400, /year/);
      assertError(await get('/api/regions/999/rollup?year=2020'), 404, /区域 999 不存在/);

      const csv = await get('/api/regions/2/rollup?year=2020&format=csv');
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(csv.headers.get('content-disposition')!, /filename\*=UTF-8''%E6%B7%84%E5%8D%9A%E5%B8%822020/);
      const lines = csv.text.split('\r\n');
      assert.equal(lines[0], '\uFEFF格式,表格,项目,行,列,路径,合计,填报数,空白数,来源');
      assert.ok(lines.includes('2019,三、收到和处理政府信息公开申请情况,,一、本年新收政府信息公开申请数量,总计,requests.newReceived.total,6,4,0,淄博经济开发区管委会（#3）=4；淄博市投资促进局（#1）=2；淄博市张店区教育局（#7）=0；淄川区工业和信息化局（#2）=0'));
      const xlsx = await get('/api/regions/2/rollup?year=2020&format=xlsx');
      assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
    });

    test('figures, rankings and rates with their definitions; trends; agencies that have not published', async () => {
      const s = (await get('/api/regions/2/stats?year=2021')).body;
      assert.deepEqual([s.agencies, s.reporting], [6, 1]);
      assert.deepEqual(s.items.map((i: any) => [i.agency, i.received, i.resultTotal, i.openRate, i.correctionRate]), [
        ['淄博市投资促进局', 5, 4, { value: 1, numerator: 4, denominator: 4 }, { value: 1 / 3, numerator: 1, denominator: 3 }],
      ]);
      assert.deepEqual(s.items[0].distribution, {
        granted: { value: 3, blanks: 0 }, partlyGranted: { value: 1, blanks: 0 }, denied: { value: 0, blanks: 0 },
        unavailable: { value: 0, blanks: 0 }, notProcessed: { value: 0, blanks: 0 }, other: { value: 0, blanks: 0 },
      });
      assert.match(s.definitions.correctionRate.definition, /^纠错率 = 表四“结果纠正”之和 ÷（“总计”之和 − “尚未审结”之和）/);
      assert.match(s.definitions.openRate.definition, /^公开率 =（表三“（一）予以公开”\+“（二）部分公开”）÷ 表三“（七）总计”/);
      assert.equal(s.distributionLabels.notProcessed, '不予处理');

      const y = (await get('/api/regions/2/stats?year=2020')).body;
      assert.deepEqual(y.rankings.received.map((e: any) => [e.rank, e.agency, e.value]), [
        [1, '淄博经济开发区管委会', 4], [2, '淄博市投资促进局', 2], [3, '淄博市张店区教育局', 0], [3, '淄川区工业和信息化局', 0],
      ]);
      // Rates with a zero denominator are null, never 0, and rank last without a rank.
      assert.deepEqual(y.rankings.openRate.map((e: any) => [e.rank, e.agency, e.value]), [
        [1, '淄博经济开发区管委会', 1], [1, '淄博市投资促进局', 1], [null, '淄博市张店区教育局', null], [null, '淄川区工业和信息化局', null],
      ]);
      assert.deepEqual(y.totals.openRate, { value: 1, numerator: 6, denominator: 6, included: 2, excluded: 2 });
      assert.deepEqual(y.totals.correctionRate, { value: null, numerator: null, denominator: null, included: 0, excluded: 4 });
      assert.deepEqual(y.totals.received, { value: 6, blanks: 0 });
      const csv = (await get('/api/regions/2/stats?year=2020&format=csv')).text.split('\r\n');
      assert.equal(csv[0], '\uFEFF机关,区域,报告编号,格式,收到申请数,办理结果总数,予以公开,部分公开,不予公开,无法提供,不予处理,其他处理,公开率（%）,公开率分子,公开率分母,纠错率（%）,纠错率分子,纠错率分母');
      assert.equal(csv[1], '淄博经济开发区管委会,山东省/淄博市/淄博经济开发区,3,2019,4,4,4,0,0,0,0,0,100,4,4,,0,0');
      assert.equal(csv[3], '淄博市张店区教育局,山东省/淄博市/张店区,7,2019,0,0,0,0,0,0,0,0,,0,0,,0,0');

      const t = (await get('/api/regions/2/trends')).body;
      assert.deepEqual(t.years.map((p: any) => [p.year, p.reporting, p.received.value, p.openRate.value, p.correctionRate.value]), [
        [2020, 4, 6, 1, null], [2021, 1, 5, 1, 1 / 3], [2023, 1, 0, null, null],
      ]);

      const u = (await get('/api/regions/2/unpublished?year=2021')).body;
      assert.deepEqual(u.items.map((a: any) => [a.agency, a.regionPath.join('/'), a.lastYear]), [
        ['高青县人民政府', '山东省/淄博市/高青县', null],
        ['淄博经济开发区管委会', '山东省/淄博市/淄博经济开发区', 2020],
        ['淄博市博山区投资促进中心', '山东省/淄博市/博山区', 2023],
        ['淄博市张店区教育局', '山东省/淄博市/张店区', 2020],
        ['淄川区工业和信息化局', '山东省/淄博市/淄川区', 2020],
      ]);
      assert.equal((await get('/api/regions/2/unpublished?year=2021&format=csv')).text.split('\r\n')[1], '高青县人民政府,山东省/淄博市/高青县,其他,');
      const defs = (await get('/api/definitions')).body;
      assert.equal(defs.openRate.label, '公开率');
    });

    test('one agency: tables year by year and a diff of the narrative', async () => {
      const y = (await get('/api/agencies/1/years')).body;
      assert.deepEqual(y.years.map((v: any) => [v.year, v.reportId, v.template]), [[2020, 1, '2019'], [2021, 6, '2021']]);
      const cell = (path: string) => y.cells.find((c: any) => c.path === path);
      assert.deepEqual([cell('requests.newReceived.total').values, cell('requests.newReceived.total').templates], [[2, 5], ['2019', '2021']]);
      assert.deepEqual([cell('active.art20_1.rules.issued').values, cell('active.art20_1.rules.issued').templates], [[null, 0], ['2021']]);
      assert.deepEqual(y.years[1].metrics.correctionRate, { value: 1 / 3, numerator: 1, denominator: 3 });

      const d = (await get('/api/agencies/1/diff')).body;
      assert.deepEqual([d.from, d.to], [{ year: 2020, reportId: 1 }, { year: 2021, reportId: 6 }]);
      const overview = d.sections.find((s: any) => s.key === 'overview');
      assert.equal(overview.heading, '一、总体情况');
      assert.deepEqual(overview.ops.filter((o: any) => o.op === 'insert').map((o: any) => o.text), [`2021年，淄博市投资促进局${XSS}认真贯彻落实条例。`]);
      assert.ok(overview.similarity > 0 && overview.similarity < 0.2);
      assertError(await get('/api/agencies/2/diff'), 404, /不足两个年度/);
      assertError(await get('/api/agencies/1/diff?from=2019&to=2021'), 404, /没有 2019 年度的报告/);
    });

    test('exports: lists, the data of many reports, and every renderer format of one report', async () => {
      const list = await get('/api/reports?year=2020&sort=id&format=csv');
      const rows = list.text.split('\r\n');
      assert.equal(rows[0], '\uFEFF编号,机关,区域,年度,格式,错误,警告,提示,版本,文件,导入时间,修改时间,报送状态,发布日期');
      assert.equal(rows.length, 1 + 5 + 1);
      assert.match(rows[1]!, /^1,淄博市投资促进局,山东省\/淄博市,2020,2019,/);
      // Times in the server's time zone with its offset, never a bare UTC 'Z'.
      const imported = rows[1]!.split(',')[10]!;
      assert.match(imported, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      const detail = (await get('/api/reports/1')).body;
      assert.equal(new Date(imported).getTime(), Math.floor(new Date(detail.importedAt).getTime() / 1000) * 1000);
      const data = await get('/api/reports/data?format=csv&regionId=9');
      assert.match(data.text, /^\uFEFFagency,year,template,table,item,row,column,value,/);
      assert.match(data.text, /\r\n澄江市投资促进局,2020,2019,requests,,newReceived,total,0,/);
      const xlsx = await get('/api/reports/data?format=xlsx&year=2020');
      assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
      assertError(await get('/api/reports/data'), 400, /format/);

      const expected: Record<string, [RegExp, (r: Res) => boolean]> = {
        html: [/^text\/html/, (r) => r.text.startsWith('<!DOCTYPE html>')],
        txt: [/^text\/plain/, (r) => r.text.includes('淄博市投资促进局')],
        md: [/^text\/markdown/, (r) => r.text.startsWith('# 淄博市投资促进局2021年')],
        docx: [/wordprocessingml/, (r) => r.bytes.subarray(0, 2).toString('latin1') === 'PK'],
        xlsx: [/spreadsheetml/, (r) => r.bytes.subarray(0, 2).toString('latin1') === 'PK'],
        csv: [/^text\/csv/, (r) => r.text.startsWith('\uFEFFagency,')],
        json: [/^application\/json/, (r) => JSON.parse(r.text).agency === '淄博市投资促进局'],
      };
      for (const [format, [type, ok]] of Object.entries(expected)) {
        const r = await get(`/api/reports/6/export?format=${format}`);
        assert.equal(r.status, 200, `${format}: ${r.text.slice(0, 200)}`);
        assert.match(r.headers.get('content-type')!, type, format);
        assert.ok(ok(r), format);
        assert.match(r.headers.get('content-disposition')!, new RegExp(`filename\\*=UTF-8''.*-6\\.${format}$`));
      }
      assertError(await get('/api/reports/6/export?format=rtf'), 400, /format/);
      // The same writers as `ogi render`: the same bytes for the same report.
      const stored = (await get('/api/reports/6')).body.report;
      assert.equal((await get('/api/reports/6/export?format=json')).text, renderJson([stored]));
      assert.equal((await get('/api/reports/6/export?format=csv')).text, renderCsv([stored]));
      const findings = await get('/api/reports/6/findings?format=csv');
      assert.equal(findings.text.split('\r\n')[0], '\uFEFF规则,严重程度,说明,位置,行号,原文,实际,应为,依据,审核判断,理由,审核意见,审核人,审核时间');
      const agencies = await get('/api/agencies?format=xlsx');
      assert.equal(agencies.bytes.subarray(0, 2).toString('latin1'), 'PK');
    });

    test('report content is data: returned as is in JSON, escaped in HTML, never served as a page', async () => {
      const r = (await get('/api/reports/6')).body;
      assert.ok(r.report.sections.overview.includes(XSS));
      assert.ok(r.text.includes(XSS));
      const html = await get('/api/reports/6/export?format=html');
      assert.ok(!html.text.includes(XSS));
      assert.ok(html.text.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.match(html.headers.get('content-security-policy')!, /^sandbox; default-src 'none'/);
      assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
      const html2 = await post('/api/imports', form({ 'page.html': `<html><body><h1>淄博市投资促进局</h1><script>alert(1)</script></body></html>` }));
      assert.equal(html2.body.items[0].status, 'failed');
      // A formula in a report never reaches a spreadsheet as a formula.
      const evil = synthetic({ agency: '淄博市投资促进局', year: 2022, overview: '=HYPERLINK("http://example.invalid")' });
      const up = await post('/api/imports', form({ 'evil.txt': evil }));
      const id = up.body.items[0].reportId;
      const diff = (await get('/api/agencies/1/diff?from=2021&to=2022')).body;
      assert.ok(diff.sections[0].ops.some((o: any) => o.text.startsWith('=HYPERLINK')));
      assert.equal((await call('DELETE', `/api/reports/${id}`)).status, 204);
    });

    test('limits and errors: upload count and size, content types, unknown routes, JSON errors', async () => {
      const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`r${i}.txt`, `x${i}`]));
      assertError(await post('/api/imports', form(many)), 413, /一次最多上传 8 个文件/);
      const big = await post('/api/imports', form({ 'big.txt': Buffer.alloc(5 * 1024 * 1024, 0x41) }));
      assertError(big, 413, /请求过大/);
      const oneBig = await post('/api/imports', form({ 'big.txt': Buffer.alloc(3 * 1024 * 1024, 0x41) }));
      assert.equal(oneBig.status, 201);
      assert.match(oneBig.body.items[0].reason, /文件过大/);
      assertError(await post('/api/imports', JSON.stringify({ files: [] }), { 'content-type': 'application/json' }), 415, /multipart/);
      assertError(await post('/api/imports', form({})), 400, /没有收到文件/);
      assertError(await post('/api/agencies/import', 'x', { 'content-type': 'application/json' }), 415, /CSV/);
      // A JSON route reads its body only when it is declared as JSON (a form from another site is not).
      const region = JSON.stringify({ name: '不应建立的区域' });
      assertError(await post('/api/regions', region, { 'content-type': 'text/plain' }), 415, /Content-Type: application\/json/);
      assertError(await post('/api/regions', new TextEncoder().encode(region)), 415, /Content-Type: application\/json/);
      assertError(await call('PATCH', '/api/regions/1', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /Content-Type: application\/json/);
      assert.equal((await post('/api/regions', region, { 'content-type': 'text/plain' })).body.error.code, 'unsupported-media-type');
      assert.ok(!(await get('/api/regions')).text.includes('不应建立的区域'));
      assertError(await get('/api/nothing-here'), 404, /没有这个地址/);
      assertError(await call('PUT', '/api/reports/1'), 404, /没有这个地址/);
      assertError(await post('/api/regions', { name: 'x'.repeat(2 * 1024 * 1024) }), 413, /请求过大/);
      assertError(await post('/api/regions', { name: '' }), 400, /name/);
    });

    test('report data uploaded as JSON is validated against the contract: 400 naming the file and the field', async () => {
      const S003 = '003_587a12f256707b84.txt';
      const base = () => JSON.parse(JSON.stringify(extractReport(SAMPLE(S003).toString('utf8'), { name: S003, format: 'txt' })));
      const edited = (edit: (r: any) => void) => {
        const r = base();
        edit(r);
        return JSON.stringify(r);
      };
      const before = (await get('/api/summary')).body;
      const cases: [string, string, RegExp][] = [
        ['short.json', edited((r) => { r.tables.requests.granted = r.tables.requests.granted.slice(0, 6); }), /^short\.json：tables\.requests\.granted 应有 7 个数值，实有 6 个$/],
        ['string.json', edited((r) => { r.tables.review.review[1] = '5'; }), /^string\.json：tables\.review\.review\[1\] 应为数值或 null（空白），实为文字“5”$/],
        ['template.json', edited((r) => { r.template = '2020'; }), /^template\.json：template 应为 "2019"、"2021"、"legacy" 之一，实为文字“2020”$/],
      ];
      for (const [name, body, message] of cases) {
        // Refused as a whole, even beside a readable report file: nothing is imported.
        const res = await post('/api/imports', form({ [name]: body, 'zd-2020.txt': synthetic({ agency: '淄博市张店区教育局', year: 2019 }) }));
        assertError(res, 400, message);
        assert.equal(res.body.error.code, 'bad-request');
        assert.equal(res.body.error.details.file, name);
        assert.equal(res.body.error.details.problems.length, 1);
      }
      assertError(await post('/api/imports', form({ 'broken.json': '{"agency":' })), 400, /^broken\.json：JSON 格式有误/);
      assert.deepEqual((await get('/api/summary')).body, before);

      // Inside a .zip it is one file among others: listed with the reason, the others import.
      const zipped = await post('/api/imports', form({ 'data.zip': await zipOf({ 'short.json': cases[0]![1], 'ok.json': edited(() => {}) }) }));
      assert.equal(zipped.status, 201, zipped.text);
      const items = Object.fromEntries(zipped.body.items.map((i: any) => [i.name, i]));
      assert.equal(items['data.zip/short.json'].status, 'failed');
      assert.equal(items['data.zip/short.json'].reason, 'data.zip/short.json：tables.requests.granted 应有 7 个数值，实有 6 个');
      const ok = items['data.zip/ok.json'];
      assert.deepEqual([ok.status, ok.agency, ok.year, ok.template], ['imported', '淄博市博山区投资促进中心', 2023, '2021']);
      // A valid report given as data is checked like the document it came from (its layout facts are kept).
      const stored = (await get(`/api/reports/${ok.reportId}`)).body;
      assert.equal(stored.format, 'json');
      assert.deepEqual(stored.report.tables, base().tables);
      assert.deepEqual(stored.findings.map((f: Finding) => f.rule).sort(), expected.get(S003)!.map((f) => f.rule).sort());
      assert.equal((await call('DELETE', `/api/reports/${ok.reportId}`)).status, 204);
      assert.deepEqual((await get('/api/summary')).body, before);
    });

    test('delete a report: its original and versions go, the next year is checked again', async () => {
      assert.deepEqual(xRules((await get('/api/regions/2/cross-year?year=2021')).body), ['X-01', 'X-04']);
      assert.equal((await call('DELETE', '/api/reports/1')).status, 204);
      assertError(await get('/api/reports/1'), 404, /报告 1 不存在/);
      assertError(await get('/api/reports/1/original'), 404, /报告 1 不存在/);
      assertError(await get('/api/reports/1/versions'), 404, /报告 1 不存在/);
      assert.deepEqual((await get('/api/regions/2/cross-year?year=2021')).body.items, []);
      assert.equal((await get('/api/summary')).body.reports, 6);
      // The same bytes can be imported again.
      const again = await post('/api/imports', form({ [S000]: SAMPLE(S000) }));
      assert.equal(again.body.items[0].status, 'imported');
    });

    test('OpenAPI description generated from the zod schemas', async () => {
      const doc = (await get('/api/openapi.json')).body;
      assert.equal(doc.openapi, '3.0.3');
      const ops = Object.entries(doc.paths).flatMap(([path, methods]: [string, any]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      for (const op of [
        'GET /api/reports', 'GET /api/reports/{id}', 'POST /api/reports/{id}/corrections', 'POST /api/reports/{id}/revert', 'GET /api/reports/{id}/versions',
        'POST /api/imports', 'GET /api/regions/{id}/rollup', 'GET /api/regions/{id}/stats', 'GET /api/regions/{id}/unpublished', 'GET /api/regions/{id}/cross-year',
        'GET /api/agencies/{id}/diff', 'POST /api/agencies/import', 'GET /api/reports/{id}/export',
      ]) assert.ok(ops.includes(op), op);
      const list = doc.paths['/api/reports'].get;
      assert.deepEqual(list.parameters.find((p: any) => p.name === 'severity').schema.enum, ['error', 'warning', 'info', 'clean']);
      assert.equal(doc.paths['/api/reports/{id}/corrections'].post.requestBody.content['application/json'].schema.required.join(','), 'reason,changes');
      assert.ok(doc.paths['/api/imports'].post.requestBody.content['multipart/form-data']);
      const text = JSON.stringify(doc);
      assert.ok(!text.includes('#/definitions') && !text.includes('$defs'));
    });
  });
}

const xRules = (body: any): string[] => body.items.map((i: any) => i.finding.rule);

function pick(cell: any) {
  return { sum: cell.sum, reported: cell.reported, blanks: cell.blanks, values: cell.values };
}
