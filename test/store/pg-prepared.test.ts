import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Store } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import { MAX_PREPARED } from '../../src/store/pg-prepared.ts';
import { postgresSkip, startPostgres, type PgCluster } from '../api/pg.ts';

describe('PostgreSQL prepared statements', { skip: postgresSkip() }, () => {
  let cluster: PgCluster;
  let store: Store;
  before(async () => {
    cluster = await startPostgres();
    store = await openStore({ databaseUrl: cluster.url });
  });
  after(async () => {
    await store?.close();
    await cluster?.stop();
  });

  const prepared = (trx: Store['db']) =>
    sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx).then((r) => r.rows);

  test('a query with values is prepared once per connection and answers for each set of values', async () => {
    await store.db.transaction().execute(async (trx) => {
      const byName = (name: string) => trx.selectFrom('regions').select('id').where('name', '=', name).execute();
      await trx.insertInto('regions').values([{ name: '甲市', parent_id: null, created_at: 'x' }, { name: '乙市', parent_id: null, created_at: 'x' }]).execute();
      const a = await byName('甲市');
      const b = await byName('乙市');
      const none = await byName('丙市');
      assert.equal(a.length, 1);
      assert.equal(b.length, 1);
      assert.notEqual(a[0]!.id, b[0]!.id);
      assert.deepEqual(none, []);
      const same = (await prepared(trx)).filter((p) => p.statement === 'select "id" from "regions" where "name" = $1');
      assert.equal(same.length, 1);
      assert.match(same[0]!.name, /^ogi_\d+$/);
      await trx.deleteFrom('regions').where('created_at', '=', 'x').execute();
    });
  });

  test('a failed statement does not spoil the next one of the same text; a rolled-back transaction keeps working statements', async () => {
    const insert = (db: Store['db'], name: string) => db.insertInto('regions').values({ name, parent_id: 999_999, created_at: 'y' }).execute();
    await assert.rejects(insert(store.db, '丁市'), /foreign key|违反|violates/);
    await assert.rejects(
      store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('regions').select('id').where('name', '=', '戊市').execute();
        throw new Error('rollback');
      }),
      /rollback/,
    );
    const parent = await store.db.insertInto('regions').values({ name: '己市', parent_id: null, created_at: 'y' }).returning('id').executeTakeFirstOrThrow();
    await store.db.insertInto('regions').values({ name: '庚区', parent_id: parent.id, created_at: 'y' }).execute();
    const rows = await store.db.selectFrom('regions').select('name').where('created_at', '=', 'y').orderBy('name').execute();
    assert.deepEqual(rows.map((r) => r.name), ['己市', '庚区']);
  });

  test('a query of all columns is not prepared: it still answers after another process adds a column to its table', async () => {
    const other = await openStore({ databaseUrl: cluster.url });
    try {
      const region = await store.db.insertInto('regions').values({ name: '辛市', parent_id: null, created_at: 'z' }).returning('id').executeTakeFirstOrThrow();
      await store.db.connection().execute(async (db) => {
        const all = () => db.selectFrom('regions').selectAll().where('id', '=', region.id).executeTakeFirstOrThrow();
        for (let i = 0; i < 3; i++) assert.equal((await all()).name, '辛市');
        await sql`alter table regions add column note text`.execute(other.db);
        assert.equal(((await all()) as { note?: unknown }).note, null);
        assert.deepEqual((await prepared(db)).filter((p) => /^select \* from "regions"/.test(p.statement)), []);
      });
    } finally {
      await sql`alter table regions drop column if exists note`.execute(other.db);
      await other.close();
    }
  });

  test(`past ${MAX_PREPARED} distinct texts the rest run unprepared and still answer`, async () => {
    await store.db.connection().execute(async (db) => {
      for (let i = 0; i < MAX_PREPARED + 20; i++) {
        const r = await sql<{ v: number }>`select ${i}::int + ${sql.raw(String(i))} as v`.execute(db);
        assert.equal(r.rows[0]!.v, 2 * i);
      }
      const names = (await prepared(db)).map((p) => p.name);
      assert.ok(names.length <= MAX_PREPARED, `${names.length} prepared`);
      assert.ok(names.length >= MAX_PREPARED - 50, `${names.length} prepared`);
    });
  });
});
