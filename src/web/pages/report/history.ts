import type { VersionInfo } from '../../../store/corrections.ts';
import type { ReportDetail } from '../../../store/reports.ts';
import { ISSUER_LABEL, valueText, VERSION_KIND_LABEL, when } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import { cellLabel } from '../../labels.ts';

/** A value before or after a change, as shown: the issuer type by its Chinese name. */
export function changeValue(path: string, v: unknown): string {
  return path === 'meta.issuerType' && typeof v === 'string' ? (ISSUER_LABEL[v] ?? v) : valueText(v);
}

function versionItem(r: ReportDetail, v: VersionInfo): Html {
  return html`<li class="version" data-version="${v.version}">
<div class="vhead"><strong>第 ${v.version} 版</strong><span class="kind kind-${v.kind}">${VERSION_KIND_LABEL[v.kind] ?? v.kind}</span><span>${v.author}</span><time datetime="${v.at}">${when(v.at)}</time>
<span class="vlinks"><a href="/reports/${r.id}/versions/${v.version}">查看此版</a>${v.version === r.version ? html`<span class="current">当前版本</span>` : html`<button type="button" class="btn btn-small revert" data-version="${v.version}">恢复到此版</button>`}</span></div>
${v.reason ? html`<div class="reason">原因：${v.reason}</div>` : ''}
${v.changes.length ? html`<table class="changes"><thead><tr><th>位置</th><th>原值</th><th>新值</th></tr></thead><tbody>${v.changes.map((c) => html`<tr data-path="${c.path}"><td>${cellLabel(r.template, c.path)}</td><td class="old">${changeValue(c.path, c.old)}</td><td class="new">${changeValue(c.path, c.new)}</td></tr>`)}</tbody></table>` : ''}
</li>`;
}

/** The versions, newest first, each with its changes and a link to it; a form to revert to one. */
function versionsBlock(r: ReportDetail, versions: readonly VersionInfo[]): Html {
  return html`<ol class="versions">${[...versions].reverse().map((v) => versionItem(r, v))}</ol>
<form id="revert-form" class="inline-form" hidden>
<p>恢复到第 <strong id="revert-version"></strong> 版的内容，作为新的一版保存（历史全部保留），并立即重新核查。</p>
<label>原因 <input name="reason" id="revert-reason" maxlength="500" placeholder="可不填"></label>
<button type="submit" class="btn btn-primary">确认恢复</button> <button type="button" class="btn" id="revert-cancel">取消</button>
<p class="error" id="revert-error" role="alert" hidden></p>
</form>`;
}

/** The report's history: every version, with revert. */
export function historyBlock(r: ReportDetail, versions: readonly VersionInfo[]): Html {
  return html`<section id="history" class="block">
      <div class="block-head"><h2>修改记录 <span class="muted">${versions.length} 个版本</span></h2></div>
      ${versionsBlock(r, versions)}
    </section>`;
}
