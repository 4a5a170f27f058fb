import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import { readAuthoringReport } from '../ingest/authoring.ts';
import { isAuthoringJson } from '../ingest/authoring-fields.ts';
import type { SourceText } from '../ingest/read-file.ts';
import type { Report } from '../schema/types.ts';
import { agencyKey, getAgency } from './agencies.ts';
import type { AuditActor } from './audit.ts';
import type { Store } from './db.ts';
import { onlyDraftOfYear, refuseSecondDraft, type NewDraft } from './drafts.ts';
import { StoreError, isUniqueViolation } from './errors.ts';
import { readContractJson, readFileReport, storeReport } from './import.ts';
import { sha256 } from './import-files.ts';

/**
 * 新建报告 from a file: a filled authoring file (YAML, or JSON with its keys), report data (contract
 * JSON) or any report document ogi reads, stored as the agency's draft with the file as its original.
 */

const invalid = (name: string, message: string) => new StoreError('invalid', `${name}：${message}`);

/** The report a file holds, read as its kind requires (all problems of an authoring file at once). */
async function readUpload(name: string, bytes: Buffer): Promise<{ source: SourceText; report: Report }> {
  const ext = extname(name).toLowerCase();
  const text = () => new TextDecoder('utf-8').decode(bytes);
  const authoring = (format: 'yaml' | 'json') => ({
    source: { path: name, name, format, encoding: 'utf-8', text: text() } as SourceText,
    report: readAuthoringReport(text(), name),
  });
  if (ext === '.yaml' || ext === '.yml') return authoring('yaml');
  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text());
    } catch (err) {
      throw invalid(name, `JSON 格式有误（${(err as Error).message}）`);
    }
    if (isAuthoringJson(data)) return authoring('json');
    const json = readContractJson(name, bytes);
    if (!json.ok) throw new StoreError('invalid', json.message, { problems: json.problems });
    return json;
  }
  return readFileReport({ name, bytes });
}

export async function createDraftFromFile(store: Store, input: { agencyId: number; name: string; bytes: Buffer }, author: string, actor: AuditActor): Promise<NewDraft> {
  const agency = await getAgency(store.db, input.agencyId);
  let read: { source: SourceText; report: Report };
  try {
    read = await readUpload(input.name, input.bytes);
  } catch (err) {
    if (err instanceof InputError) throw new StoreError('invalid', err.message);
    throw err;
  }
  const { source, report } = read;
  if (report.template === 'legacy' || report.year === null) throw invalid(input.name, '不是 2019 年度起法定格式、写明年度的报告，不能在网页中编写');
  if (report.agency && agencyKey(report.agency) !== agencyKey(agency.name)) {
    throw invalid(input.name, `文件中的机关是“${report.agency}”，不是“${agency.name}”；请选择正确的机关或文件`);
  }
  await refuseSecondDraft(store.db, agency, report.year);
  try {
    const id = await storeReport(store, {
      file: { name: input.name, bytes: input.bytes }, hash: sha256(input.bytes), source, report: { ...report, agency: agency.name }, author, importId: null,
      scope: { kind: 'agency', agencyId: agency.id }, actor, draft: { reason: `从文件“${input.name}”开始`, guard: onlyDraftOfYear(store, agency, report.year) },
    });
    return { id, previousReportId: null, carried: [] };
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreError('conflict', `${input.name}：这个文件已经导入过（内容相同），请打开已有的报告`);
    throw err;
  }
}
