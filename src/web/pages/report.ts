import { listVersions, reportAtVersion } from '../../store/corrections.ts';
import type { Store } from '../../store/db.ts';
import type { Auth } from '../context.ts';
import { getReport } from '../../store/reports.ts';
import { VERSION_KIND_LABEL, when } from '../format.ts';
import { statutoryTables } from '../grid.ts';
import { html, jsonScript } from '../html.ts';
import { cellLabel, FIELD_LABEL } from '../labels.ts';
import { page } from '../layout.ts';
import { clientData } from './report/client-data.ts';
import { dataPane } from './report/data-pane.ts';
import { reportHeader } from './report/header.ts';
import { changeValue } from './report/history.ts';
import { fieldOf, META, metaValue } from './report/meta.ts';
import { sourcePane } from './report/source-pane.ts';
import { reportView } from './report/view.ts';
import { returnNotice, workflowBar } from './report/workflow-block.ts';
import { listWorkflow } from '../../store/workflow.ts';
import { EDITABLE } from '../../store/content.ts';
import { mayAuthor } from '../../store/report-authors.ts';

/**
 * The report page: the source (text and page images) beside the tables, findings, metadata and history.
 * Its parts are in ./report/: header, source pane, data pane (inspector, findings, tables, metadata,
 * history, reading notes) and the data for the page script.
 */
export async function reportPage(store: Store, auth: Auth, id: number, opts: { saved?: number } = {}): Promise<string> {
  const r = await getReport(store.db, id, { text: true });
  const versions = await listVersions(store.db, id);
  const steps = await listWorkflow(store.db, id);
  const view = reportView(r, { mayTriage: auth.user.role === 'admin' || auth.user.role === 'supervisor' });
  const author = await mayAuthor(store.db, { role: auth.user.role, scope: auth.scope }, id);
  const mayEdit = author && view.tableTemplate !== null && r.year !== null && EDITABLE.includes(r.status);
  const content = html`
${reportHeader(view)}
${workflowBar(view, steps, auth.user.role, author)}
${mayEdit ? html`<p class="edit-link"><a class="btn btn-primary" id="edit-report" href="/reports/${r.id}/edit">编写报告</a> <span class="muted">在法定格式的表格中修改数字和正文，边写边查</span></p>` : ''}
${auth.user.role === 'viewer' ? '' : html`<p class="danger-zone"><button type="button" class="btn btn-small btn-danger" id="delete-report" data-report="${r.id}" data-label="${view.title}">删除报告</button></p>`}
${opts.saved ? html`<p class="flash" role="status" id="flash">已保存为第 ${opts.saved} 版，核查已重新运行。</p>` : ''}
<div class="review-layout">
  ${sourcePane(view)}
  ${dataPane(view, versions, returnNotice(view, steps))}
</div>
${jsonScript('report-data', clientData(view))}`;
  return page({ title: view.title, section: 'reports', scripts: ['report.js', 'report-delete.js', 'report-workflow.js'], bodyClass: 'report-page', auth, crumbs: [['报告核查', '/reports'], [view.title]] }, content);
}

/** One version of a report, read only: its tables and metadata as they were, with that version's changes. */
export async function versionPage(store: Store, auth: Auth, id: number, version: number): Promise<string> {
  const current = await getReport(store.db, id, { text: false });
  const { version: info, report } = await reportAtVersion(store.db, id, version);
  const template = report.template;
  const changed = new Set(info.changes.map((c) => c.path));
  const title = `${current.agency ?? '（未读出机关名称）'}${current.year ? ` ${current.year} 年度` : ''} · 第 ${version} 版`;
  const tables =
    template === '2019' || template === '2021'
      ? statutoryTables(template, report.tables, (c) => (changed.has(c.path) ? { classes: ['changed'] } : undefined), 'v')
      : html`<p class="muted">2019 年以前格式的报告没有法定统计表。</p>`;
  const content = html`
<div class="report-head">
  <div class="title-row"><h1>${title}</h1></div>
  <p>${VERSION_KIND_LABEL[info.kind] ?? info.kind} · ${info.author} · ${when(info.at)}${info.reason ? html` · 原因：${info.reason}` : ''}
  ${version === current.version ? html`<span class="current">当前版本</span>` : html`<span class="muted">（当前为第 ${current.version} 版）</span>`}</p>
  <p><a class="btn" href="/reports/${id}#history">返回报告</a></p>
</div>
${info.changes.length ? html`<section class="block"><h2>本版修改</h2><table class="changes"><thead><tr><th>位置</th><th>原值</th><th>新值</th></tr></thead><tbody>${info.changes.map((c) => html`<tr><td>${cellLabel(template, c.path)}</td><td class="old">${changeValue(c.path, c.old)}</td><td class="new">${changeValue(c.path, c.new)}</td></tr>`)}</tbody></table></section>` : ''}
<section class="block">
  <h2>基本信息</h2>
  <table class="meta-table"><tbody>${META.map(([field]) => html`<tr><th>${FIELD_LABEL[field]}</th><td>${metaValue(field, fieldOf(report, field))}</td></tr>`)}</tbody></table>
</section>
<section class="block version-tables"><h2>统计表（第 ${version} 版）</h2>${tables}</section>`;
  return page({ title, section: 'reports', auth, crumbs: [['报告核查', '/reports'], [current.agency ?? `报告 ${id}`, `/reports/${id}`], [`第 ${version} 版`]] }, content);
}
