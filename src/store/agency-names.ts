import { agencyIdByKey, agencyKey, cleanName, getAgency, type Agency } from './agencies.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { recheck } from './checks.ts';
import { bumpDataVersion, compareNames, inTx, now, type Q, type Store } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';

/**
 * An agency's names: renaming keeps the former name as an alias, merging two agencies that are one
 * organ keeps the merged one's names as aliases, so later imports naming them land on the agency
 * (agencyIdByKey). An alias key is never another agency's name key.
 */

export async function listAliases(db: Q, agencyId: number): Promise<string[]> {
  const rows = await db.selectFrom('agency_aliases').select('name').where('agency_id', '=', agencyId).execute();
  return rows.map((r) => r.name).sort(compareNames);
}

async function agencyRow(db: Q, id: number) {
  const row = await db.selectFrom('agencies').select(['id', 'name', 'name_key', 'region_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `机关 ${id} 不存在`);
  return row;
}

async function addAlias(trx: Q, agencyId: number, name: string, key: string): Promise<void> {
  await trx.deleteFrom('agency_aliases').where('name_key', '=', key).execute();
  await trx.insertInto('agency_aliases').values({ name_key: key, name, agency_id: agencyId, created_at: now() }).execute();
}

export async function renameAgency(db: Q, id: number, newName: string, actor: AuditActor | null): Promise<Agency> {
  const name = cleanName(newName);
  const key = agencyKey(name);
  try {
    return await inTx(db, async (trx) => {
      const old = await agencyRow(trx, id);
      if (old.name === name) return getAgency(trx, id);
      const holder = await agencyIdByKey(trx, key);
      if (holder !== null && holder !== id) {
        const other = await agencyRow(trx, holder);
        throw new StoreError('conflict', `“${name}”已是机关“${other.name}”的名称或曾用名，不能改用；两者是同一机关时请合并`);
      }
      // Renaming back to a former name: that alias becomes the name again.
      if (key !== old.name_key) {
        await trx.deleteFrom('agency_aliases').where('name_key', '=', key).execute();
        await addAlias(trx, id, old.name, old.name_key);
      }
      await trx.updateTable('agencies').set({ name, name_key: key }).where('id', '=', id).execute();
      await bumpDataVersion(trx);
      await recordAudit(trx, actor, {
        action: 'agency.rename', summary: `机关“${old.name}”改名为“${name}”`, detail: { agencyId: id, from: old.name, to: name }, agencyId: id, regionId: old.region_id,
      });
      return getAgency(trx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('conflict', `“${name}”已是另一机关的名称或曾用名`);
    throw err;
  }
}

async function yearsOf(db: Q, agencyId: number): Promise<number[]> {
  const rows = await db.selectFrom('reports').select('year').where('agency_id', '=', agencyId).where('year', 'is not', null).execute();
  return [...new Set(rows.map((r) => r.year!))].sort((a, b) => a - b);
}

/**
 * Merges agency `fromId` into `intoId`: its reports, the clerks of it and its aliases move, its
 * name becomes an alias, it is deleted — in one transaction. Refused when both have a report of
 * the same year (one must be deleted first).
 */
export async function mergeAgencies(store: Store, intoId: number, fromId: number, actor: AuditActor | null): Promise<Agency> {
  if (intoId === fromId) throw new StoreError('invalid', '不能把机关与它自己合并');
  return inTx(store.db, async (trx) => {
    const into = await agencyRow(trx, intoId);
    const from = await agencyRow(trx, fromId);
    const mine = new Set(await yearsOf(trx, intoId));
    const clash = (await yearsOf(trx, fromId)).filter((y) => mine.has(y));
    if (clash.length) {
      throw new StoreError('conflict', `“${from.name}”和“${into.name}”都有 ${clash.join('、')} 年度的报告，不能合并；请先删除其中一份`, { years: clash });
    }
    const reports = (await trx.selectFrom('reports').select('id').where('agency_id', '=', fromId).execute()).map((r) => r.id);
    const users = (await trx.selectFrom('users').select('id').where('agency_id', '=', fromId).execute()).map((r) => r.id);
    const aliases = await listAliases(trx, fromId);
    await trx.updateTable('reports').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
    await trx.updateTable('users').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
    await trx.updateTable('agency_aliases').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
    await trx.deleteFrom('agencies').where('id', '=', fromId).execute();
    await addAlias(trx, intoId, from.name, from.name_key);
    await bumpDataVersion(trx);
    await recheck(trx, { agencyId: intoId }, store.checkConfig);
    await recordAudit(trx, actor, {
      action: 'agency.merge',
      summary: `机关“${from.name}”并入“${into.name}”（${reports.length} 份报告）`,
      detail: { agencyId: intoId, name: into.name, merged: { agencyId: fromId, name: from.name, regionId: from.region_id, aliases }, reportIds: reports, userIds: users },
      agencyId: intoId,
      regionId: into.region_id,
    });
    return getAgency(trx, intoId);
  });
}
