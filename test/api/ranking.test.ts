import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import ExcelJS from 'exceljs';
import { cellList, writeCell } from '../../src/schema/cells.ts';
import { createApp } from '../../src/server/app.ts';
import { percent } from '../../src/server/export.ts';
import { createAgency } from '../../src/store/agencies.ts';
import type { Store } from '../../src/store/db.ts';
import { importFiles } from '../../src/store/import.ts';
import { agencyRanking, subRegionRanking } from '../../src/store/ranking.ts';
import { createRegion } from '../../src/store/regions.ts';
import { acceptReport, publishReport, returnReport, submitReport } from '../../src/store/workflow.ts';
import { addUser, login, type Client } from '../helpers/auth.ts';
import { zeroTables } from '../helpers/report-builder.ts';
import { onBothDatabases, type OpenStore } from './databases.ts';
import { synthetic } from './fixtures.ts';

/**
 * The region's ranking (政务公开考核) on a small region: 某市 with two counties, 甲县 and 乙县, and
 * agencies whose publication dates, open findings, filled cells and returns are set to known values.
 * Year 2023, today 2024-03-01: departments' deadline 2024-01-31 has passed, governments' 2024-03-31 has not.
 */

const YEAR = 2023;
const TODAY = '2024-03-01';
const CELLS = cellList('2021').length;

test('rates in CSV/XLSX exports are percentages with two decimals, halves rounded up, as the README says', () => {
  assert.equal(CELLS, 200, 'the ranking CSV below expects 表格完整率 (200 − 10) ÷ 200 = 95');
  assert.deepEqual([1 / 3, 2 / 3, 0.123456, 57 / 800, 1 / 32, 1, 0, 0.00004].map(percent), [33.33, 66.67, 12.35, 7.13, 3.13, 100, 0, 0]);
  assert.equal(percent(null), null);
});

function suite(name: string, open: OpenStore, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    const ids = { city: 0, jia: 0, yi: 0, other: 0 };
    const reports: Record<string, number> = {};
    const clients: Record<string, Client> = {};

    before(async () => {
      ({ store, close } = await open());
      const db = store.db;
      ids.city = (await createRegion(db, { name: '某市' })).id;
      ids.jia = (await createRegion(db, { name: '甲县', parentId: ids.city })).id;
      ids.yi = (await createRegion(db, { name: '乙县', parentId: ids.city })).id;
      const agencies: [string, string, number][] = [
        ['甲县教育局', 'department', ids.jia], ['甲县财政局', 'department', ids.jia],
        ['乙县人民政府', 'government', ids.yi], ['乙县民政局', 'department', ids.yi], ['乙县交通局', 'department', ids.yi],
        ['某市财政局', 'department', ids.city],
      ];
      for (const [agency, issuerType, regionId] of agencies) await createAgency(db, { name: agency, issuerType, regionId });
      for (const agency of ['甲县教育局', '甲县财政局', '乙县人民政府']) {
        const r = await importFiles(store, [{ name: `${agency}.txt`, bytes: Buffer.from(synthetic({ agency, year: YEAR })) }], { author: 'tester' });
        assert.equal(r.imported, 1, JSON.stringify(r.items));
        reports[agency] = r.items[0]!.reportId!;
      }
      const userId = await addUser(store, 'admin', 'admin');
      const user = { id: userId, username: 'admin' };
      const actor = { userId, username: 'admin', address: null };
      const back = (id: number) => returnReport(store, id, { comment: '请核对' }, user, actor);
      // 甲县教育局: published before its deadline. 甲县财政局: returned twice, published after it.
      // 乙县人民政府: returned once, submitted again, its deadline not yet come. The others have no report.
      await submitReport(store, reports['甲县教育局']!, user, actor);
      await acceptReport(store, reports['甲县教育局']!, user, actor);
      await publishReport(store, reports['甲县教育局']!, { url: 'https://example.gov.cn/a', date: '2024-01-20' }, user, actor);
      const finance = reports['甲县财政局']!;
      for (let i = 0; i < 2; i++) {
        await submitReport(store, finance, user, actor);
        await back(finance);
      }
      await submitReport(store, finance, user, actor);
      await acceptReport(store, finance, user, actor);
      await publishReport(store, finance, { url: 'https://example.gov.cn/b', date: '2024-02-10' }, user, actor);
      await submitReport(store, reports['乙县人民政府']!, user, actor);
      await back(reports['乙县人民政府']!);
      await submitReport(store, reports['乙县人民政府']!, user, actor);
      // Known open findings and filled cells: 甲县财政局 leaves 10 cells of table 三 blank.
      const partly = zeroTables('2021');
      for (const def of cellList('2021').filter((c) => c.table === 'requests').slice(0, 10)) writeCell(partly, def.path, null);
      const set = (agency: string, errors: number, warnings: number, tables = zeroTables('2021')) =>
        db.updateTable('reports').set({ errors, warnings, tables: JSON.stringify(tables) }).where('id', '=', reports[agency]!).execute();
      await set('甲县教育局', 0, 2);
      await set('甲县财政局', 1, 0, partly);
      await set('乙县人民政府', 0, 0);

      // Another city, apart: an agency whose name a spreadsheet would take for a formula.
      ids.other = (await createRegion(db, { name: '另一市' })).id;
      await createAgency(db, { name: '=HYPERLINK("http://x")局', issuerType: 'department', regionId: ids.other });

      app = createApp(store, { today: () => TODAY });
      await addUser(store, 'supervisor-other', 'supervisor', { regionId: ids.other });
      await addUser(store, 'supervisor-jia', 'supervisor', { regionId: ids.jia });
      await addUser(store, 'supervisor-yi', 'supervisor', { regionId: ids.yi });
      await addUser(store, 'supervisor-city', 'supervisor', { regionId: ids.city });
      for (const u of ['supervisor-jia', 'supervisor-yi', 'supervisor-city', 'supervisor-other']) clients[u] = await login(app, u);
    });
    after(async () => close?.());

    test('agencies: ordered by on time, open errors, filled cells, returns, open warnings; ties share a place and go by name', async () => {
      const r = await agencyRanking(store.db, ids.city, YEAR, store.checkConfig, TODAY);
      const rows = r.items.map((a) => [a.rank, a.agency, a.timeliness, a.errors, a.completeness.numerator, a.completeness.denominator, a.returns, a.warnings]);
      assert.deepEqual(rows, [
        [1, '甲县教育局', 'onTime', 0, CELLS, CELLS, 0, 2],
        [2, '乙县人民政府', 'pending', 0, CELLS, CELLS, 1, 0],
        [3, '甲县财政局', 'late', 1, CELLS - 10, CELLS, 2, 0],
        [4, '某市财政局', 'overdue', null, null, null, 0, null],
        [4, '乙县交通局', 'overdue', null, null, null, 0, null],
        [4, '乙县民政局', 'overdue', null, null, null, 0, null],
      ]);
      const finance = r.items[2]!;
      assert.deepEqual([finance.deadline, finance.publishedOn, finance.status, finance.reportId], ['2024-01-31', '2024-02-10', 'published', reports['甲县财政局']]);
      assert.equal(finance.completeness.value, (CELLS - 10) / CELLS);
      // A county's ranking has only its own agencies.
      const jia = await agencyRanking(store.db, ids.jia, YEAR, store.checkConfig, TODAY);
      assert.deepEqual(jia.items.map((a) => [a.rank, a.agency]), [[1, '甲县教育局'], [2, '甲县财政局']]);
    });

    test('counties against counties: rates over each county’s agencies; the city’s own agency is in no county', async () => {
      const r = await subRegionRanking(store.db, ids.city, YEAR, store.checkConfig, TODAY);
      const rows = r.items.map((x) => ({
        rank: x.rank, region: x.region, agencies: x.agencies, reports: x.reports, onTime: x.onTime, late: x.late, overdue: x.overdue,
        onTimeRate: x.onTimeRate.value, errors: x.errors, errorsPerReport: x.errorsPerReport.value, warnings: x.warnings,
        completeness: [x.completeness.numerator, x.completeness.denominator], returns: x.returns, returnsPerReport: x.returnsPerReport.value,
      }));
      assert.deepEqual(rows, [
        { rank: 1, region: '甲县', agencies: 2, reports: 2, onTime: 1, late: 1, overdue: 0, onTimeRate: 0.5, errors: 1, errorsPerReport: 0.5, warnings: 2,
          completeness: [2 * CELLS - 10, 2 * CELLS], returns: 2, returnsPerReport: 1 },
        { rank: 2, region: '乙县', agencies: 3, reports: 1, onTime: 0, late: 0, overdue: 2, onTimeRate: 0, errors: 0, errorsPerReport: 0, warnings: 0,
          completeness: [CELLS, CELLS], returns: 1, returnsPerReport: 1 },
      ]);
      // A county has no sub-regions: an empty list.
      assert.deepEqual((await subRegionRanking(store.db, ids.jia, YEAR, store.checkConfig, TODAY)).items, []);
    });

    test('API: json with the definitions and the order, csv and xlsx with them; scoped to the supervisor’s region', async () => {
      const res = await clients['supervisor-city']!.request(`/api/regions/${ids.city}/ranking?year=${YEAR}&level=regions`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as any;
      assert.deepEqual(body.items.map((x: any) => [x.rank, x.region]), [[1, '甲县'], [2, '乙县']]);
      assert.match(body.definitions.completeness.definition, new RegExp(`2021 格式共 ${CELLS} 个`));
      assert.match(body.order, /按时发布率/);

      const jia = await clients['supervisor-jia']!.request(`/api/regions/${ids.jia}/ranking?year=${YEAR}`);
      assert.equal(jia.status, 200);
      assert.deepEqual(((await jia.json()) as any).items.map((a: any) => a.agency), ['甲县教育局', '甲县财政局']);
      // Another county's supervisor, or a county's supervisor asking for the city: not found.
      assert.equal((await clients['supervisor-yi']!.request(`/api/regions/${ids.jia}/ranking?year=${YEAR}`)).status, 404);
      assert.equal((await clients['supervisor-jia']!.request(`/api/regions/${ids.city}/ranking?year=${YEAR}&level=regions`)).status, 404);
      assert.equal((await clients['supervisor-jia']!.request(`/api/regions/${ids.jia}/ranking?year=${YEAR}&level=towns`)).status, 400);

      const csv = await (await clients['supervisor-city']!.request(`/api/regions/${ids.city}/ranking?year=${YEAR}&format=csv`)).text();
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], '名次,机关,区域,机关类型,报告编号,状态,发布期限,发布日期,按时发布,未处理的错误数,表格完整率（%）,已填单元格数,单元格总数,退回次数,未处理的警告数');
      assert.equal(lines[3], `3,甲县财政局,某市/甲县,政府部门,${reports['甲县财政局']},已发布,2024-01-31,2024-02-10,逾期发布,1,95,${CELLS - 10},${CELLS},2,0`);
      assert.equal(lines[6], '4,乙县民政局,某市/乙县,政府部门,,未报送,2024-01-31,,逾期未发布,,,,,0,');
      assert.equal(lines[7], '');
      assert.match(lines[8]!, /^按时发布,/);
      assert.ok(lines.some((l) => l.startsWith('排名规则,') && l.includes('并列')), 'the order follows the definitions');

      const injected = await (await clients['supervisor-other']!.request(`/api/regions/${ids.other}/ranking?year=${YEAR}&format=csv`)).text();
      assert.equal(injected.replace(/^\uFEFF/, '').split('\r\n')[1], `1,"'=HYPERLINK(""http://x"")局",另一市,政府部门,,未报送,2024-01-31,,逾期未发布,,,,,0,`);
      assert.equal((await clients['supervisor-other']!.request(`/api/regions/${ids.city}/ranking?year=${YEAR}`)).status, 404);

      const xlsx = await clients['supervisor-city']!.request(`/api/regions/${ids.city}/ranking?year=${YEAR}&level=regions&format=xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
      assert.deepEqual(wb.worksheets.map((w) => w.name), ['排名', '说明']);
      assert.equal(wb.getWorksheet('排名')!.getCell(2, 2).value, '甲县');
      assert.equal(wb.getWorksheet('说明')!.rowCount, 7);
    });

    test('the summary report sums only the accepted reports when asked (reports=accepted), every report otherwise', async () => {
      const url = (extra: string) => `/api/regions/${ids.city}/summary-report?year=${YEAR}${extra}`;
      const all = (await (await clients['supervisor-city']!.request(url(''))).json()) as any;
      assert.deepEqual(all.included.map((i: any) => i.agency), ['甲县教育局', '甲县财政局', '乙县人民政府']);
      const accepted = (await (await clients['supervisor-city']!.request(url('&reports=accepted'))).json()) as any;
      assert.deepEqual(accepted.included.map((i: any) => i.agency), ['甲县教育局', '甲县财政局']);
      assert.deepEqual(accepted.skipped, [{ file: `#${reports['乙县人民政府']}`, agency: '乙县人民政府', reason: '尚未审核通过（已报送）' }]);
      for (const format of ['docx', 'pdf', 'html', 'xlsx']) {
        const res = await clients['supervisor-city']!.request(url(`&reports=accepted&format=${format}`));
        assert.equal(res.status, 200, format);
        assert.match(decodeURIComponent(res.headers.get('content-disposition')!), new RegExp(`某市${YEAR}年度汇总报告（已通过）\\.${format}`));
      }
      assert.equal((await clients['supervisor-city']!.request(url('&reports=some'))).status, 400);
      assert.equal((await clients['supervisor-other']!.request(url('&reports=accepted'))).status, 404);
    });

    test('the page: every measure and its definition, the order, the export links; linked from the status page', async () => {
      const page = await (await clients['supervisor-city']!.request(`/regions/${ids.city}/ranking?year=${YEAR}`)).text();
      assert.match(page, /id="ranking-agencies"/);
      assert.match(page, /id="ranking-regions"/);
      for (const label of ['按时发布', '未处理的错误数', '未处理的警告数', '表格完整率', '退回次数']) assert.ok(page.includes(`<dt>${label}</dt>`), label);
      assert.match(page, /<tr data-agency="\d+"><td>1<\/td><td><a href="\/agencies\/\d+">甲县教育局<\/a>/);
      assert.ok(page.includes(`/api/regions/${ids.city}/ranking?year=${YEAR}&amp;level=regions&amp;format=xlsx`));
      assert.ok(page.includes(`/api/regions/${ids.city}/summary-report?year=${YEAR}&amp;format=docx&amp;reports=accepted`), 'the accepted-only summary');
      const status = await (await clients['supervisor-city']!.request(`/regions/${ids.city}/status?year=${YEAR}`)).text();
      assert.ok(status.includes(`href="/regions/${ids.city}/ranking?year=${YEAR}"`));
      assert.equal((await clients['supervisor-yi']!.request(`/regions/${ids.jia}/ranking?year=${YEAR}`)).status, 404);
    });

    test('the summary opened in the authoring form: the region government’s draft holds the summed cells; 409 again; only the region’s supervisors write it; not summed again', async () => {
      await addUser(store, 'clerk-jia', 'clerk', { agencyId: (await store.db.selectFrom('agencies').select('id').where('name', '=', '甲县教育局').executeTakeFirstOrThrow()).id });
      for (const u of ['admin', 'clerk-jia']) clients[u] = await login(app, u);
      const json = (method: string, body?: unknown): RequestInit => (body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const call = async (who: string, method: string, path: string, body?: unknown) => {
        const res = await clients[who]!.request(path, json(method, body));
        return { status: res.status, body: (await res.json()) as any };
      };
      const path = `/api/regions/${ids.city}/summary-draft`;
      assert.equal((await call('clerk-jia', 'POST', path, { year: YEAR })).status, 403);
      assert.equal((await call('supervisor-other', 'POST', path, { year: YEAR })).status, 404);
      assert.equal((await call('supervisor-city', 'POST', path, { year: 2030 })).body.error.message, `区域“某市”没有 2030 年有统计表的报告，无法生成汇总报告`);

      const made = await call('supervisor-city', 'POST', path, { year: YEAR });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.deepEqual(made.body, { id: made.body.id, reports: 2, skipped: 1 });
      const id = made.body.id as number;
      const summary = (await call('supervisor-city', 'GET', `/api/regions/${ids.city}/summary-report?year=${YEAR}&reports=accepted`)).body;
      const row = await store.db.selectFrom('reports').innerJoin('agencies', 'agencies.id', 'reports.agency_id')
        .select(['reports.data', 'reports.status', 'agencies.name', 'agencies.region_id', 'agencies.issuer_type']).where('reports.id', '=', id).executeTakeFirstOrThrow();
      const data = JSON.parse(row.data);
      assert.deepEqual([row.name, row.region_id, row.issuer_type, row.status, data.issuerType], ['某市人民政府', ids.city, 'government', 'draft', 'government']);
      assert.deepEqual(data.tables, summary.report.tables);
      assert.deepEqual(Object.values(data.sections), [null, null, null, null, null, null]);
      assert.match(data.preamble, /统计期限自2023年1月1日起至2023年12月31日止。如对本报告有任何疑问，请与某市人民政府联系。$/);
      assert.deepEqual(data.provenance['requests.carriedOver.total'], { start: 0, end: 0, line: 1, text: '', note: '区域汇总：2 份报告相加' });
      const versions = (await call('supervisor-city', 'GET', `/api/reports/${id}/versions`)).body;
      assert.equal(versions[0].reason, '区域汇总：由 2 份已通过的报告逐格相加，1 份未计入');

      const again = await call('supervisor-city', 'POST', path, { year: YEAR, reports: 'all' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.details.reportId, id);
      // 乙县人民政府 has its own 2023 report: the county's summary would be a second report of that agency and year.
      const yi = await call('supervisor-yi', 'POST', `/api/regions/${ids.yi}/summary-draft`, { year: YEAR, reports: 'all' });
      assert.equal(yi.status, 409);
      assert.equal(yi.body.error.details.reportId, reports['乙县人民政府']);
      assert.equal((await call('supervisor-city', 'POST', path, { year: YEAR, reports: 'some' })).status, 400);

      // Who writes it: the city's supervisors and admins; a county's or another city's supervisor 403, another agency's clerk outside its scope 404.
      const current = (await call('supervisor-city', 'GET', `/api/reports/${id}/content`)).body;
      const content = { ...current.content, sections: { ...current.content.sections, overview: '本市政府信息公开工作总体情况。' } };
      for (const who of ['supervisor-jia', 'supervisor-other']) {
        assert.equal((await call(who, 'PUT', `/api/reports/${id}/content`, { baseVersion: 1, content })).status, 403, who);
        assert.equal((await call(who, 'POST', `/api/reports/${id}/content/check`, { content })).status, 403, who);
        assert.equal((await call(who, 'POST', `/api/reports/${id}/submit`)).status, 403, who);
      }
      assert.equal((await call('clerk-jia', 'PUT', `/api/reports/${id}/content`, { baseVersion: 1, content })).status, 404);
      assert.equal((await call('supervisor-jia', 'PUT', `/api/reports/${reports['甲县教育局']}/content`, { baseVersion: 1, content })).status, 403, 'an agency’s report stays its clerks’');
      assert.equal((await clients['supervisor-jia']!.request(`/reports/${id}/edit`)).status, 403);
      assert.equal((await clients['supervisor-city']!.request(`/reports/${id}/edit`)).status, 200);
      const saved = await call('supervisor-city', 'PUT', `/api/reports/${id}/content`, { baseVersion: 1, content });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual([saved.body.version, saved.body.changed], [2, true]);
      assert.equal((await call('supervisor-city', 'POST', `/api/reports/${id}/submit`)).body.status, 'submitted');

      // The draft is the region's report: the summary leaves it out and says so.
      const all = (await call('supervisor-city', 'GET', `/api/regions/${ids.city}/summary-report?year=${YEAR}`)).body;
      assert.deepEqual(all.included.map((i: any) => i.agency), ['甲县教育局', '甲县财政局', '乙县人民政府']);
      assert.deepEqual(all.skipped, [{ file: `#${id}`, agency: '某市人民政府', reason: '区域汇总报告（由各机关的报告相加而成），不再计入' }]);
      await call('admin', 'POST', `/api/reports/${id}/accept`);
      const accepted = (await call('supervisor-city', 'GET', `/api/regions/${ids.city}/summary-report?year=${YEAR}&reports=accepted`)).body;
      assert.deepEqual(accepted.report.tables, summary.report.tables);
      assert.deepEqual(accepted.included.map((i: any) => i.agency), ['甲县教育局', '甲县财政局']);
    });
  });
}

onBothDatabases(suite, 'region ranking');
