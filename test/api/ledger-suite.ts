import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { readCell, requestsPath, reviewPath } from '../../src/schema/cells.ts';
import { LEDGER_PROVENANCE_NOTE } from '../../src/schema/ledger.ts';
import { findOrCreateAgency } from '../../src/store/agencies.ts';
import type { Store } from '../../src/store/db.ts';
import { createRegion } from '../../src/store/regions.ts';
import { addUser, login, type Client } from '../helpers/auth.ts';
import type { OpenStore } from './databases.ts';

/** Personal data of the applicants used below: none of it may leave the agency. */
const SECRETS = ['张秘密', '13912345678', '370302199001011234', '请公开我家拆迁补偿的全部材料'];

const application = (number: string, over: Record<string, unknown> = {}) => ({
  number,
  channel: 'online',
  receivedOn: '2024-09-02',
  applicant: { category: 'naturalPerson', name: SECRETS[0], contact: SECRETS[1], idNumber: SECRETS[2] },
  request: SECRETS[3],
  ...over,
});

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));

export function ledgerSuite(name: string, open: OpenStore, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let a1: number;
    let b: number;
    const as: Record<string, Client> = {};

    before(async () => {
      ({ store, close } = await open());
      const regionA = await createRegion(store.db, { name: '甲区' });
      const regionB = await createRegion(store.db, { name: '乙区' });
      a1 = await findOrCreateAgency(store.db, '甲区交通运输局', 'department');
      b = await findOrCreateAgency(store.db, '乙区财政局', 'department');
      await store.db.updateTable('agencies').set({ region_id: regionA.id }).where('id', '=', a1).execute();
      await store.db.updateTable('agencies').set({ region_id: regionB.id }).where('id', '=', b).execute();
      await addUser(store, 'admin', 'admin');
      await addUser(store, 'supervisor-a', 'supervisor', { regionId: regionA.id });
      await addUser(store, 'viewer-a', 'viewer', { regionId: regionA.id });
      await addUser(store, 'clerk-a1', 'clerk', { agencyId: a1 });
      await addUser(store, 'clerk-b', 'clerk', { agencyId: b });
      app = createApp(store, { today: () => '2024-10-08', maxLedgerBytes: 3 * 1024 * 1024 });
      for (const u of ['admin', 'supervisor-a', 'viewer-a', 'clerk-a1', 'clerk-b']) as[u] = await login(app, u);
    });
    after(async () => close());

    test('a clerk registers applications and a case; the agency sees them whole, other agencies 404, the region 403', async () => {
      const clerk = as['clerk-a1']!;
      const base = `/api/agencies/${a1}/ledger`;
      // Due 2024-09-30: overdue on 2024-10-08 (国庆 off).
      assert.equal((await clerk.request(`${base}/applications`, json('POST', application('2024-001')))).status, 201);
      // Received 2024-09-10: due 2024-10-14, within 5 working days.
      assert.equal((await clerk.request(`${base}/applications`, json('POST', application('2024-002', { receivedOn: '2024-09-10', applicant: { category: 'business' } })))).status, 201);
      const decided = application('2024-003', { receivedOn: '2024-03-01', result: 'partlyGranted', parts: ['granted', 'denied.thirdParty'], decidedOn: '2024-03-20' });
      assert.equal((await clerk.request(`${base}/applications`, json('POST', decided))).status, 201);
      assert.equal((await clerk.request(`${base}/cases`, json('POST', { number: 'F1', kind: 'review', filedOn: '2024-04-01', result: 'upheld', decidedOn: '2024-06-01' }))).status, 201);

      const list = (await (await clerk.request(`${base}/applications`)).json()) as { number: string; data: { applicant: { name?: string } } }[];
      assert.deepEqual(list.map((r) => r.number), ['2024-001', '2024-002', '2024-003']);
      assert.equal(list[0]!.data.applicant.name, SECRETS[0]);
      assert.equal((await as.admin!.request(`${base}/applications`)).status, 200);

      const refused = await as['supervisor-a']!.request(`${base}/applications`);
      assert.equal(refused.status, 403);
      assert.deepEqual(leaks(await refused.text()), []);
      assert.equal((await as['viewer-a']!.request(`${base}/applications`)).status, 403);
      assert.equal((await as['clerk-b']!.request(`${base}/applications`)).status, 404);
      assert.equal((await as['clerk-b']!.request(`${base}/applications`, json('POST', application('X')))).status, 404);
      assert.equal((await as['supervisor-a']!.request(`${base}/applications`, json('POST', application('X')))).status, 403);
    });

    test('bad input: 400 naming the field, not its value, and nothing stored; a number twice 409', async () => {
      const clerk = as['clerk-a1']!;
      const base = `/api/agencies/${a1}/ledger/applications`;
      const bad = await clerk.request(base, json('POST', application('2024-009', { applicant: { category: 'total', name: SECRETS[0] }, receivedOn: '2024-02-30' })));
      assert.equal(bad.status, 400);
      const body = (await bad.json()) as { error: { message: string } };
      assert.match(body.error.message, /^依申请公开台账的记录有误：receivedOn：应为“年-月-日”格式的有效日期，如 2024-09-27；applicant\.category：/);
      assert.deepEqual(leaks(body.error.message), []);
      const dup = await clerk.request(base, json('POST', application('2024-001')));
      assert.equal(dup.status, 409);
      assert.equal(((await dup.json()) as { error: { message: string } }).error.message, '依申请公开台账中已有第 2024-001 号记录');
      const n = await store.db.selectFrom('ledger_records').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', a1).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 4);
    });

    test('the due list and the summary: numbers, dates and counts only, for the region too', async () => {
      const due = (await (await as['supervisor-a']!.request(`/api/agencies/${a1}/ledger/due?date=2024-10-08`)).json()) as any;
      assert.deepEqual(due.overdue.map((d: any) => [d.number, d.dueOn]), [['2024-001', '2024-09-30']]);
      assert.deepEqual(due.dueSoon.map((d: any) => [d.number, d.dueOn]), [['2024-002', '2024-10-14']]);
      const csv = await (await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/due?date=2024-10-08&format=csv`)).text();
      assert.match(csv, /2024-001,2024-09-02,自然人,2024-09-30,已逾期/);
      assert.deepEqual(leaks(csv), []);

      const res = await as['supervisor-a']!.request(`/api/agencies/${a1}/ledger/summary?year=2024`);
      const text = await res.text();
      assert.equal(res.status, 200);
      assert.deepEqual(leaks(text), []);
      const summary = JSON.parse(text);
      assert.deepEqual(summary.records, { applications: 3, cases: 1, documents: 0, figures: 0 });
      assert.equal(readCell(summary.tables, requestsPath('newReceived', 'total')), 3);
      assert.equal(readCell(summary.tables, requestsPath('partlyGranted', 'naturalPerson')), 1);
      assert.equal(readCell(summary.tables, requestsPath('carriedForward', 'business')), 1);
      assert.equal(readCell(summary.tables, reviewPath('review', 'upheld')), 1);
      // As on 2024-10-08 the first application is overdue (LED-04).
      assert.deepEqual(summary.findings.map((f: any) => `${f.rule} ${f.location.record}`), ['LED-04 2024-001']);
      assert.equal((await as['clerk-b']!.request(`/api/agencies/${a1}/ledger/summary?year=2024`)).status, 404);
    });

    test('changes and deletions by the clerk; the audit log names records by number only', async () => {
      const clerk = as['clerk-a1']!;
      const base = `/api/agencies/${a1}/ledger/applications`;
      const list = (await (await clerk.request(base)).json()) as { id: number; number: string }[];
      const first = list.find((r) => r.number === '2024-001')!;
      const put = await clerk.request(`${base}/${first.id}`, json('PUT', application('2024-001', { result: 'granted', decidedOn: '2024-09-27' })));
      assert.equal(put.status, 200);
      const second = list.find((r) => r.number === '2024-002')!;
      assert.equal((await as['supervisor-a']!.request(`${base}/${second.id}`, { method: 'DELETE' })).status, 403);
      assert.equal((await clerk.request(`${base}/${second.id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await clerk.request(`${base}/${second.id}`, { method: 'DELETE' })).status, 404);
      const audit = await store.db.selectFrom('audit_log').select(['action', 'summary', 'detail']).where('action', 'like', 'ledger.%').orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.summary), [
        '新增依申请公开台账第 2024-001 号', '新增依申请公开台账第 2024-002 号', '新增依申请公开台账第 2024-003 号', '新增行政复议、行政诉讼台账第 F1 号',
        '修改依申请公开台账第 2024-001 号', '删除依申请公开台账第 2024-002 号',
      ]);
      assert.deepEqual(leaks(JSON.stringify(audit)), []);
    });

    test('Excel out and in: the agency’s ledger exported, imported into another agency whole, or not at all', async () => {
      assert.equal((await as['supervisor-a']!.request(`/api/agencies/${a1}/ledger/export`)).status, 403);
      const exported = await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/export`);
      assert.equal(exported.status, 200);
      const bytes = new Uint8Array(await exported.arrayBuffer());
      const upload = (name: string, data: Uint8Array<ArrayBuffer>) => {
        const form = new FormData();
        form.append('file', new File([data], name));
        return { method: 'POST', body: form };
      };
      // Into a1 again: every number is taken, nothing is added.
      const again = await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/import`, upload('a1.xlsx', bytes));
      assert.equal(again.status, 409);
      const bad = await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/import`, upload('bad.xlsx', new Uint8Array([120])));
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as any).error.message, 'bad.xlsx 有 1 处错误，未导入：不是可以读取的 .xlsx 文件');
      // The upload is read as a stream: past the 1 MB of a JSON body it is still read, past the ledger's limit 413.
      const large = await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/import`, upload('large.xlsx', new Uint8Array(2 * 1024 * 1024).fill(120)));
      assert.equal(large.status, 400);
      assert.equal(((await large.json()) as any).error.message, 'large.xlsx 有 1 处错误，未导入：不是可以读取的 .xlsx 文件');
      const tooLarge = await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/import`, upload('huge.xlsx', new Uint8Array(3 * 1024 * 1024 + 1)));
      assert.equal(tooLarge.status, 413);
      assert.equal(((await tooLarge.json()) as any).error.message, '台账文件过大（最多 3 MB）');
      const n = await store.db.selectFrom('ledger_records').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', a1).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 3);
      // An admin copies it to agency b: the same records, the same tables.
      const copied = await as.admin!.request(`/api/agencies/${b}/ledger/import`, upload('a1.xlsx', bytes));
      assert.equal(copied.status, 201);
      assert.deepEqual(((await copied.json()) as any).added, { applications: 2, cases: 1, documents: 0, figures: 0 });
      const strip = (list: any[]) => list.map((r) => r.data);
      assert.deepEqual(
        strip((await (await as.admin!.request(`/api/agencies/${b}/ledger/applications`)).json()) as any[]),
        strip((await (await as.admin!.request(`/api/agencies/${a1}/ledger/applications`)).json()) as any[]),
      );
    });

    test('the report of the year from the ledger: a draft whose tables are the ledger’s and check clean', async () => {
      assert.equal((await as['supervisor-a']!.request(`/api/agencies/${a1}/ledger/report?year=2024`, { method: 'POST' })).status, 403);
      const made = await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/report?year=2024`, { method: 'POST' });
      assert.equal(made.status, 201);
      const { reportId, created } = (await made.json()) as { reportId: number; created: boolean };
      assert.equal(created, true);
      const again = (await (await as['clerk-a1']!.request(`/api/agencies/${a1}/ledger/report?year=2024`, { method: 'POST' })).json()) as any;
      assert.deepEqual(again, { reportId, created: false });
      const detail = (await (await as['supervisor-a']!.request(`/api/reports/${reportId}`)).json()) as any;
      assert.equal(detail.report.agency, '甲区交通运输局');
      assert.equal(detail.status, 'draft');
      assert.equal(readCell(detail.report.tables, requestsPath('newReceived', 'total')), 2);
      assert.equal(readCell(detail.report.tables, requestsPath('granted', 'total')), 1);
      assert.equal(detail.report.provenance[requestsPath('newReceived', 'total')].note, LEDGER_PROVENANCE_NOTE);
      assert.match(detail.report.sections.requests, /新收政府信息公开申请2件/);
      assert.deepEqual(leaks(JSON.stringify(detail)), []);
      const findings = (await (await as['clerk-a1']!.request(`/api/reports/${reportId}/findings`)).json()) as any[];
      assert.deepEqual(findings.filter((f) => f.rule.startsWith('SUM-')).map((f) => f.message), []);
    });
  });
}
