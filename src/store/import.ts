import { basename, extname } from 'node:path';
import { checkOne } from '../check/pipeline.ts';
import type { Finding } from '../check/types.ts';
import { InputError } from '../errors.ts';
import type { ReadReport } from '../extract/read-report.ts';
import { readBytesOnThread } from '../extract/read-thread.ts';
import type { SourceText } from '../ingest/read-file.ts';
import { checkContract, contractMessage } from '../schema/contract.ts';
import type { Report } from '../schema/types.ts';
import { agenciesByKey, agencyKey, findOrCreateAgencies, lockAgencies } from './agencies.ts';
import { recordAudits, type AuditActor } from './audit.ts';
import { planAdded } from './checks.ts';
import { inTx, now, type Q, type Store } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import { expandArchives, lazyTempDir } from './import-archives.ts';
import { DEFAULT_LIMITS, groupsWithin, loadWithin, sha256, sizeOf, type ImportFile, type ImportItem, type ImportLimits, type LoadedFile } from './import-files.ts';
import { requireReport, type DataScope } from './scope.ts';

export interface ImportResult {
  id: number;
  total: number;
  imported: number;
  duplicates: number;
  failed: number;
  items: ImportItem[];
}

export interface ImportOptions {
  author?: string;
  /** Where the files came from: api, cli, preload, bench. */
  source?: string;
  limits?: Partial<ImportLimits>;
  /** Whose data the importer may add: a clerk's reports go to their agency, a supervisor's must be of an agency in their region. */
  scope?: DataScope;
  /** The account that imports (recorded with the import). */
  userId?: number;
  /** Who imports, for the audit log (default: the author, without an account or address). */
  actor?: AuditActor | null;
  onProgress?: (done: number, total: number, item: ImportItem) => void;
}

const isContractJson = (name: string) => extname(name).toLowerCase() === '.json';

export type ContractJson =
  | { ok: true; source: SourceText; report: Report }
  | { ok: false; code: 'damaged' | 'usage'; message: string; problems: string[] };

/**
 * A report given as contract JSON, validated against the contract like every JSON input;
 * `structure` (from `ogi parse --json`) is passed through. Its original text is the JSON
 * itself, which the provenance does not point into, so no text is kept.
 */
export function readContractJson(name: string, bytes: Buffer): ContractJson {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    const problem = `JSON 格式有误（${(err as Error).message}）`;
    return { ok: false, code: 'damaged', message: `${name}：${problem}`, problems: [problem] };
  }
  if (Array.isArray(data)) {
    const problem = `一个文件应为一份报告（JSON 对象），收到有 ${data.length} 项的数组；请每份报告一个文件`;
    return { ok: false, code: 'usage', message: `${name}：${problem}`, problems: [problem] };
  }
  const r = checkContract(data);
  if (!r.ok) return { ok: false, code: 'usage', message: contractMessage(name, r.problems, { inline: true }), problems: r.problems };
  return { ok: true, source: { path: name, name: basename(name), format: 'json', encoding: 'utf-8', text: '' }, report: r.report };
}

/**
 * Reads one file and extracts its report on a worker thread (the server keeps answering meanwhile), from the bytes
 * already loaded: a file given by path is named by it, an upload or an archive's entry by its own name.
 */
export function readFileReport(file: LoadedFile): Promise<ReadReport> {
  return readBytesOnThread(file.path && !file.spooled ? file.path : file.name, file.bytes);
}

export interface StoreInput {
  file: LoadedFile; hash: string; source: SourceText; report: Report; author: string; importId: number | null; scope?: DataScope; actor?: AuditActor | null;
  /** A report started in the web editor (src/store/drafts.ts): its first version and audit entry say so. */
  draft?: { reason: string; guard?: (trx: Q) => Promise<void> };
}

/** Stores one read report with its original, its first version and its findings, in one transaction; returns its id. */
export async function storeReport(store: Store, input: StoreInput): Promise<number> {
  const [stored] = await storeChecked(store, [await checked(store, input)]);
  if ('refused' in stored!) throw new OutOfScope(stored.refused);
  return stored!.id;
}

/** A report ready to be stored: serialised, and checked as it will be read back (JSON), with the one-report rules. */
interface Checked {
  input: StoreInput;
  data: string;
  readBack: Report;
  findings: Finding[];
}

/** Done before the transaction: the database waits only for the cross-year part. */
async function checked(store: Store, input: StoreInput): Promise<Checked> {
  const data = JSON.stringify(input.report);
  const readBack = JSON.parse(data) as Report;
  return { input, data, readBack, findings: await checkOne(readBack, store.checkConfig) };
}

/** A stored report with its open error and warning counts, or why the importer may not add it. */
type Stored = { id: number; errors: number; warnings: number } | { refused: string };

/**
 * Stores checked reports, each with its original, its first version and its findings, all in one transaction
 * (each report as if stored alone, one after another: see `planAdded`). A report the importer may not add is
 * refused before anything of it is written, and the others are stored; any other error rolls back them all.
 */
async function storeChecked(store: Store, items: readonly Checked[]): Promise<Stored[]> {
  return inTx(store.db, async (trx) => {
    const agencies = await agenciesInScope(trx, items.map((i) => i.input));
    for (const i of items) await i.input.draft?.guard?.(trx);
    const kept = items.flatMap((item, k) => {
      const placed = agencies[k]!;
      return placed instanceof OutOfScope ? [] : [{ item, ...placed, ...item.input }];
    });
    const refused = (k: number) => ({ refused: (agencies[k] as OutOfScope).message });
    if (!kept.length) return items.map((_, k) => refused(k));
    // Another import adding years of these agencies meanwhile is waited for: the plan below sees its reports.
    await lockAgencies(trx, store.dialect, kept.map((i) => i.agencyId));
    const plan = await planAdded(trx, kept.map((i) => ({ agencyId: i.agencyId, year: i.report.year, report: i.item.readBack, findings: i.item.findings })), store.checkConfig);
    const at = now();
    const rows = await trx
      .insertInto('reports')
      .values(kept.map(({ item, agencyId, file, source, report, hash, importId }, j) => ({
        content_hash: hash,
        file_name: file.name,
        format: source.format,
        size: file.bytes.length,
        agency_id: agencyId,
        agency: report.agency,
        year: report.year,
        template: report.template,
        issuer_type: report.issuerType,
        version: 1,
        data: item.data,
        tables: JSON.stringify(report.tables),
        findings: plan.rows[j]!.json,
        rules_version: plan.rulesVersion,
        ...plan.rows[j]!.counts,
        import_id: importId,
        imported_at: at,
        updated_at: at,
      })))
      .returning(['id', 'content_hash'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.content_hash, r.id]));
    const ids = kept.map((i) => idOf.get(i.hash)!);
    // The plan put the reports after every stored one, in the order given: so must their ids be.
    if (ids.some((id, j) => id === undefined || (j > 0 && id <= ids[j - 1]!))) throw new Error(`新报告的编号不合预期（${ids.join('、')}）`);
    await trx.insertInto('originals').values(kept.map(({ file, source }, j) => ({ report_id: ids[j]!, bytes: file.bytes, text: source.text, encoding: source.encoding }))).execute();
    await trx
      .insertInto('report_versions')
      .values(kept.map(({ draft, author }, j) => ({ report_id: ids[j]!, version: 1, kind: draft ? 'draft' : 'import', author, reason: draft?.reason ?? null, changes: '[]', created_at: at })))
      .execute();
    const counts = await plan.afterInsert(trx, ids);
    await recordAudits(trx, kept.map(({ agencyId, regionId, report, file, hash, importId, draft, actor, author }, j) => ({
      actor: actor ?? { userId: null, username: author, address: null },
      action: draft ? 'report.draft' : 'import',
      summary: `${draft ? '新建' : '导入'}报告 ${ids[j]}：${report.agency ?? '（未识别机关）'}${report.year ? ` ${report.year} 年度` : ''}（${file.name.split('/').pop()}）`,
      detail: { reportId: ids[j], importId, agencyId, agency: report.agency, year: report.year, fileName: file.name, sha256: hash },
      reportId: ids[j],
      agencyId,
      regionId,
    })));
    const byItem = new Map(kept.map((i, j) => [i.item, { id: ids[j]!, ...counts[j]! }]));
    return items.map((item, k) => byItem.get(item) ?? refused(k));
  });
}

async function reportVisible(db: Q, scope: DataScope, id: number): Promise<boolean> {
  return requireReport(db, scope, id).then(() => true, () => false);
}

/** A report the importer may not add (another agency's, or outside their region): that file is refused. */
class OutOfScope extends Error {}

/** The agency a report is stored under, with its region when known (else the audit looks it up). */
interface Placed {
  agencyId: number | null;
  regionId?: number | null;
}

/**
 * The agency each report is stored under. Without limits, the agency of its name (created when new).
 * A clerk's report goes to the clerk's agency, unless its name is that of another known agency;
 * a supervisor's must name a known agency of their region.
 */
async function agenciesInScope(trx: Q, inputs: readonly StoreInput[]): Promise<(Placed | OutOfScope)[]> {
  const keys = inputs.map((i) => (i.report.agency ? agencyKey(i.report.agency) : null));
  const open = inputs.filter((i, k) => keys[k] !== null && (i.scope ?? { kind: 'all' }).kind === 'all');
  const created = await findOrCreateAgencies(trx, open.map((i) => ({ name: i.report.agency!, issuerType: i.report.issuerType })));
  const limited = keys.filter((key, k): key is string => key !== null && !created.has(key) && (inputs[k]!.scope ?? { kind: 'all' }).kind !== 'all');
  const known = new Map([...created, ...(await agenciesByKey(trx, [...new Set(limited)]))]);
  return inputs.map((input, k) => {
    const scope = input.scope ?? { kind: 'all' };
    const found = keys[k] === null ? undefined : known.get(keys[k]!);
    if (scope.kind === 'all') return found ? { agencyId: found.id, regionId: found.region_id } : { agencyId: null };
    if (scope.kind === 'agency') {
      if (found && found.id !== scope.agencyId) return new OutOfScope(`报告的发布机关是“${found.name}”，不是您所属的机关，未导入`);
      return { agencyId: scope.agencyId, regionId: found?.region_id };
    }
    if (!found) return new OutOfScope(`报告的发布机关“${input.report.agency ?? '（未识别）'}”不是您所辖区域内已登记的机关，未导入；请先由管理员登记该机关及其区域`);
    if (found.region_id === null || !scope.regionIds.includes(found.region_id)) return new OutOfScope(`报告的发布机关“${found.name}”不在您所辖的区域内，未导入`);
    return { agencyId: found.id, regionId: found.region_id };
  });
}

/** Files `importFiles` stores in one transaction (at most `batchBytes` of them), as many as a background task has. */
const GROUP_FILES = 10;

/**
 * Imports files (archives are unpacked): each readable report is stored with
 * its original bytes; a file whose bytes are already stored is a duplicate; a
 * file that cannot be read is listed with its reason and the others still
 * import. The import itself is recorded with every item.
 */
export async function importFiles(store: Store, input: readonly ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const author = options.author?.trim() || '未署名';
  if (input.length > limits.maxFiles) throw new StoreError('too-large', `一次最多导入 ${limits.maxFiles} 个文件，收到 ${input.length} 个`);
  const temp = lazyTempDir('ogi-import-');
  try {
    return await importExpanded(store, input, options, limits, author, temp.dir);
  } finally {
    await temp.remove();
  }
}

async function importExpanded(
  store: Store, input: readonly ImportFile[], options: ImportOptions, limits: ImportLimits, author: string, tmp: () => Promise<string>,
): Promise<ImportResult> {
  const { files, failed } = await expandArchives(input, limits, tmp);
  if (files.length > limits.maxFiles) {
    throw new StoreError('too-large', `一次最多导入 ${limits.maxFiles} 个文件，压缩包展开后有 ${files.length} 个；请分批导入`);
  }
  const items: ImportItem[] = [...failed];
  const total = files.length + failed.length;
  const batch = await store.db
    .insertInto('imports')
    .values({ source: options.source ?? 'api', author, created_at: now(), total, imported: 0, duplicates: 0, failed: 0, items: '[]', user_id: options.userId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  let done = 0;
  for (const item of failed) options.onProgress?.(++done, total, item);
  const ctx: ImportContext = { author, importId: batch.id, limits, scope: options.scope, actor: options.actor };
  const seen = new Set<string>();
  const sizes = new Map(await Promise.all(files.map(async (f) => [f, await sizeOf(f).catch(() => 0)] as const)));
  const groups = groupsWithin(files, (f) => sizes.get(f)!, { bytes: limits.batchBytes, count: GROUP_FILES });
  // The next group is loaded, looked up and read on the reader threads while this one is stored.
  let next = groups.length > 0 ? await prepareMany(store, groups[0]!, ctx, seen) : null;
  for (let g = 0; next; g++) {
    const current = next;
    next = g + 1 < groups.length ? await prepareMany(store, groups[g + 1]!, ctx, seen) : null;
    for (const item of await finishMany(store, current, ctx)) {
      items.push(item);
      options.onProgress?.(++done, total, item);
    }
  }
  const count = (s: ImportItem['status']) => items.filter((i) => i.status === s).length;
  const result: ImportResult = { id: batch.id, total, imported: count('imported'), duplicates: count('duplicate'), failed: count('failed'), items };
  await store.db
    .updateTable('imports')
    .set({ imported: result.imported, duplicates: result.duplicates, failed: result.failed, items: JSON.stringify(items) })
    .where('id', '=', batch.id)
    .execute();
  return result;
}

export interface ImportContext {
  author: string;
  importId: number;
  limits: ImportLimits;
  scope?: DataScope;
  actor?: AuditActor | null;
}

/** Imports one file (not an archive) in one transaction keyed by its sha256: imported, duplicate or failed with its reason. */
export async function importOne(store: Store, input: ImportFile, ctx: ImportContext): Promise<ImportItem> {
  return finishOne(store, await prepareOne(store, input, ctx, new Set()), ctx);
}

/**
 * Imports several files (not archives), with the outcome `importOne` gives each when called one after another:
 * each file is imported all or nothing, keyed by its sha256. The files are looked up together, read at once
 * (on the reader threads) and stored in one transaction; should that transaction fail, each file is stored
 * again in its own, so that a file that cannot be stored fails alone and the others are imported.
 */
export async function importBatch(store: Store, inputs: readonly ImportFile[], ctx: ImportContext): Promise<ImportItem[]> {
  return finishMany(store, await prepareMany(store, inputs, ctx, new Set()), ctx);
}

/** Stores prepared files in one transaction, or each in its own when that one fails (`importBatch`). */
async function finishMany(store: Store, prepared: readonly Prepared[], ctx: ImportContext): Promise<ImportItem[]> {
  const items: (ImportItem | undefined)[] = prepared.map((p) => ('done' in p ? p.done : undefined));
  const ready: { k: number; item: Checked }[] = [];
  for (const [k, p] of prepared.entries()) {
    // A file equal to one before it in the batch is taken up after the batch is stored (it is a duplicate then).
    if ('done' in p || p.seenBefore) continue;
    const read = await readingChecked(store, p, ctx);
    if ('data' in read) ready.push({ k, item: read });
    else items[k] = read;
  }
  const stored = ready.length ? await storeChecked(store, ready.map((r) => r.item)).catch(() => null) : [];
  for (const [j, { k, item }] of ready.entries()) items[k] = stored ? storedItem(item, stored[j]!) : await storeAlone(store, item);
  for (const [k, p] of prepared.entries()) items[k] ??= await finishOne(store, p, ctx);
  return items as ImportItem[];
}

type Reading = { ok: { source: SourceText; report: Report } } | { failed: string };

/** A file loaded and hashed, and either done with (a duplicate, unreadable) or being read. */
type Prepared = { done: ImportItem } | BeingRead;

type BeingRead = { file: LoadedFile; hash: string; reading: Promise<Reading>; seenBefore: boolean };

/**
 * Loads the file, and unless a stored report has its sha256, starts reading it (on a reader thread), so that
 * it can be read while the file before it is stored. `seen`: the hashes of the batch so far; a file equal to
 * one of them is looked up again when its turn comes, once that one is stored.
 */
async function prepareOne(store: Store, input: ImportFile, ctx: ImportContext, seen: Set<string>): Promise<Prepared> {
  return (await prepareMany(store, [input], ctx, seen))[0]!;
}

/** `prepareOne` of several files, their sha256 looked up in one query. */
async function prepareMany(store: Store, inputs: readonly ImportFile[], ctx: ImportContext, seen: Set<string>): Promise<Prepared[]> {
  const loaded = await Promise.all(inputs.map(async (input): Promise<{ done: ImportItem } | { file: LoadedFile; hash: string }> => {
    const l = await loadWithin(input, ctx.limits.maxFileBytes);
    return 'failed' in l ? { done: { name: input.name, status: 'failed', reason: l.failed } } : { file: l.file, hash: sha256(l.file.bytes) };
  }));
  const stored = await storedIds(store.db, loaded.flatMap((l) => ('done' in l ? [] : [l.hash])));
  const out: Prepared[] = [];
  for (const l of loaded) {
    if ('done' in l) {
      out.push(l);
      continue;
    }
    const { file, hash } = l;
    const existing = stored.get(hash);
    if (existing !== undefined) {
      out.push({ done: await duplicateItem(store, existing, ctx, file.name) });
      continue;
    }
    const seenBefore = seen.has(hash);
    seen.add(hash);
    out.push({ file, hash, reading: readOne(file), seenBefore });
  }
  return out;
}

/** The stored reports with these sha256, by hash. */
async function storedIds(db: Q, hashes: readonly string[]): Promise<Map<string, number>> {
  if (!hashes.length) return new Map();
  const rows = await db.selectFrom('reports').select(['id', 'content_hash']).where('content_hash', 'in', [...new Set(hashes)]).execute();
  return new Map(rows.map((r) => [r.content_hash, r.id]));
}

async function duplicateOf(store: Store, hash: string, ctx: ImportContext, name: string): Promise<ImportItem | null> {
  const existing = (await storedIds(store.db, [hash])).get(hash);
  return existing === undefined ? null : duplicateItem(store, existing, ctx, name);
}

async function duplicateItem(store: Store, existing: number, ctx: ImportContext, name: string): Promise<ImportItem> {
  if (ctx.scope && !(await reportVisible(store.db, ctx.scope, existing))) return { name, status: 'duplicate', reason: '与已导入的一份报告内容相同（该报告不在您的数据范围内）' };
  return { name, status: 'duplicate', reportId: existing, reason: `与已导入的报告 ${existing} 内容相同` };
}

/** The file's report, or why it cannot be read; never rejects (it may wait while the file before is stored). */
async function readOne(file: LoadedFile): Promise<Reading> {
  try {
    if (isContractJson(file.name)) {
      const json = readContractJson(file.name, file.bytes);
      return json.ok ? { ok: json } : { failed: json.message };
    }
    return { ok: await readFileReport(file) };
  } catch (err) {
    return { failed: err instanceof InputError ? err.message : `读取时出错（${(err as Error).message}）` };
  }
}

async function finishOne(store: Store, prepared: Prepared, ctx: ImportContext): Promise<ImportItem> {
  if ('done' in prepared) return prepared.done;
  if (prepared.seenBefore) {
    const duplicate = await duplicateOf(store, prepared.hash, ctx, prepared.file.name);
    if (duplicate) return duplicate;
  }
  const read = await readingChecked(store, prepared, ctx);
  return 'data' in read ? storeAlone(store, read) : read;
}

/** The file's report read and checked, ready to be stored; or the file's outcome when it cannot be read or checked. */
async function readingChecked(store: Store, prepared: BeingRead, ctx: ImportContext): Promise<Checked | ImportItem> {
  const { file, hash } = prepared;
  const reading = await prepared.reading;
  if ('failed' in reading) return { name: file.name, status: 'failed', reason: reading.failed };
  const { source, report } = reading.ok;
  try {
    return await checked(store, { file, hash, source, report, author: ctx.author, importId: ctx.importId, scope: ctx.scope, actor: ctx.actor });
  } catch (err) {
    return notStored(store, file.name, hash, err);
  }
}

/** Stores one checked report in its own transaction. */
async function storeAlone(store: Store, item: Checked): Promise<ImportItem> {
  try {
    return storedItem(item, (await storeChecked(store, [item]))[0]!);
  } catch (err) {
    return notStored(store, item.input.file.name, item.input.hash, err);
  }
}

function storedItem({ input: { file, report } }: Checked, stored: Stored): ImportItem {
  if ('refused' in stored) return { name: file.name, status: 'failed', reason: stored.refused };
  return { name: file.name, status: 'imported', reportId: stored.id, agency: report.agency, year: report.year, template: report.template, errors: stored.errors, warnings: stored.warnings };
}

/** A file whose storing failed: nothing of it was stored (one transaction); a duplicate when another import stored its bytes meanwhile. */
async function notStored(store: Store, name: string, hash: string, err: unknown): Promise<ImportItem> {
  if (!isUniqueViolation(err)) {
    // The other files still import.
    return { name, status: 'failed', reason: `${name}：保存时出错，未导入（${(err as Error).message}）` };
  }
  const again = (await storedIds(store.db, [hash])).get(hash);
  return { name, status: 'duplicate', reportId: again, reason: `与已导入的报告 ${again ?? ''} 内容相同` };
}
