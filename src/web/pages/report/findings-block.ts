import { SEVERITY_LABEL, when } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import { locationLabel } from '../../labels.ts';
import { TRIAGE_LABEL, TRIAGE_STATUSES, type TriagedFinding } from '../../../store/triage.ts';
import { dismissedMessage, type ReportView, type ShownFinding } from './view.ts';

/** One message as a button: severity, rule id or note code, where, the message, actual and expected values, the basis (findings) or that it is about the reading (notes). */
function findingItem({ f, span }: ShownFinding, k: number, view: ReportView): Html {
  const where = [locationLabel(view.template, f.location), span ? `原文第 ${span.line} 行` : ''].filter(Boolean).join(' · ');
  const detail = [
    f.actual !== undefined && f.actual !== null ? `实际：${f.actual}` : '',
    f.expected !== undefined && f.expected !== null ? `应为：${f.expected}` : '',
  ].filter(Boolean).join('　');
  const about = f.source === 'extract' ? html`<span class="basis">读取说明：ogi 未能清楚读出此处，不是报告的问题，请人工核对</span>` : html`<span class="basis">依据：${f.basis ?? ''}</span>`;
  const dismissed = dismissedMessage(f);
  const finding = f.source === 'check' ? (f as TriagedFinding) : null;
  return html`<li${dismissed ? html` class="dismissed" hidden` : ''}><button type="button" class="finding sev-${f.severity} from-${f.source}" data-i="${k}" data-sev="${f.severity}" data-rule="${f.code}" aria-pressed="false">
<span class="fhead"><span class="badge badge-${f.severity}">${SEVERITY_LABEL[f.severity]}</span><span class="rule">${f.code}</span><span class="where">${where}</span></span>
<span class="fmsg">${f.message}</span>
<span class="detail">${detail ? html`<span>${detail}</span>` : ''}${about}</span>
</button>${finding ? triageLine(finding) : ''}${finding && view.mayTriage ? triageForm(finding) : ''}</li>`;
}

/** The decision recorded about a finding, if any. */
function triageLine(f: TriagedFinding): Html {
  const t = f.triage;
  if (!t) return html``;
  return html`<p class="triage-state triage-${t.status}${t.stale ? ' stale' : ''}">审核判断：<strong>${TRIAGE_LABEL[t.status]}</strong>${t.reason ? html`（理由：${t.reason}）` : ''}${t.comment ? html` 意见：${t.comment}` : ''} · ${t.by} · ${when(t.at)}${t.stale ? html` · <em>此后该结果涉及的数值已修改，判断不再适用，请重新判断</em>` : ''}</p>`;
}

/** The reviewer's form: 确认 / 误报 (with a reason) / 待定, and a comment. */
function triageForm(f: TriagedFinding): Html {
  const current = f.triage && !f.triage.stale ? f.triage : undefined;
  return html`<details class="triage-edit"><summary>审核判断</summary>
<form class="triage-form" data-key="${f.key}">
  <label>判断 <select name="status">${TRIAGE_STATUSES.map((s) => html`<option value="${s}"${current?.status === s ? ' selected' : ''}>${TRIAGE_LABEL[s]}</option>`)}</select></label>
  <label>理由（标为误报时必填） <input name="reason" maxlength="2000" value="${current?.reason ?? ''}"></label>
  <label>审核意见 <textarea name="comment" maxlength="4000" rows="2">${current?.comment ?? ''}</textarea></label>
  <button type="submit">保存判断</button> <span class="error" role="alert" hidden></span>
</form></details>`;
}

/** The one list of the checks' findings and the extractor's notes no finding reports, with a filter by severity. */
export function findingsBlock(view: ReportView): Html {
  const { r, findings } = view;
  const open = findings.filter((x) => !dismissedMessage(x.f));
  const count = (s: string) => open.filter((x) => x.f.severity === s).length;
  const notes = findings.length - r.findings.length;
  const dismissed = findings.length - open.length;
  return html`<section id="findings" class="block findings-block">
      <div class="block-head"><h2>核查结果 <span class="muted">${r.findings.length - dismissed} 条${notes ? `，读取说明 ${notes} 条` : ''}</span></h2>
        <div class="filter" role="group" aria-label="按严重程度筛选">
          <button type="button" class="chip" data-filter="all" aria-pressed="true">全部</button>
          ${(['error', 'warning', 'info'] as const).map((s) => html`<button type="button" class="chip chip-${s}" data-filter="${s}" aria-pressed="false">${SEVERITY_LABEL[s]} ${count(s)}</button>`)}
        </div>
        ${dismissed ? html`<label class="show-dismissed"><input type="checkbox" id="show-dismissed"> 显示已标为误报的 ${dismissed} 条</label>` : ''}
      </div>
      ${findings.length ? html`<ol class="finding-list" id="finding-list">${findings.map((x, k) => findingItem(x, k, view))}</ol>` : html`<p class="ok">没有发现问题。</p>`}
    </section>`;
}
