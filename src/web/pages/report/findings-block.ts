import { SEVERITY_LABEL } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import { locationLabel } from '../../labels.ts';
import type { ReportView, ShownFinding } from './view.ts';

/** One message as a button: severity, rule id or note code, where, the message, actual and expected values, the basis (findings) or that it is about the reading (notes). */
function findingItem({ f, span }: ShownFinding, k: number, template: ReportView['template']): Html {
  const where = [locationLabel(template, f.location), span ? `原文第 ${span.line} 行` : ''].filter(Boolean).join(' · ');
  const detail = [
    f.actual !== undefined && f.actual !== null ? `实际：${f.actual}` : '',
    f.expected !== undefined && f.expected !== null ? `应为：${f.expected}` : '',
  ].filter(Boolean).join('　');
  const about = f.source === 'extract' ? html`<span class="basis">读取说明：ogi 未能清楚读出此处，不是报告的问题，请人工核对</span>` : html`<span class="basis">依据：${f.basis ?? ''}</span>`;
  return html`<li><button type="button" class="finding sev-${f.severity} from-${f.source}" data-i="${k}" data-sev="${f.severity}" data-rule="${f.code}" aria-pressed="false">
<span class="fhead"><span class="badge badge-${f.severity}">${SEVERITY_LABEL[f.severity]}</span><span class="rule">${f.code}</span><span class="where">${where}</span></span>
<span class="fmsg">${f.message}</span>
<span class="detail">${detail ? html`<span>${detail}</span>` : ''}${about}</span>
</button></li>`;
}

/** The one list of the checks' findings and the extractor's notes no finding reports, with a filter by severity. */
export function findingsBlock({ r, findings, template }: ReportView): Html {
  const count = (s: string) => findings.filter((x) => x.f.severity === s).length;
  const notes = findings.length - r.findings.length;
  return html`<section id="findings" class="block findings-block">
      <div class="block-head"><h2>核查结果 <span class="muted">${r.findings.length} 条${notes ? `，读取说明 ${notes} 条` : ''}</span></h2>
        <div class="filter" role="group" aria-label="按严重程度筛选">
          <button type="button" class="chip" data-filter="all" aria-pressed="true">全部</button>
          ${(['error', 'warning', 'info'] as const).map((s) => html`<button type="button" class="chip chip-${s}" data-filter="${s}" aria-pressed="false">${SEVERITY_LABEL[s]} ${count(s)}</button>`)}
        </div>
      </div>
      ${findings.length ? html`<ol class="finding-list" id="finding-list">${findings.map((x, k) => findingItem(x, k, template))}</ol>` : html`<p class="ok">没有发现问题。</p>`}
    </section>`;
}
