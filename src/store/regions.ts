import { bumpDataVersion, compareNames, inTx, now, num, type Q } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import { keptUnderVersion } from './kept.ts';
import type { DataScope } from './scope.ts';

export interface Region {
  id: number;
  name: string;
  parentId: number | null;
}

export interface RegionNode extends Region {
  /** Names from the root down to this region. */
  path: string[];
  depth: number;
  /** Agencies directly in this region. */
  agencies: number;
  children: RegionNode[];
}

/**
 * Every region. A list page or a report needs them all for its region paths (hundreds of rows) and they change
 * rarely, so they are kept while the data version is unchanged (`keptUnderVersion`).
 * `seenVersion`: the data version the caller read just before (saves reading it again).
 */
export function listRegions(db: Q, seenVersion?: number): Promise<readonly Region[]> {
  return keptUnderVersion(db, 'regions', () => readRegions(db), seenVersion);
}

async function readRegions(db: Q): Promise<readonly Region[]> {
  const rows = await db.selectFrom('regions').select(['id', 'name', 'parent_id']).orderBy('id').execute();
  return rows.map((r) => Object.freeze({ id: r.id, name: r.name, parentId: r.parent_id }));
}

/** The regions within a scope: all, a subtree, or none (one agency's scope). */
export async function listRegionsIn(db: Q, scope: DataScope): Promise<readonly Region[]> {
  const all = await listRegions(db);
  if (scope.kind === 'all') return all;
  if (scope.kind === 'agency') return [];
  return all.filter((r) => scope.regionIds.includes(r.id));
}

/** The forest of regions within a scope (a subtree is one tree under its root; paths stay full). */
export async function regionTree(db: Q, scope: DataScope = { kind: 'all' }): Promise<RegionNode[]> {
  const roots = await wholeTree(db);
  if (scope.kind === 'all') return roots;
  if (scope.kind === 'agency') return [];
  const find = (list: RegionNode[]): RegionNode | undefined => {
    for (const n of list) {
      if (n.id === scope.rootId) return n;
      const below = find(n.children);
      if (below) return below;
    }
    return undefined;
  };
  const root = find(roots);
  return root ? [root] : [];
}

async function wholeTree(db: Q): Promise<RegionNode[]> {
  const regions = await listRegions(db);
  const counts = await db
    .selectFrom('agencies')
    .select(['region_id', (eb) => eb.fn.countAll().as('n')])
    .where('region_id', 'is not', null)
    .groupBy('region_id')
    .execute();
  const count = new Map(counts.map((c) => [c.region_id, num(c.n)]));
  const nodes = new Map<number, RegionNode>(
    regions.map((r) => [r.id, { ...r, path: [], depth: 0, agencies: count.get(r.id) ?? 0, children: [] }]),
  );
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (list: RegionNode[], path: string[]) => {
    list.sort((a, b) => compareNames(a.name, b.name));
    for (const n of list) {
      n.path = [...path, n.name];
      n.depth = path.length;
      visit(n.children, n.path);
    }
  };
  visit(roots, []);
  return roots;
}

/** The region and every region below it. */
export function subtreeIds(regions: readonly Region[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const r of regions) if (r.parentId !== null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out: number[] = [];
  const stack = [rootId];
  const seen = new Set<number>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

const byIdCache = new WeakMap<readonly Region[], Map<number, Region>>();

/** Names from the root down to the region. */
export function regionPath(regions: readonly Region[], id: number | null): string[] {
  let byId = byIdCache.get(regions);
  if (!byId) byIdCache.set(regions, (byId = new Map(regions.map((r) => [r.id, r]))));
  const out: string[] = [];
  const seen = new Set<number>();
  for (let cur = id === null ? undefined : byId.get(id); cur && !seen.has(cur.id); cur = cur.parentId === null ? undefined : byId.get(cur.parentId)) {
    seen.add(cur.id);
    out.unshift(cur.name);
  }
  return out;
}

export async function getRegion(db: Q, id: number): Promise<Region> {
  const r = await db.selectFrom('regions').select(['id', 'name', 'parent_id']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new StoreError('not-found', `区域 ${id} 不存在`);
  return { id: r.id, name: r.name, parentId: r.parent_id };
}

function cleanName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!n) throw new StoreError('invalid', '区域名称不能为空');
  if (n.length > 100) throw new StoreError('invalid', '区域名称过长（最多 100 个字）');
  return n;
}

export async function createRegion(db: Q, input: { name: string; parentId?: number | null }): Promise<Region> {
  const name = cleanName(input.name);
  const parentId = input.parentId ?? null;
  if (parentId !== null) await getRegion(db, parentId);
  try {
    return await inTx(db, async (trx) => {
      const row = await trx
        .insertInto('regions')
        .values({ name, parent_id: parentId, created_at: now() })
        .returning(['id', 'name', 'parent_id'])
        .executeTakeFirstOrThrow();
      await bumpDataVersion(trx);
      return { id: row.id, name: row.name, parentId: row.parent_id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('conflict', `区域“${name}”已存在`);
    throw err;
  }
}

/** Renames or moves a region; refuses to move a region under itself or one of its sub-regions. */
export async function updateRegion(db: Q, id: number, input: { name?: string; parentId?: number | null }): Promise<Region> {
  return inTx(db, async (trx) => {
    const region = await getRegion(trx, id);
    const name = input.name === undefined ? region.name : cleanName(input.name);
    const parentId = input.parentId === undefined ? region.parentId : input.parentId;
    if (parentId !== null) {
      await getRegion(trx, parentId);
      if (subtreeIds(await listRegions(trx), id).includes(parentId)) {
        throw new StoreError('invalid', `不能把区域“${region.name}”移到它自己或它的下级区域之下`);
      }
    }
    try {
      await trx.updateTable('regions').set({ name, parent_id: parentId }).where('id', '=', id).execute();
      await bumpDataVersion(trx);
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreError('conflict', `区域“${name}”已存在`);
      throw err;
    }
    return { id, name, parentId };
  });
}

/** Deletes an empty region: one with sub-regions or agencies is refused (move them first). */
export async function deleteRegion(db: Q, id: number): Promise<void> {
  await inTx(db, async (trx) => {
    const region = await getRegion(trx, id);
    const child = await trx.selectFrom('regions').select('id').where('parent_id', '=', id).executeTakeFirst();
    if (child) throw new StoreError('conflict', `区域“${region.name}”下还有下级区域，不能删除`);
    const agency = await trx.selectFrom('agencies').select('id').where('region_id', '=', id).executeTakeFirst();
    if (agency) throw new StoreError('conflict', `区域“${region.name}”下还有机关，请先把机关移到其他区域`);
    const user = await trx.selectFrom('users').select('username').where('region_id', '=', id).executeTakeFirst();
    if (user) throw new StoreError('conflict', `用户“${user.username}”的数据范围是区域“${region.name}”，请先修改该用户`);
    await trx.deleteFrom('regions').where('id', '=', id).execute();
    await bumpDataVersion(trx);
  });
}
