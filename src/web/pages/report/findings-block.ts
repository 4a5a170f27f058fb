import { SEVERITY_LABEL } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import { locationLabel } from '../../labels.ts';
import type { ReportView, ShownFinding } from './view.ts';

/** One finding as a button: severity, rule, where, the message, actual and expected values, the basis. */
function findingItem({ f, span }: ShownFinding, k: number, template: ReportView['template']): Html {
  const where = [locationLabel(template, f.location), span ? `原文第 ${span.line} 行` : ''].filter(Boolean).join(' · ');
  const detail = [
    f.actual !== undefined && f.actual !== null ? `实际：${f.actual}` : '',
    f.expected !== undefined && f.expected !== null ? `应为：${f.expected}` : '',
  ].filter(Boolean).join('　');
  return html`<li><button type="button" class="finding sev-${f.severity}" data-i="${k}" data-sev="${f.severity}" data-rule="${f.rule}" aria-pressed="false">
<span class="fhead"><span class="badge badge-${f.severity}">${SEVERITY_LABEL[f.severity]}</span><span class="rule">${f.rule}</span><span class="where">${where}</span></span>
<span class="fmsg">${f.message}</span>
<span class="detail">${detail ? html`<span>${detail}</span>` : ''}<span class="basis">依据：${f.basis}</span></span>
</button></li>`;
}

/** The findings of the checks, with a filter by severity. */
export function findingsBlock({ r, findings, template }: ReportView): Html {
  const counts = { error: r.errors, warning: r.warnings, info: r.infos };
  return html`<section id="findings" class="block findings-block">
      <div class="block-head"><h2>核查结果 <span class="muted">${r.findings.length} 条</span></h2>
        <div class="filter" role="group" aria-label="按严重程度筛选">
          <button type="button" class="chip" data-filter="all" aria-pressed="true">全部</button>
          ${(['error', 'warning', 'info'] as const).map((s) => html`<button type="button" class="chip chip-${s}" data-filter="${s}" aria-pressed="false">${SEVERITY_LABEL[s]} ${counts[s]}</button>`)}
        </div>
      </div>
      ${findings.length ? html`<ol class="finding-list" id="finding-list">${findings.map((x, k) => findingItem(x, k, template))}</ol>` : html`<p class="ok">没有发现问题。</p>`}
    </section>`;
}
