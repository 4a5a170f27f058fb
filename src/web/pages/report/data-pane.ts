import type { VersionInfo } from '../../../store/corrections.ts';
import { valueText } from '../../format.ts';
import { statutoryTables } from '../../grid.ts';
import { html, type Html } from '../../html.ts';
import { FIELD_LABEL } from '../../labels.ts';
import { findingsBlock } from './findings-block.ts';
import { historyBlock } from './history.ts';
import { fieldOf, META, metaValue } from './meta.ts';
import type { ReportView } from './view.ts';

/** The inspector: the selected value, where it was read, and the form to correct it. */
const INSPECTOR = html`<div class="inspector" id="inspector" aria-live="polite">
      <div id="insp-empty" class="muted">点击表中的数字，原文中读出它的位置会标出；选中后可以修改。点击核查结果，标出相关单元格和原文。</div>
      <div id="insp-body" hidden>
        <div class="insp-row"><strong id="insp-label"></strong></div>
        <div class="insp-row"><span>当前值 <b id="insp-value"></b></span><span id="insp-src"></span><span id="insp-corr" class="muted"></span>
          <button type="button" class="btn btn-small btn-primary" id="edit-start">修改</button></div>
        <form id="edit-form" class="edit-form" hidden>
          <span class="muted">新值填在单元格中（留空为空白）</span>
          <label>原因 <input id="edit-reason" name="reason" required maxlength="500" placeholder="例如：原文为 632，读错"></label>
          <button type="submit" class="btn btn-primary" id="edit-save">保存</button>
          <button type="button" class="btn" id="edit-cancel">取消</button>
          <p class="error" id="edit-error" role="alert" hidden></p>
        </form>
      </div>
    </div>`;

/** The statutory tables, each value cell marked with its worst finding, whether it has a source, whether it was corrected. */
function tablesBlock({ report, tableTemplate, worst, corrected }: ReportView): Html {
  const decorate = (c: { path: string; value?: number | null }) => {
    const classes: string[] = [];
    const sev = worst.get(c.path);
    if (sev) classes.push(`f-${sev}`);
    if (report.provenance[c.path]) classes.push('has-src');
    const cor = corrected.get(c.path);
    if (cor) classes.push('corrected');
    return { classes, title: cor ? `导入时为 ${valueText(cor.imported)}；第 ${cor.version} 版由 ${cor.author} 修改` : undefined };
  };
  return html`<section id="tables" class="block">
      <div class="block-head"><h2>统计表</h2><span class="legend"><span class="lg lg-error">有错误</span><span class="lg lg-warning">有警告</span><span class="lg lg-corrected">已修改</span><span class="lg lg-blank">空白</span></span></div>
      ${tableTemplate ? statutoryTables(tableTemplate, report.tables, decorate) : html`<p class="muted">2019 年以前格式的报告没有法定统计表。</p>`}
    </section>`;
}

/** Agency, year, issuer type and dates, each editable in place. */
function metaBlock({ report, corrected }: ReportView): Html {
  const rows = META.map(([field, kind]) => {
    const path = `meta.${field}`;
    const c = corrected.get(path);
    return html`<tr><th>${FIELD_LABEL[field]}</th><td class="meta-v${c ? ' corrected' : ''}${report.provenance[path] ? ' has-src' : ''}" data-path="${path}" data-kind="${kind}"><span class="num">${metaValue(field, fieldOf(report, field))}</span></td></tr>`;
  });
  return html`<section id="meta" class="block">
      <div class="block-head"><h2>基本信息</h2></div>
      <table class="meta-table"><tbody>${rows}</tbody></table>
    </section>`;
}

/** The right pane: inspector, the findings and reading notes (one list), then the tables, metadata and history. */
export function dataPane(v: ReportView, versions: readonly VersionInfo[], aboveFindings: Html = html``): Html {
  return html`<section class="pane data-pane" aria-label="读取结果">
    ${INSPECTOR}
    ${aboveFindings}
    ${findingsBlock(v)}
    <div class="data-scroll" id="data-scroll">
    ${tablesBlock(v)}
    ${metaBlock(v)}
    ${historyBlock(v.r, versions)}
    </div>
  </section>`;
}
