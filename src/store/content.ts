import { checkAll } from '../check/pipeline.ts';
import type { ExtractedReport } from '../extract/index.ts';
import { readAuthoringValue } from '../ingest/authoring-read.ts';
import { cellList } from '../schema/cells.ts';
import { SECTIONS } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import type { AuditActor } from './audit.ts';
import { applyChanges, auditVersion, isTextPath, lockReport, problem, readValue, saveVersion, type Value } from './corrections.ts';
import { inTx, type Q, type Store } from './db.ts';
import { StoreError } from './errors.ts';
import { withTriage, type TriagedFinding } from './triage.ts';
import { STATUS_LABEL, type ReportStatus } from './workflow-steps.ts';

/**
 * The whole content of a report written in the browser (PUT /api/reports/{id}/content): read as
 * strictly as an authoring file, saved as a new version with every value that changed, and checked
 * again — only while the report is a draft or returned for changes. `checkContent` runs the checks
 * on unsaved content, for the editor's live findings.
 */

export const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];

/** The paths the editor writes: the metadata it may change, the preamble and sections, every cell of the template. */
function editedPaths(report: Report): string[] {
  if (report.template === 'legacy') return [];
  return ['meta.issuerType', 'meta.signedOn', 'meta.publishedOn', 'meta.preamble', ...SECTIONS.map((s) => `sections.${s.key}`), ...cellList(report.template).map((c) => c.path)];
}

/** The content read strictly, as the changes it makes to the stored report (400 with every problem otherwise). */
function changesFrom(current: ExtractedReport, content: unknown): { path: string; value: Value }[] {
  const read = readAuthoringValue(content);
  if (!read.report) throw new StoreError('invalid', `报告内容有 ${read.problems.length} 处错误：${read.problems.join('；')}`, { problems: read.problems });
  const next = read.report;
  const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
  if (!same(next.agency, current.agency) || next.year !== current.year || next.template !== current.template) {
    throw new StoreError('invalid', `机关、年度和格式在新建报告时确定，编写时不能修改（本报告为“${current.agency ?? ''}”${current.year ?? ''} 年度、${current.template} 格式）`);
  }
  const changes = editedPaths(next).map((path) => ({ path, value: readValue(next as ExtractedReport, path) ?? null }));
  const problems = changes.flatMap((c) => {
    if (isTextPath(c.path)) return typeof c.value === 'string' && c.value.length > 50_000 ? [`${c.path}：文字过长（最多 50000 个字）`] : [];
    const p = problem(current, c.path, c.value);
    return p ? [`${c.path}：${p}`] : [];
  });
  if (problems.length) throw new StoreError('invalid', `报告内容有 ${problems.length} 处错误：${problems.join('；')}`, { problems });
  return changes;
}

export interface SavedContent {
  version: number;
  /** False when the content equals the stored one (no new version). */
  changed: boolean;
  changes: number;
}

async function editableRow(store: Store, trx: Q, id: number) {
  const row = await lockReport(store, trx, id);
  const { status } = await trx.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  if (!EDITABLE.includes(status as ReportStatus)) {
    throw new StoreError('conflict', `报告当前状态为“${STATUS_LABEL[status as ReportStatus] ?? status}”，不能修改内容（只有“草稿”或“退回修改”的报告可以编写）`, { status });
  }
  return row;
}

export async function saveContent(store: Store, id: number, input: { baseVersion: number; content: unknown }, author: string, actor: AuditActor): Promise<SavedContent> {
  return inTx(store.db, async (trx) => {
    const row = await editableRow(store, trx, id);
    if (input.baseVersion !== row.version) {
      throw new StoreError('conflict', `报告 ${id} 已从第 ${input.baseVersion} 版改到第 ${row.version} 版（可能在另一个窗口中保存过），请刷新后再改`, { currentVersion: row.version });
    }
    const current = JSON.parse(row.data) as ExtractedReport;
    const { next, applied } = applyChanges(current, changesFrom(current, input.content));
    if (!applied.length) return { version: row.version, changed: false, changes: 0 };
    const reason = '网页编写保存';
    const version = await saveVersion(store, trx, row, next, { kind: 'edit', author, reason, changes: applied });
    await auditVersion(trx, actor, 'report.edit', id, version, reason, applied);
    return { version, changed: true, changes: applied.length };
  });
}

/** The findings the content would have if saved (cross-year rules with the agency's other reports), nothing stored. */
export async function checkContent(store: Store, id: number, content: unknown): Promise<{ template: Report['template']; findings: TriagedFinding[] }> {
  const row = await store.db.selectFrom('reports').select(['id', 'data', 'agency_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `报告 ${id} 不存在`);
  const current = JSON.parse(row.data) as ExtractedReport;
  const { next } = applyChanges(current, changesFrom(current, content));
  const others = row.agency_id === null ? [] : await store.db.selectFrom('reports').select(['id', 'data']).where('agency_id', '=', row.agency_id).where('id', '!=', id).orderBy('id').execute();
  const findings = await checkAll([next, ...others.map((o) => JSON.parse(o.data) as ExtractedReport)], store.checkConfig);
  return { template: next.template, findings: await withTriage(store.db, id, findings[0]!, next.tables) };
}
