import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { addCountyUsers, countyIds } from './counties.ts';
import { addUser, login, type Client } from '../helpers/auth.ts';

/**
 * The reporting workflow: 草稿 → 已报送 → 退回修改 → 再次报送 → 已通过 → 已发布, each step by the
 * roles allowed, recorded with who and when and in the audit log; and the supervisor's status list.
 * County A is 淄川区 with agency a1 (淄川区工业和信息化局, a department); county B is 博山区.
 */
export function workflowSuite(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let reportA1 = 0;
    let reportB = 0;
    let regionA = 0;
    let agencyA1 = 0;
    let year = 0;
    const clients: Record<string, Client> = {};
    const json = (method: string, body: unknown = {}): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const post = (who: string, path: string, body: unknown = {}) => clients[who]!.request(path, json('POST', body));
    const report = async () => (await (await clients.admin!.request(`/api/reports/${reportA1}?text=0`)).json()) as any;

    before(async () => {
      ({ store, close } = await open());
      await preloadSamples(store);
      app = createApp(store, { today: () => '2099-06-01' });
      const ids = await countyIds(store);
      ({ agencyA1, regionA, reportA1, reportB, yearA1: year } = ids);
      await addCountyUsers(store, ids);
      await addUser(store, 'supervisor-b', 'supervisor', { regionId: ids.regionB });
      for (const u of ['admin', 'supervisor-a', 'supervisor-b', 'clerk-a1', 'viewer-a']) clients[u] = await login(app, u);
      // Two more agencies of county A without reports: a government and a township.
      for (const [name, issuerType] of [['淄博市淄川区人民政府', 'government'], ['淄川区般阳路街道办事处', 'township']]) {
        const res = await clients.admin!.request('/api/agencies', json('POST', { name, issuerType, regionId: regionA }));
        assert.equal(res.status, 201, await res.text());
      }
    });
    after(async () => {
      await close();
    });

    test('imported reports start as drafts; illegal steps answer 409 in Chinese', async () => {
      const r = await report();
      assert.equal(r.status, 'draft');
      assert.equal(r.publishedUrl, null);
      const accept = await post('supervisor-a', `/api/reports/${reportA1}/accept`);
      assert.equal(accept.status, 409);
      assert.equal(((await accept.json()) as any).error.message, '报告当前状态为“草稿”，不能通过（只有“已报送”的报告可以通过）');
      assert.equal((await post('supervisor-a', `/api/reports/${reportA1}/return`, { comment: '请修改' })).status, 409);
      assert.equal((await post('clerk-a1', `/api/reports/${reportA1}/publish`, { url: 'https://example.gov.cn/a', date: `${year + 1}-01-20` })).status, 409);
    });

    test('wrong roles 403, out of scope 404', async () => {
      assert.equal((await post('supervisor-a', `/api/reports/${reportA1}/submit`)).status, 403);
      assert.equal((await post('viewer-a', `/api/reports/${reportA1}/submit`)).status, 403);
      assert.equal((await post('clerk-a1', `/api/reports/${reportA1}/accept`)).status, 403);
      assert.equal((await post('clerk-a1', `/api/reports/${reportA1}/return`, { comment: 'x' })).status, 403);
      assert.equal((await post('clerk-a1', `/api/reports/${reportB}/submit`)).status, 404);
      assert.equal((await post('supervisor-b', `/api/reports/${reportA1}/accept`)).status, 404);
      assert.equal((await clients['supervisor-b']!.request(`/api/reports/${reportA1}/workflow`)).status, 404);
      assert.equal((await clients['supervisor-b']!.request(`/api/regions/${regionA}/status?year=${year}`)).status, 404);
      assert.equal((await report()).status, 'draft');
    });

    test('the whole path: submit, return with comments, submit again, accept, publish; each step recorded and audited', async () => {
      const s1 = await post('clerk-a1', `/api/reports/${reportA1}/submit`);
      assert.equal(s1.status, 200, await s1.clone().text());
      assert.deepEqual(((await s1.json()) as any).status, 'submitted');
      assert.equal((await post('clerk-a1', `/api/reports/${reportA1}/submit`)).status, 409);

      const findings = (await report()).findings as any[];
      const key = findings[0].key as string;
      const badCell = await post('supervisor-a', `/api/reports/${reportA1}/return`, { comment: '请核对', cells: ['no.such.cell'] });
      assert.equal(badCell.status, 400);
      const noComment = await post('supervisor-a', `/api/reports/${reportA1}/return`, { comment: '   ' });
      assert.equal(noComment.status, 400);
      const ret = await post('supervisor-a', `/api/reports/${reportA1}/return`, { comment: '收到申请数与结转数不符，请核对', cells: ['requests.newReceived.total'], findingKeys: [key] });
      assert.equal(ret.status, 200, await ret.clone().text());
      assert.equal((await report()).status, 'returned');

      // The clerk sees the comment, the cell and the finding above the findings on the report page.
      const page = await (await clients['clerk-a1']!.request(`/reports/${reportA1}`)).text();
      assert.match(page, /id="return-notice"/);
      assert.match(page, /收到申请数与结转数不符，请核对/);
      assert.match(page, new RegExp(`data-key="${key.replace(/[|.*+?^${}()[\]\\]/g, '\\$&')}"`));
      assert.match(page, /data-path="requests\.newReceived\.total"/);
      assert.match(page, /data-workflow="submit">再次报送/);
      assert.doesNotMatch(page, /data-workflow="accept"/);

      assert.equal((await post('clerk-a1', `/api/reports/${reportA1}/submit`)).status, 200);
      const supPage = await (await clients['supervisor-a']!.request(`/reports/${reportA1}`)).text();
      assert.match(supPage, /data-workflow="accept"/);
      assert.match(supPage, /data-workflow="return"/);
      assert.doesNotMatch(supPage, /data-workflow="submit"/);
      assert.equal((await post('supervisor-a', `/api/reports/${reportA1}/accept`)).status, 200);

      const badUrl = await post('clerk-a1', `/api/reports/${reportA1}/publish`, { url: 'javascript:alert(1)', date: `${year + 1}-02-15` });
      assert.equal(badUrl.status, 400);
      const badDate = await post('clerk-a1', `/api/reports/${reportA1}/publish`, { url: 'https://example.gov.cn/a', date: `${year + 1}-02-30` });
      assert.equal(badDate.status, 400);
      assert.equal((await post('viewer-a', `/api/reports/${reportA1}/publish`, { url: 'https://example.gov.cn/a', date: `${year + 1}-02-15` })).status, 403);
      const pub = await post('clerk-a1', `/api/reports/${reportA1}/publish`, { url: 'https://example.gov.cn/zwgk/ndbg.html', date: `${year + 1}-02-15` });
      assert.equal(pub.status, 200, await pub.clone().text());

      const r = await report();
      assert.equal(r.status, 'published');
      assert.equal(r.publishedUrl, 'https://example.gov.cn/zwgk/ndbg.html');
      assert.equal(r.publishedOn, `${year + 1}-02-15`);
      assert.equal(r.report.publishedOn, `${year + 1}-02-15`);
      // The department deadline is checked on the real date: 2月15日 is after 1月31日.
      const late = r.findings.find((f: any) => f.rule === 'DATE-04');
      assert.ok(late, JSON.stringify(r.findings.map((f: any) => f.rule)));
      assert.equal(late.actual, `${year + 1}-02-15`);

      const steps = (await (await clients['viewer-a']!.request(`/api/reports/${reportA1}/workflow`)).json()) as any[];
      assert.deepEqual(steps.map((s) => [s.step, s.from, s.to, s.username]), [
        ['submit', 'draft', 'submitted', 'clerk-a1'],
        ['return', 'submitted', 'returned', 'supervisor-a'],
        ['submit', 'returned', 'submitted', 'clerk-a1'],
        ['accept', 'submitted', 'accepted', 'supervisor-a'],
        ['publish', 'accepted', 'published', 'clerk-a1'],
      ]);
      assert.equal(steps[1].comment, '收到申请数与结转数不符，请核对');
      assert.deepEqual(steps[1].cells, ['requests.newReceived.total']);
      assert.deepEqual(steps[1].findingKeys, [key]);
      assert.ok(steps.every((s) => typeof s.at === 'string' && s.at.length > 0));

      const audit = await store.db.selectFrom('audit_log').select(['action', 'username', 'report_id', 'region_id']).where('action', 'like', 'report.%').orderBy('id').execute();
      const workflow = audit.filter((a) => ['report.submit', 'report.return', 'report.accept', 'report.publish'].includes(a.action));
      assert.deepEqual(workflow.map((a) => [a.action, a.username]), [
        ['report.submit', 'clerk-a1'], ['report.return', 'supervisor-a'], ['report.submit', 'clerk-a1'], ['report.accept', 'supervisor-a'], ['report.publish', 'clerk-a1'],
      ]);
      assert.ok(workflow.every((a) => a.report_id === reportA1 && a.region_id === regionA));
      // The publication date is a new version of the report (a correction of meta.publishedOn).
      assert.ok(audit.some((a) => a.action === 'report.correct'));

      assert.equal((await post('clerk-a1', `/api/reports/${reportA1}/publish`, { url: 'https://example.gov.cn/b', date: `${year + 1}-02-16` })).status, 409);
    });

    test('the status list: every agency of the region, its deadline, overdue first, published ones with their date; CSV export', async () => {
      const res = await clients['supervisor-a']!.request(`/api/regions/${regionA}/status?year=${year}`);
      assert.equal(res.status, 200);
      const s = (await res.json()) as any;
      assert.equal(s.today, '2099-06-01');
      const a1 = s.items.find((i: any) => i.agencyId === agencyA1);
      assert.deepEqual({ ...a1, regionPath: undefined, deadlineSource: undefined }, {
        agencyId: agencyA1, agency: '淄川区工业和信息化局', issuerType: 'department', regionId: regionA, regionPath: undefined, reportId: reportA1, status: 'published',
        deadline: `${year + 1}-01-31`, deadlineSource: undefined, overdue: false, late: true, publishedOn: `${year + 1}-02-15`, publishedUrl: 'https://example.gov.cn/zwgk/ndbg.html',
      });
      // Today (2099) is after every deadline: every agency with a deadline and not published is overdue, and listed first;
      // townships and other issuers have no deadline unless the configuration gives one.
      const others = s.items.filter((i: any) => i.agencyId !== agencyA1);
      assert.ok(others.length > 0);
      assert.ok(others.every((i: any) => i.overdue === (i.deadline !== null)));
      const firstNotOverdue = s.items.findIndex((i: any) => !i.overdue);
      assert.ok(s.items.slice(firstNotOverdue).every((i: any) => !i.overdue));
      assert.equal(s.counts.published, 1);
      const government = s.items.find((i: any) => i.agency === '淄博市淄川区人民政府');
      assert.deepEqual([government.status, government.deadline, government.overdue, s.items[0].agency], ['missing', `${year + 1}-03-31`, true, '淄博市淄川区人民政府']);
      const township = s.items.find((i: any) => i.agency === '淄川区般阳路街道办事处');
      assert.deepEqual([township.status, township.deadline, township.overdue], ['missing', null, false]);
      assert.equal(s.counts.overdue, 1);
      assert.equal(s.counts.missing, 2);
      for (const i of s.items) {
        if (i.issuerType === 'government') assert.equal(i.deadline, `${year + 1}-03-31`);
        if (i.issuerType === 'department') assert.equal(i.deadline, `${year + 1}-01-31`);
      }

      // A clock before the deadlines: nothing is overdue.
      const early = createApp(store, { today: () => `${year + 1}-01-15` });
      const sup = await login(early, 'supervisor-a');
      const e = (await (await sup.request(`/api/regions/${regionA}/status?year=${year}`)).json()) as any;
      assert.equal(e.counts.overdue, 0);
      // A year without reports: every agency is missing.
      const none = (await (await sup.request(`/api/regions/${regionA}/status?year=2000`)).json()) as any;
      assert.ok(none.items.every((i: any) => i.status === 'missing' && i.reportId === null && i.overdue === (i.deadline !== null)));

      const csv = await clients['supervisor-a']!.request(`/api/regions/${regionA}/status?year=${year}&format=csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      const text = await csv.text();
      assert.match(text, /机关,区域,机关类型,状态,报告编号,发布期限/);
      assert.match(text, /淄川区工业和信息化局,[^\n]*,政府部门,已发布,/);
      assert.match(text, /逾期/);

      const page = await (await clients['viewer-a']!.request(`/regions/${regionA}/status?year=${year}`)).text();
      assert.match(page, /<h1>淄川区/);
      assert.match(page, /id="status-table"/);
      assert.match(page, /逾期 \d+/);
      const regionPage = await (await clients['supervisor-a']!.request(`/regions/${regionA}?year=${year}`)).text();
      assert.match(regionPage, new RegExp(`href="/regions/${regionA}/status\\?year=${year}"`));
    });
  });
}
