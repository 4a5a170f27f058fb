import type { Role } from '../../../store/users.ts';
import { pendingReturn, type WorkflowRecord } from '../../../store/workflow.ts';
import { roleMayTake, STATUS_LABEL, STEP_RULES, stepAllowedFrom, type WorkflowStep } from '../../../store/workflow-steps.ts';
import type { TriagedFinding } from '../../../store/triage.ts';
import { when } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import { cellLabel } from '../../labels.ts';
import type { ReportView } from './view.ts';

/** The steps the viewer may take now: their role allows it (or they write the report: submit) and the report's status permits it. */
function stepsOpen(view: ReportView, role: Role, author: boolean): WorkflowStep[] {
  return (['submit', 'return', 'accept', 'publish'] as const).filter((s) => (roleMayTake(role, s) || (s === 'submit' && author)) && stepAllowedFrom(s, view.r.status));
}

const checkFindings = (view: ReportView): TriagedFinding[] => view.r.findings;

/** The 退回修改 form: a comment, and optionally the cells and findings it points at. */
function returnForm(view: ReportView): Html {
  const cells = [...new Set([...view.worst.keys(), ...view.corrected.keys()])].filter((p) => !p.startsWith('meta.'));
  const findings = checkFindings(view);
  return html`<form class="workflow-form" data-step="return" hidden>
  <label>退回意见（必填） <textarea name="comment" required maxlength="2000" rows="3"></textarea></label>
  ${cells.length ? html`<label>涉及的单元格（可多选） <select name="cells" multiple size="${Math.min(8, cells.length)}">${cells.map((p) => html`<option value="${p}">${cellLabel(view.template, p)}</option>`)}</select></label>` : ''}
  ${findings.length ? html`<fieldset><legend>涉及的核查结果（可多选）</legend>${findings.map((f) => html`<label class="check"><input type="checkbox" name="findingKeys" value="${f.key}"> ${f.rule}：${f.message}</label>`)}</fieldset>` : ''}
  <button type="submit" class="btn btn-primary">退回修改</button> <button type="button" class="btn workflow-cancel">取消</button>
</form>`;
}

const PUBLISH_FORM = html`<form class="workflow-form" data-step="publish" hidden>
  <label>发布网址 <input type="url" name="url" required maxlength="2000" placeholder="https://"></label>
  <label>发布日期 <input type="date" name="date" required></label>
  <button type="submit" class="btn btn-primary">登记发布</button> <button type="button" class="btn workflow-cancel">取消</button>
</form>`;

function historyItem(view: ReportView, s: WorkflowRecord): Html {
  return html`<li><strong>${STEP_RULES[s.step].label}</strong>（${STATUS_LABEL[s.from]} → ${STATUS_LABEL[s.to]}）· ${s.username} · <time datetime="${s.at}">${when(s.at)}</time>
${s.comment ? html`<div class="reason">意见：${s.comment}</div>` : ''}${s.cells.length ? html`<div class="muted">单元格：${s.cells.map((p) => cellLabel(view.template, p)).join('、')}</div>` : ''}${s.findingKeys.length ? html`<div class="muted">核查结果：${s.findingKeys.length} 条</div>` : ''}${s.publishedUrl ? html`<div>发布：${s.publishedOn ?? ''} <a href="${s.publishedUrl}" rel="noopener noreferrer" target="_blank">${s.publishedUrl}</a></div>` : ''}</li>`;
}

/** The status badge, the buttons of the steps the viewer may take, their forms, and the workflow history. */
export function workflowBar(view: ReportView, steps: readonly WorkflowRecord[], role: Role, author = false): Html {
  const r = view.r;
  const open = stepsOpen(view, role, author);
  const buttons = open.map((s) => html`<button type="button" class="btn btn-small${s === 'accept' || s === 'submit' ? ' btn-primary' : ''}" data-workflow="${s}">${s === 'submit' && r.status === 'returned' ? '再次报送' : STEP_RULES[s].label}</button>`);
  return html`<section class="block workflow" id="workflow" data-report="${r.id}">
  <div class="block-head"><h2>报送状态 <span class="status-badge status-${r.status}" id="workflow-status">${STATUS_LABEL[r.status]}</span></h2>
  ${r.publishedOn ? html`<span>发布日期 ${r.publishedOn}${r.publishedUrl ? html` · <a href="${r.publishedUrl}" rel="noopener noreferrer" target="_blank">发布网址</a>` : ''}</span>` : ''}
  <span class="actions">${buttons}</span></div>
  ${open.includes('return') ? returnForm(view) : ''}
  ${open.includes('publish') ? PUBLISH_FORM : ''}
  <p class="error" id="workflow-error" role="alert" hidden></p>
  ${steps.length ? html`<details class="workflow-history"><summary>报送与审核记录（${steps.length} 步）</summary><ol>${steps.map((s) => historyItem(view, s))}</ol></details>` : html`<p class="muted">尚未报送。</p>`}
</section>`;
}

/** For a returned report: the supervisor's comment with the cells and findings it points at, shown above the findings. */
export function returnNotice(view: ReportView, steps: readonly WorkflowRecord[]): Html {
  const ret = pendingReturn(steps, view.r.status);
  if (!ret) return html``;
  const byKey = new Map(checkFindings(view).map((f) => [f.key, f]));
  return html`<section class="block return-notice" id="return-notice" role="note">
  <h2>退回修改意见</h2>
  <p>${ret.username} · ${when(ret.at)}</p>
  <p class="return-comment">${ret.comment ?? ''}</p>
  ${ret.cells.length ? html`<p>涉及的单元格：</p><ul class="plain">${ret.cells.map((p) => html`<li data-path="${p}">${cellLabel(view.template, p)}</li>`)}</ul>` : ''}
  ${ret.findingKeys.length ? html`<p>涉及的核查结果：</p><ul class="plain">${ret.findingKeys.map((k) => {
    const f = byKey.get(k);
    return html`<li data-key="${k}">${f ? `${f.rule}：${f.message}` : html`<span class="muted">（该结果在重新核查后已不存在）</span>`}</li>`;
  })}</ul>` : ''}
</section>`;
}
