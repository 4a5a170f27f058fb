import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Store } from '../../src/store/db.ts';
import { preloadSamples } from '../../src/store/preload.ts';
import { addCountyUsers, countyIds } from './counties.ts';
import { login, type Client } from '../helpers/auth.ts';

/**
 * Finding triage: a reviewer marks findings 确认 / 误报 (with a reason) / 待定; counts and lists
 * show the open ones; a dismissal holds across re-checks until a cell of the finding changes.
 * County A is 淄川区 with agency a1 (淄川区工业和信息化局, sample 001); county B is 博山区.
 */
export function triageSuite(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let reportA1 = 0;
    let reportB = 0;
    const clients: Record<string, Client> = {};
    const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    before(async () => {
      ({ store, close } = await open());
      await preloadSamples(store);
      app = createApp(store);
      const ids = await countyIds(store);
      ({ reportA1, reportB } = ids);
      await addCountyUsers(store, ids);
      for (const u of ['supervisor-a', 'clerk-a1', 'viewer-a']) clients[u] = await login(app, u);
    });
    after(async () => {
      await close();
    });

    const report = async () => (await (await clients['supervisor-a']!.request(`/api/reports/${reportA1}?text=0`)).json()) as any;
    const correct = async (value: number) => {
      const { version } = await report();
      const res = await clients['supervisor-a']!.request(`/api/reports/${reportA1}/corrections`, json('POST', { reason: '核对', baseVersion: version, changes: [{ path: 'requests.newReceived.total', value }] }));
      assert.equal(res.status, 201, await res.text());
    };

    test('a supervisor marks a finding 误报 with a reason; counts and lists show the open findings; the exports show the decision', async () => {
      const sup = clients['supervisor-a']!;
      const before = await report();
      const signing = before.findings.find((f: any) => f.rule === 'DATE-07');
      assert.equal(signing.key, 'DATE-07|beforeYearEnd|field=signedOn');
      assert.equal(signing.triage, undefined);
      const path = `/api/reports/${reportA1}/triage`;

      assert.equal((await clients['clerk-a1']!.request(path, json('PUT', { key: signing.key, status: 'dismissed', reason: 'x' }))).status, 403);
      assert.equal((await clients['viewer-a']!.request(path, json('PUT', { key: signing.key, status: 'dismissed', reason: 'x' }))).status, 403);
      assert.equal((await sup.request(`/api/reports/${reportB}/triage`, json('PUT', { key: signing.key, status: 'dismissed', reason: 'x' }))).status, 404);
      const noReason = await sup.request(path, json('PUT', { key: signing.key, status: 'dismissed' }));
      assert.equal(noReason.status, 400);
      assert.equal(((await noReason.json()) as any).error.message, '标为误报时须写明理由');
      const gone = await sup.request(path, json('PUT', { key: 'SUM-01|mismatch|table=requests,column=x', status: 'confirmed' }));
      assert.equal(gone.status, 404);

      const res = await sup.request(path, json('PUT', { key: signing.key, status: 'dismissed', reason: '原件落款为2021年1月28日，系网页转录错误', comment: '已电话核实' }));
      assert.equal(res.status, 200, await res.clone().text());
      const decided = (await res.json()) as any;
      assert.equal(decided.key, signing.key);
      assert.deepEqual({ ...decided.triage, at: undefined }, {
        status: 'dismissed', reason: '原件落款为2021年1月28日，系网页转录错误', comment: '已电话核实', by: 'supervisor-a', at: undefined, stale: false,
      });

      const after = await report();
      assert.equal(after.warnings, before.warnings - 1);
      assert.equal(after.dismissed, 1);
      const open = (await (await sup.request(`/api/reports/${reportA1}/findings`)).json()) as any[];
      assert.ok(!open.some((f) => f.key === signing.key));
      const all = (await (await sup.request(`/api/reports/${reportA1}/findings?dismissed=1`)).json()) as any[];
      assert.equal(all.find((f) => f.key === signing.key).triage.status, 'dismissed');
      const csv = await (await sup.request(`/api/reports/${reportA1}/findings?format=csv&dismissed=1`)).text();
      assert.match(csv.split('\n')[0]!, /审核判断,理由,审核意见,审核人,审核时间/);
      assert.match(csv, /误报,原件落款为2021年1月28日，系网页转录错误,已电话核实,supervisor-a,/);
      const list = (await (await sup.request('/api/reports')).json()) as any;
      assert.equal(list.items.find((r: any) => r.id === reportA1).dismissed, 1);

      // The decision is in the audit log, with who and what.
      const audit = (await (await sup.request('/api/audit?action=finding.triage')).json()) as any;
      assert.equal(audit.items.length, 1);
      const entry = audit.items[0];
      assert.equal(entry.username, 'supervisor-a');
      assert.equal(entry.reportId, reportA1);
      assert.match(entry.summary, /^审核判断：报告 \d+（淄川区工业和信息化局 2020 年度）DATE-07 标为误报，理由：原件落款为2021年1月28日，系网页转录错误$/);
      assert.deepEqual({ ...entry.detail, message: undefined }, {
        reportId: reportA1, key: signing.key, rule: 'DATE-07', message: undefined, status: 'dismissed', reason: '原件落款为2021年1月28日，系网页转录错误', comment: '已电话核实',
      });
    });

    test('a dismissal holds across re-checks until a cell of its finding changes; then the finding is open again', async () => {
      const sup = clients['supervisor-a']!;
      const original = (await report()).report.tables.requests.newReceived.at(-1) as number;
      await correct(original + 1);
      const broken = (await report()).findings.find((f: any) => f.severity === 'error' && f.cells?.includes('requests.newReceived.total'));
      assert.ok(broken, 'the changed total breaks its identities');
      const res = await sup.request(`/api/reports/${reportA1}/triage`, json('PUT', { key: broken.key, status: 'dismissed', reason: '测试' }));
      assert.equal(res.status, 200);
      let now = await report();
      assert.equal(now.dismissed, 2, 'the signing-date dismissal survived the re-check of the correction');
      const errors = now.errors;

      // The same problem with another value of its cell: the decision was about other numbers.
      await correct(original + 2);
      now = await report();
      const reopened = now.findings.find((f: any) => f.key === broken.key);
      assert.equal(reopened.triage.stale, true);
      assert.equal(now.dismissed, 1);
      assert.equal(now.errors, errors + 1);

      await correct(original);
      now = await report();
      assert.ok(!now.findings.some((f: any) => f.key === broken.key));
      assert.equal(now.dismissed, 1);
    });
  });
}
