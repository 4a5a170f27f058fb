import { contentOf } from '../../ingest/authoring-content.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from '../../render/grid.ts';
import { cellList } from '../../schema/cells.ts';
import { identities } from '../../schema/identities.ts';
import { REQUEST_COLUMN_KEYS } from '../../schema/requests.ts';
import { REVIEW_COLUMN_KEYS } from '../../schema/review.ts';
import { SECTIONS } from '../../schema/sections.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { EDITABLE } from '../../store/content.ts';
import type { Store } from '../../store/db.ts';
import { getReport } from '../../store/reports.ts';
import { listWorkflow } from '../../store/workflow.ts';
import { STATUS_LABEL } from '../../store/workflow-steps.ts';
import type { Auth } from '../context.ts';
import { ISSUER_LABEL, TEMPLATE_LABEL } from '../format.ts';
import { gridTable } from '../grid.ts';
import { html, jsonScript, type Html } from '../html.ts';
import { cellLabel } from '../labels.ts';
import { page } from '../layout.ts';
import { reportView } from './report/view.ts';
import { returnNotice } from './report/workflow-block.ts';

/**
 * 编写报告: the report in the statutory layout, to fill in — the preamble, the six sections under
 * their headings with the three tables as grids of inputs (derived totals read only), the signing
 * date; the live findings beside it (report-edit.js checks the unsaved content as one types).
 */

const GRIDS: Record<string, (t: TableTemplate, tables: Parameters<typeof activeGrid>[1]) => Grid> = {
  active: activeGrid,
  requests: requestsGrid,
  review: (_t, tables) => reviewGrid(tables),
};

/** The totals the program computes (the right side of each identity that derives one), with their parts. */
const derivedTotals = (t: TableTemplate) => identities(t).filter((x) => x.def.derivesTotal).map((x) => ({ total: x.right[0]!, parts: x.left }));

function inputGrid(template: TableTemplate, grid: Grid, derived: ReadonlySet<string>): Html {
  return gridTable(grid, (c) => {
    const label = cellLabel(template, c.path);
    const computed = derived.has(c.path);
    return {
      classes: computed ? ['derived'] : [],
      title: computed ? `${label}（由程序计算）` : label,
      text: html`<input class="cell" data-path="${c.path}" value="${c.text}" aria-label="${label}" autocomplete="off" inputmode="decimal"${computed ? html` readonly tabindex="-1"` : ''}>`,
    };
  });
}

export async function reportEditPage(store: Store, auth: Auth, id: number): Promise<string> {
  const r = await getReport(store.db, id, { text: false });
  const view = reportView(r);
  const template = view.tableTemplate;
  const crumbs: [string, string?][] = [['报告核查', '/reports'], [view.title, `/reports/${id}`], ['编写']];
  const title = `编写：${view.title}`;
  if (!template || r.year === null || !EDITABLE.includes(r.status)) {
    const why = !template || r.year === null ? '这份报告是 2019 年以前的格式或没有年度，不能在网页中编写。' : `报告当前状态为“${STATUS_LABEL[r.status]}”，只有“草稿”或“退回修改”的报告可以编写。`;
    return page({ title, section: 'reports', auth, crumbs }, html`<div class="page-head"><h1>${title}</h1><p class="lead" id="not-editable">${why}</p><p><a class="btn" href="/reports/${id}">返回报告</a></p></div>`);
  }
  const content = contentOf({ ...r.report, template, year: r.year });
  const derived = derivedTotals(template);
  const derivedSet = new Set(derived.map((d) => d.total));
  const sections = SECTIONS.map((s) => {
    const heading = `${s.numeral}、${s.heading}`;
    const grid = GRIDS[s.key];
    return html`<section class="block edit-section" id="section-${s.key}">
  <h2>${heading}</h2>
  <textarea class="section-text" data-section="${s.key}" rows="${grid ? 2 : 6}" aria-label="${heading}" placeholder="${grid ? '（可空：表格前的说明文字）' : '在此填写'}">${content.sections[s.key] ?? ''}</textarea>
  ${grid ? html`<div class="table-scroll">${inputGrid(template, grid(template, r.report.tables), derivedSet)}</div>` : ''}
</section>`;
  });
  const steps = await listWorkflow(store.db, id);
  const body = html`
<div class="report-head edit-head">
  <div class="title-row"><h1>${title}</h1>
    <span class="status-badge status-${r.status}">${STATUS_LABEL[r.status]}</span>
    <span class="badges" id="edit-counts"></span></div>
  <p class="muted">${TEMPLATE_LABEL[template] ?? template} · 空白格为 null（不是 0），“总计”由程序计算 · Tab / Enter 在格间移动，可从 Excel 复制一块数字粘贴到所选格起的位置。</p>
  <p class="edit-actions"><button type="button" class="btn btn-primary" id="save-draft">保存草稿</button>
    <span id="save-state" role="status" data-version="${r.version}">第 ${r.version} 版，已保存</span>
    <a class="btn" href="/reports/${id}">返回报告（报送）</a></p>
  <p class="error" id="edit-error" role="alert" hidden></p>
</div>
${returnNotice(view, steps)}
<div class="editor-layout">
  <div class="editor-main">
    <section class="block" id="edit-meta">
      <h2>基本信息与落款</h2>
      <table class="meta-table"><tbody>
        <tr><th>机关（落款）</th><td>${content.agency ?? ''}</td></tr>
        <tr><th>年度</th><td>${content.year}</td></tr>
        <tr><th><label for="edit-issuer">机关类型</label></th><td><select id="edit-issuer">${Object.entries(ISSUER_LABEL).map(([k, label]) => html`<option value="${k}"${k === content.issuerType ? html` selected` : ''}>${label}</option>`)}</select></td></tr>
        <tr><th><label for="edit-signed">落款日期</label></th><td><input type="date" id="edit-signed" value="${content.signedOn ?? ''}"></td></tr>
      </tbody></table>
      <label class="block-label" for="edit-preamble">前言</label>
      <textarea id="edit-preamble" rows="4">${content.preamble ?? ''}</textarea>
    </section>
    ${sections}
  </div>
  <aside class="editor-findings block" aria-label="核查结果">
    <h2>核查结果 <span class="muted" id="check-state"></span></h2>
    <ol id="edit-findings" class="edit-findings"></ol>
  </aside>
</div>
${jsonScript('editor-data', { id, version: r.version, content, derived, columns: { requests: REQUEST_COLUMN_KEYS, review: REVIEW_COLUMN_KEYS }, kinds: Object.fromEntries(cellList(template).map((c) => [c.path, c.kind])) })}`;
  return page({ title, section: 'reports', auth, crumbs, scripts: ['report-edit.js'], bodyClass: 'edit-page' }, body);
}
