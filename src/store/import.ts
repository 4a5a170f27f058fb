import { basename, extname } from 'node:path';
import { checkOne } from '../check/pipeline.ts';
import { InputError } from '../errors.ts';
import type { ReadReport } from '../extract/read-report.ts';
import { readBytesOnThread } from '../extract/read-thread.ts';
import type { SourceText } from '../ingest/read-file.ts';
import { checkContract, contractMessage } from '../schema/contract.ts';
import type { Report } from '../schema/types.ts';
import { agencyIdByKey, agencyKey, findOrCreateAgency } from './agencies.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { planAdded } from './checks.ts';
import { inTx, now, type Q, type Store } from './db.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import { expandArchives, lazyTempDir } from './import-archives.ts';
import { DEFAULT_LIMITS, loadWithin, sha256, type ImportFile, type ImportItem, type ImportLimits, type LoadedFile } from './import-files.ts';
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
  return (await storeCounted(store, input)).id;
}

/** `storeReport`, also returning the stored report's open error and warning counts. */
async function storeCounted(store: Store, input: StoreInput): Promise<{ id: number; errors: number; warnings: number }> {
  const { report, source, file } = input;
  const at = now();
  // Checked as it will be read back (JSON), before the transaction: the database waits only for the cross-year part.
  const data = JSON.stringify(report);
  const readBack = JSON.parse(data) as Report;
  const findings = await checkOne(readBack, store.checkConfig);
  return inTx(store.db, async (trx) => {
    const agencyId = await agencyInScope(trx, report, input.scope ?? { kind: 'all' });
    await input.draft?.guard?.(trx);
    const plan = await planAdded(trx, { agencyId, year: report.year, report: readBack, findings }, store.checkConfig);
    const row = await trx
      .insertInto('reports')
      .values({
        content_hash: input.hash,
        file_name: file.name,
        format: source.format,
        size: file.bytes.length,
        agency_id: agencyId,
        agency: report.agency,
        year: report.year,
        template: report.template,
        issuer_type: report.issuerType,
        version: 1,
        data,
        tables: JSON.stringify(report.tables),
        findings: JSON.stringify(plan.findings),
        rules_version: plan.rulesVersion,
        ...plan.counts,
        import_id: input.importId,
        imported_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('originals').values({ report_id: row.id, bytes: file.bytes, text: source.text, encoding: source.encoding }).execute();
    await trx
      .insertInto('report_versions')
      .values({ report_id: row.id, version: 1, kind: input.draft ? 'draft' : 'import', author: input.author, reason: input.draft?.reason ?? null, changes: '[]', created_at: at })
      .execute();
    const counts = await plan.afterInsert(trx, row.id);
    await recordAudit(trx, input.actor ?? { userId: null, username: input.author, address: null }, {
      action: input.draft ? 'report.draft' : 'import',
      summary: `${input.draft ? '新建' : '导入'}报告 ${row.id}：${report.agency ?? '（未识别机关）'}${report.year ? ` ${report.year} 年度` : ''}（${file.name.split('/').pop()}）`,
      detail: { reportId: row.id, importId: input.importId, agencyId, agency: report.agency, year: report.year, fileName: file.name, sha256: input.hash },
      reportId: row.id,
      agencyId,
    });
    return { id: row.id, ...counts };
  });
}

async function reportVisible(db: Q, scope: DataScope, id: number): Promise<boolean> {
  return requireReport(db, scope, id).then(() => true, () => false);
}

/** A report the importer may not add (another agency's, or outside their region): that file is refused. */
class OutOfScope extends Error {}

/**
 * The agency a report is stored under. Without limits, the agency of its name (created when new).
 * A clerk's report goes to the clerk's agency, unless its name is that of another known agency;
 * a supervisor's must name a known agency of their region.
 */
async function agencyInScope(trx: Q, report: Report, scope: DataScope): Promise<number | null> {
  if (scope.kind === 'all') return report.agency ? findOrCreateAgency(trx, report.agency, report.issuerType) : null;
  const knownId = report.agency ? await agencyIdByKey(trx, agencyKey(report.agency)) : null;
  const known = knownId === null ? undefined : await trx.selectFrom('agencies').select(['id', 'name', 'region_id']).where('id', '=', knownId).executeTakeFirst();
  if (scope.kind === 'agency') {
    if (known && known.id !== scope.agencyId) throw new OutOfScope(`报告的发布机关是“${known.name}”，不是您所属的机关，未导入`);
    return scope.agencyId;
  }
  if (!known) throw new OutOfScope(`报告的发布机关“${report.agency ?? '（未识别）'}”不是您所辖区域内已登记的机关，未导入；请先由管理员登记该机关及其区域`);
  if (known.region_id === null || !scope.regionIds.includes(known.region_id)) throw new OutOfScope(`报告的发布机关“${known.name}”不在您所辖的区域内，未导入`);
  return known.id;
}

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
  // The next file is read on its thread while this one is stored.
  const ctx: ImportContext = { author, importId: batch.id, limits, scope: options.scope, actor: options.actor };
  const seen = new Set<string>();
  let next = files.length > 0 ? await prepareOne(store, files[0]!, ctx, seen) : null;
  for (let i = 0; next; i++) {
    const current = next;
    next = i + 1 < files.length ? await prepareOne(store, files[i + 1]!, ctx, seen) : null;
    const item = await finishOne(store, current, ctx);
    items.push(item);
    options.onProgress?.(++done, total, item);
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

type Reading = { ok: { source: SourceText; report: Report } } | { failed: string };

/** A file loaded and hashed, and either done with (a duplicate, unreadable) or being read. */
type Prepared = { done: ImportItem } | { file: LoadedFile; hash: string; reading: Promise<Reading>; seenBefore: boolean };

/**
 * Loads the file, and unless a stored report has its sha256, starts reading it (on a reader thread), so that
 * it can be read while the file before it is stored. `seen`: the hashes of the batch so far; a file equal to
 * one of them is looked up again when its turn comes, once that one is stored.
 */
async function prepareOne(store: Store, input: ImportFile, ctx: ImportContext, seen: Set<string>): Promise<Prepared> {
  const loaded = await loadWithin(input, ctx.limits.maxFileBytes);
  if ('failed' in loaded) return { done: { name: input.name, status: 'failed', reason: loaded.failed } };
  const { file } = loaded;
  const { name } = file;
  const hash = sha256(file.bytes);
  const duplicate = await duplicateOf(store, hash, ctx, name);
  if (duplicate) return { done: duplicate };
  const seenBefore = seen.has(hash);
  seen.add(hash);
  return { file, hash, reading: readOne(file), seenBefore };
}

async function duplicateOf(store: Store, hash: string, ctx: ImportContext, name: string): Promise<ImportItem | null> {
  const existing = await store.db.selectFrom('reports').select('id').where('content_hash', '=', hash).executeTakeFirst();
  if (!existing) return null;
  if (ctx.scope && !(await reportVisible(store.db, ctx.scope, existing.id))) return { name, status: 'duplicate', reason: '与已导入的一份报告内容相同（该报告不在您的数据范围内）' };
  return { name, status: 'duplicate', reportId: existing.id, reason: `与已导入的报告 ${existing.id} 内容相同` };
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
  const { file, hash } = prepared;
  const { name } = file;
  if (prepared.seenBefore) {
    const duplicate = await duplicateOf(store, hash, ctx, name);
    if (duplicate) return duplicate;
  }
  const reading = await prepared.reading;
  if ('failed' in reading) return { name, status: 'failed', reason: reading.failed };
  const { source, report } = reading.ok;
  try {
    const { id, errors, warnings } = await storeCounted(store, { file, hash, source, report, author: ctx.author, importId: ctx.importId, scope: ctx.scope, actor: ctx.actor });
    return { name, status: 'imported', reportId: id, agency: report.agency, year: report.year, template: report.template, errors, warnings };
  } catch (err) {
    if (err instanceof OutOfScope) return { name, status: 'failed', reason: err.message };
    if (!isUniqueViolation(err)) {
      // Nothing of the file was stored (one transaction); the other files still import.
      return { name, status: 'failed', reason: `${name}：保存时出错，未导入（${(err as Error).message}）` };
    }
    const again = await store.db.selectFrom('reports').select('id').where('content_hash', '=', hash).executeTakeFirst();
    return { name, status: 'duplicate', reportId: again?.id, reason: `与已导入的报告 ${again?.id ?? ''} 内容相同` };
  }
}
