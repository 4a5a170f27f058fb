import { InputError } from '../errors.ts';
import { decodeText } from '../ingest/decode.ts';
import { inferIssuerType } from '../schema/issuer.ts';
import { agencyIdByKey, agencyKey } from './agencies.ts';
import { bumpDataVersion, inTx, now, type Q } from './db.ts';
import { StoreError } from './errors.ts';
import { listRegions } from './regions.ts';

/**
 * Agencies → regions from a CSV file with the header "机关,区域,上级区域"
 * (上级区域 may be left out or empty). UTF-8 with or without BOM, or GBK.
 * Regions named are created when missing; each agency is created or moved to
 * its region. The file is applied whole or not at all: any bad line refuses
 * it, with every bad line listed.
 */

export interface CsvLineError {
  /** 1-based line of the file. */
  line: number;
  message: string;
}

export interface AgencyCsvResult {
  rows: number;
  regionsCreated: string[];
  agenciesCreated: number;
  agenciesMoved: number;
  agenciesUnchanged: number;
}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { line: number; fields: string[] }[] | CsvLineError {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    out.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',' || ch === '，') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (quoted) return { line: start, message: `第 ${start} 行：引号没有闭合` };
  if (field !== '' || fields.length) endRecord();
  return out;
}

const HEADER = { agency: '机关', region: '区域', parent: '上级区域' };

export async function importAgenciesCsv(db: Q, bytes: Uint8Array): Promise<AgencyCsvResult> {
  let text: string;
  try {
    text = decodeText(bytes, 'CSV 文件').text.replace(/^\uFEFF/, '');
  } catch (err) {
    throw new StoreError('invalid', err instanceof InputError ? err.message : 'CSV 文件无法解码');
  }
  const parsed = parseCsv(text);
  if (!Array.isArray(parsed)) throw new StoreError('invalid', parsed.message, [parsed]);
  const records = parsed.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records.shift();
  if (!header) throw new StoreError('invalid', 'CSV 文件是空的：第一行应为表头“机关,区域,上级区域”');
  const names = header.fields.map((f) => f.trim());
  const col = { agency: names.indexOf(HEADER.agency), region: names.indexOf(HEADER.region), parent: names.indexOf(HEADER.parent) };
  if (col.agency < 0 || col.region < 0) {
    throw new StoreError('invalid', `第 ${header.line} 行：表头应为“机关,区域,上级区域”（上级区域可省略），收到“${names.join(',')}”`);
  }
  const errors: CsvLineError[] = [];
  const regions = await listRegions(db);
  const existing = new Map(regions.map((r) => [r.name, r]));
  const nameOf = new Map(regions.map((r) => [r.id, r.name]));
  /** region → parent name (null: root), as the file and the database say. */
  const parentOf = new Map<string, { parent: string | null; line: number }>();
  const agencyRegion = new Map<string, { name: string; region: string; line: number }>();
  const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  for (const rec of records) {
    const bad = (message: string) => errors.push({ line: rec.line, message: `第 ${rec.line} 行：${message}` });
    if (rec.fields.length > names.length) {
      bad(`有 ${rec.fields.length} 列，表头只有 ${names.length} 列（名称中有逗号时请加英文双引号）`);
      continue;
    }
    const agency = clean(rec.fields[col.agency]);
    const region = clean(rec.fields[col.region]);
    const parent = col.parent >= 0 ? clean(rec.fields[col.parent]) || null : null;
    if (!agency) bad('机关名称为空');
    if (!region) bad('区域为空');
    if (!agency || !region) continue;
    if (agency.length > 100 || region.length > 100 || (parent?.length ?? 0) > 100) {
      bad('名称过长（最多 100 个字）');
      continue;
    }
    if (parent === region) {
      bad(`区域“${region}”不能是它自己的上级区域`);
      continue;
    }
    const known = existing.get(region);
    if (parent !== null) {
      const knownParent = known ? (known.parentId === null ? null : nameOf.get(known.parentId)!) : undefined;
      if (known && knownParent !== parent) {
        bad(`区域“${region}”已在${knownParent ? `“${knownParent}”之下` : '最上级'}，与本行的上级区域“${parent}”不一致（要移动区域请在区域管理中修改）`);
        continue;
      }
      const seen = parentOf.get(region);
      if (seen && seen.parent !== parent) {
        bad(`区域“${region}”的上级区域在第 ${seen.line} 行是“${seen.parent ?? '（无）'}”，本行是“${parent}”`);
        continue;
      }
      parentOf.set(region, { parent, line: rec.line });
    }
    const key = agencyKey(agency);
    const prev = agencyRegion.get(key);
    if (prev && prev.region !== region) {
      bad(`机关“${agency}”在第 ${prev.line} 行属于“${prev.region}”，本行属于“${region}”`);
      continue;
    }
    agencyRegion.set(key, { name: agency, region, line: rec.line });
  }
  // Regions to create: every name used and not in the database, parents first; cycles are refused.
  const wanted = new Set<string>();
  for (const a of agencyRegion.values()) wanted.add(a.region);
  for (const [region, p] of parentOf) {
    wanted.add(region);
    if (p.parent) wanted.add(p.parent);
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (existing.has(name) || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const p = parentOf.get(name);
      errors.push({ line: p?.line ?? 0, message: `第 ${p?.line ?? '?'} 行：区域的上下级关系成环（${[...trail, name].join(' → ')}）` });
      return;
    }
    state.set(name, 'visiting');
    const parent = parentOf.get(name)?.parent;
    if (parent) visit(parent, [...trail, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of wanted) visit(name, []);
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line);
    throw new StoreError('invalid', `CSV 文件有 ${errors.length} 处错误，未导入任何内容：${errors.slice(0, 5).map((e) => e.message).join('；')}${errors.length > 5 ? '……' : ''}`, errors);
  }
  return inTx(db, async (trx) => {
    await bumpDataVersion(trx);
    const at = now();
    const ids = new Map([...existing].map(([name, r]) => [name, r.id]));
    for (const name of order) {
      const parent = parentOf.get(name)?.parent ?? null;
      const row = await trx
        .insertInto('regions')
        .values({ name, parent_id: parent === null ? null : ids.get(parent)!, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(name, row.id);
    }
    let created = 0;
    let moved = 0;
    let unchanged = 0;
    for (const [key, a] of agencyRegion) {
      const regionId = ids.get(a.region)!;
      const foundId = await agencyIdByKey(trx, key);
      const found = foundId === null ? undefined : await trx.selectFrom('agencies').select(['id', 'region_id']).where('id', '=', foundId).executeTakeFirst();
      if (!found) {
        await trx.insertInto('agencies').values({ name: a.name, name_key: key, issuer_type: inferIssuerType(a.name), region_id: regionId, created_at: at }).execute();
        created++;
      } else if (found.region_id !== regionId) {
        await trx.updateTable('agencies').set({ region_id: regionId }).where('id', '=', found.id).execute();
        moved++;
      } else unchanged++;
    }
    return { rows: records.length, regionsCreated: order, agenciesCreated: created, agenciesMoved: moved, agenciesUnchanged: unchanged };
  });
}
