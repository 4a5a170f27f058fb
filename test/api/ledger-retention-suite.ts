import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { findOrCreateAgency } from '../../src/store/agencies.ts';
import type { Store } from '../../src/store/db.ts';
import { createRegion } from '../../src/store/regions.ts';
import { addUser, login, type Client } from '../helpers/auth.ts';
import type { OpenStore } from './databases.ts';

const SECRETS = ['李保密', '13800001111', '370302198001011234', '请公开某路段拆迁的全部材料'];
const application = (number: string, receivedOn: string, over: Record<string, unknown> = {}) => ({
  number, channel: 'online', receivedOn,
  applicant: { category: 'naturalPerson', name: SECRETS[0], contact: SECRETS[1], idNumber: SECRETS[2] },
  request: SECRETS[3],
  ...over,
});
const json = (method: string, body?: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Retention (issue 14, 7): personal data of applications decided before the period goes, the counts stay. */
export function ledgerRetentionSuite(name: string, open: OpenStore, options: { skip?: string | false } = {}): void {
  describe(name, { skip: options.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let app: Hono;
    let agency: number;
    const as: Record<string, Client> = {};

    before(async () => {
      ({ store, close } = await open());
      const region = await createRegion(store.db, { name: '丙区' });
      agency = await findOrCreateAgency(store.db, '丙区自然资源局', 'department');
      await store.db.updateTable('agencies').set({ region_id: region.id }).where('id', '=', agency).execute();
      await addUser(store, 'clerk-c', 'clerk', { agencyId: agency });
      await addUser(store, 'supervisor-c', 'supervisor', { regionId: region.id });
      // Kept 5 years after the year of the decision: on 2030-03-01, decisions before 2025-01-01 lose their personal data.
      app = createApp(store, { today: () => '2030-03-01', ledgerRetentionYears: 5 });
      for (const u of ['clerk-c', 'supervisor-c']) as[u] = await login(app, u);
    });
    after(async () => close());

    test('purge deletes the personal data of old decisions only, and every table stays the same', async () => {
      const clerk = as['clerk-c']!;
      const base = `/api/agencies/${agency}/ledger`;
      const records = [
        application('2023-009', '2023-12-20', { result: 'granted', decidedOn: '2024-01-15' }),
        application('2024-001', '2024-03-04', { result: 'partlyGranted', parts: ['granted', 'denied.thirdParty'], decidedOn: '2024-03-25' }),
        application('2024-002', '2024-12-16', { result: 'unavailable.notHeld', decidedOn: '2025-01-10' }),
        application('2024-003', '2024-12-23'),
      ];
      for (const r of records) assert.equal((await clerk.request(`${base}/applications`, json('POST', r))).status, 201);
      const summaries = async () => Promise.all([2023, 2024, 2025].map(async (y) => (await (await clerk.request(`${base}/summary?year=${y}`)).json()) as { tables: unknown; records: unknown }));
      const before = await summaries();

      assert.equal((await as['supervisor-c']!.request(`${base}/purge`, json('POST'))).status, 403);
      const res = await clerk.request(`${base}/purge`, json('POST'));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { retentionYears: 5, decidedBefore: '2025-01-01', purged: 2 });

      assert.deepEqual(await summaries(), before);
      const list = (await (await clerk.request(`${base}/applications`)).json()) as { number: string; data: Record<string, unknown> & { applicant: Record<string, unknown> } }[];
      const personal = (r: (typeof list)[number]) => [r.data.applicant.name ?? null, r.data.applicant.contact ?? null, r.data.applicant.idNumber ?? null, r.data.request ?? null];
      assert.deepEqual(list.map((r) => [r.number, personal(r)]), [
        ['2023-009', [null, null, null, null]],
        ['2024-001', [null, null, null, null]],
        ['2024-002', SECRETS],
        ['2024-003', SECRETS],
      ]);
      // What the counts need stays, untouched.
      assert.deepEqual(list[1]!.data, { number: '2024-001', channel: 'online', receivedOn: '2024-03-04', applicant: { category: 'naturalPerson' }, result: 'partlyGranted', parts: ['granted', 'denied.thirdParty'], decidedOn: '2024-03-25' });

      // Nothing left to purge; the audit log counts records and names no applicant.
      assert.equal(((await (await clerk.request(`${base}/purge`, json('POST'))).json()) as { purged: number }).purged, 0);
      const audit = await store.db.selectFrom('audit_log').select(['summary', 'detail']).where('action', '=', 'ledger.purge').orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.summary), ['删除 2025-01-01 以前办结的 2 件申请中的申请人个人信息', '删除 2025-01-01 以前办结的 0 件申请中的申请人个人信息']);
      assert.equal(SECRETS.some((s) => JSON.stringify(audit).includes(s)), false);
    });
  });
}
