import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgency } from '../../src/store/agencies.ts';
import { listAliases, mergeAgencies, renameAgency } from '../../src/store/agency-names.ts';
import { listAudit, recordAudit } from '../../src/store/audit.ts';
import { ALL } from '../../src/store/scope.ts';
import type { Store } from '../../src/store/db.ts';
import { StoreError } from '../../src/store/errors.ts';
import { importFiles } from '../../src/store/import.ts';
import { createUser, getUser } from '../../src/store/users.ts';
import { postgresStore, sqliteStore } from '../api/databases.ts';
import { postgresSkip } from '../api/pg.ts';
import { synthetic } from '../api/fixtures.ts';

/** Renamed and merged agencies keep their former names as aliases; merges refuse a year both have. Run on SQLite and PostgreSQL. */

const ACTOR = { userId: 1, username: 'tester', address: '192.0.2.7' };
const file = (name: string, agency: string, year: number) => ({ name, bytes: Buffer.from(synthetic({ agency, year })) });

async function rejects(p: Promise<unknown>, code: StoreError['code'], message: RegExp): Promise<StoreError> {
  let caught: StoreError | undefined;
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StoreError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, message);
    caught = err;
    return true;
  });
  return caught!;
}

function suite(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>, skip: string | false = false): void {
  describe(name, { skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await open());
    });
    after(async () => close?.());

    const agencyOf = async (reportId: number) => (await store.db.selectFrom('reports').select('agency_id').where('id', '=', reportId).executeTakeFirstOrThrow()).agency_id;
    const importOne = async (agency: string, year: number) => {
      const r = await importFiles(store, [file(`${agency}${year}.txt`, agency, year)], { author: 'tester' });
      assert.equal(r.imported, 1, JSON.stringify(r.items));
      return r.items[0]!.reportId!;
    };

    test('a renamed agency keeps its old name as an alias: a report naming the old name lands on it', async () => {
      const first = await importOne('某某县交通局', 2020);
      const id = (await agencyOf(first))!;
      const renamed = await renameAgency(store.db, id, '某某县交通运输局', ACTOR);
      assert.equal(renamed.name, '某某县交通运输局');
      assert.deepEqual(await listAliases(store.db, id), ['某某县交通局']);
      assert.equal(await agencyOf(await importOne('某某县交通局', 2021)), id);
      assert.equal(await agencyOf(await importOne('某某县交通运输局', 2022)), id);
      // Renaming back: the alias becomes the name again, the other name an alias.
      await renameAgency(store.db, id, '某某县交通局', ACTOR);
      assert.deepEqual(await listAliases(store.db, id), ['某某县交通运输局']);
      await renameAgency(store.db, id, '某某县交通运输局', ACTOR);
      // Neither another agency's name nor an alias may be taken, nor created anew.
      const other = await createAgency(store.db, { name: '某某县财政局' });
      await rejects(renameAgency(store.db, other.id, '某某县交通局', ACTOR), 'conflict', /已是机关“某某县交通运输局”的名称或曾用名/);
      await rejects(renameAgency(store.db, other.id, '某某县交通运输局', ACTOR), 'conflict', /名称或曾用名/);
      await rejects(createAgency(store.db, { name: '某某县交通局' }), 'conflict', /曾用名/);
      await rejects(renameAgency(store.db, other.id, '  ', ACTOR), 'invalid', /不能为空/);
      const entries = (await listAudit(store.db, { id: 0, scope: ALL }, { action: 'agency.rename' })).items;
      assert.equal(entries.length, 3);
      assert.deepEqual([entries.at(-1)!.username, entries.at(-1)!.address, entries.at(-1)!.agencyId], ['tester', '192.0.2.7', id]);
      assert.deepEqual(entries.at(-1)!.detail, { agencyId: id, from: '某某县交通局', to: '某某县交通运输局' });
    });

    test('a merge moves reports, clerks and aliases, keeps the merged name as an alias, deletes the other agency; imports follow', async () => {
      const a = (await agencyOf(await importOne('某某县应急管理局', 2020)))!;
      const bReport = await importOne('某某县应急局', 2021);
      const b = (await agencyOf(bReport))!;
      await renameAgency(store.db, b, '某某县应急管理办公室', ACTOR);
      const clerk = await createUser(store.db, { username: 'merge-clerk', role: 'clerk', agencyId: b, passwordHash: 'x' });
      const merged = await mergeAgencies(store, a, b, ACTOR);
      assert.equal(merged.id, a);
      assert.equal(await agencyOf(bReport), a);
      assert.equal((await getUser(store.db, clerk.id)).agencyId, a);
      assert.deepEqual((await listAliases(store.db, a)).sort(), ['某某县应急局', '某某县应急管理办公室'].sort());
      assert.equal(await store.db.selectFrom('agencies').select('id').where('id', '=', b).executeTakeFirst(), undefined);
      assert.equal(await agencyOf(await importOne('某某县应急局', 2022)), a);
      assert.equal(await agencyOf(await importOne('某某县应急管理办公室', 2023)), a);
      const entry = (await listAudit(store.db, { id: 0, scope: ALL }, { action: 'agency.merge' })).items[0]!;
      assert.equal(entry.agencyId, a);
      assert.equal((entry.detail.merged as { agencyId: number }).agencyId, b);
      assert.deepEqual(entry.detail.reportIds, [bReport]);
      await rejects(mergeAgencies(store, a, a, ACTOR), 'invalid', /自己/);
      await rejects(mergeAgencies(store, a, 999999, ACTOR), 'not-found', /不存在/);
    });

    test('a merge of two agencies with a report of the same year is refused (409, the years), and nothing changes', async () => {
      const a = (await agencyOf(await importOne('某某县水利局', 2020)))!;
      await importOne('某某县水利局', 2021);
      const bReports = [await importOne('某某县水务局', 2021), await importOne('某某县水务局', 2019)];
      const b = (await agencyOf(bReports[0]!))!;
      const audits = (await listAudit(store.db, { id: 0, scope: ALL })).total;
      const err = await rejects(mergeAgencies(store, a, b, ACTOR), 'conflict', /都有 2021 年度的报告，不能合并；请先删除其中一份/);
      assert.deepEqual(err.details, { years: [2021] });
      assert.deepEqual(await Promise.all(bReports.map(agencyOf)), [b, b]);
      assert.deepEqual(await listAliases(store.db, a), []);
      assert.ok(await store.db.selectFrom('agencies').select('id').where('id', '=', b).executeTakeFirst());
      assert.equal((await listAudit(store.db, { id: 0, scope: ALL })).total, audits);
    });

    test('an audit entry is written with its change or not at all; details never keep a secret', async () => {
      await assert.rejects(store.db.transaction().execute(async (trx) => {
        await recordAudit(trx, ACTOR, { action: 'test', summary: '回滚', detail: {} });
        throw new Error('rolled back');
      }));
      assert.equal((await listAudit(store.db, { id: 0, scope: ALL }, { action: 'test' })).total, 0);
      await recordAudit(store.db, ACTOR, { action: 'test', summary: '记录', detail: { password: 'p4ss', nested: { csrfToken: 't', ok: 1 } } });
      const [e] = (await listAudit(store.db, { id: 0, scope: ALL }, { action: 'test' })).items;
      assert.deepEqual(e!.detail, { nested: { ok: 1 } });
      // Clerks see none; supervisors their regions' entries and their own.
      assert.equal((await listAudit(store.db, { id: 1, scope: { kind: 'agency', agencyId: 1 } })).total, 0);
      assert.equal((await listAudit(store.db, { id: 1, scope: { kind: 'regions', rootId: -1, regionIds: [] } }, { action: 'test' })).total, 1);
      assert.equal((await listAudit(store.db, { id: 2, scope: { kind: 'regions', rootId: -1, regionIds: [] } }, { action: 'test' })).total, 0);
      await rejects(listAudit(store.db, { id: 0, scope: ALL }, { from: '昨天' }), 'invalid', /开始日期/);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await listAudit(store.db, { id: 0, scope: ALL }, { action: 'test', from: today, to: today })).total, 1);
      assert.equal((await listAudit(store.db, { id: 0, scope: ALL }, { action: 'test', to: '2000-01-01' })).total, 0);
    });
  });
}


suite('agency names on SQLite', sqliteStore);
suite('agency names on PostgreSQL', postgresStore, postgresSkip());
