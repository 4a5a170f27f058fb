import type { ReportDetail } from '../../../store/reports.ts';
import { FORMAT_LABEL, RENDER_FORMATS, size, TEMPLATE_LABEL, when } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import { countBadge, exportLinks } from '../../layout.ts';
import type { ReportView } from './view.ts';

/** Title, counts of findings, facts about the file and version, and the export links. */
export function reportHeader({ r, template, title }: ReportView): Html {
  return html`<div class="report-head">
  <div class="title-row">
    <h1>${title}</h1>
    <div class="badges" id="counts">${countBadge('error', r.errors, '错误')}${countBadge('warning', r.warnings, '警告')}${countBadge('info', r.infos, '提示')}</div>
  </div>
  <dl class="facts">
    <div><dt>区域</dt><dd>${r.regionPath.length ? r.regionPath.join(' / ') : html`<span class="muted">未归属区域</span>`}${r.agencyId ? html` <a href="/agencies/${r.agencyId}">机关页</a>` : ''}</dd></div>
    <div><dt>格式</dt><dd>${TEMPLATE_LABEL[template] ?? template}</dd></div>
    <div><dt>文件</dt><dd title="${r.fileName}">${r.fileName.split('/').pop()}（${FORMAT_LABEL[r.format] ?? r.format}，${size(r.size)}）</dd></div>
    <div><dt>导入</dt><dd>${when(r.importedAt)}</dd></div>
    <div><dt>版本</dt><dd id="version">第 ${r.version} 版${r.version > 1 ? html`（${when(r.updatedAt)} 修改）` : ''}</dd></div>
  </dl>
  ${exportBar(r)}
</div>`;
}

/** Downloads: the report in every format, the findings, the original file. */
function exportBar(r: ReportDetail): Html {
  const originalLinks: [string, string][] = [['下载原件', `/api/reports/${r.id}/original`]];
  if (r.format === 'pdf' || r.format === 'image') originalLinks.push(['在浏览器中打开原件', `/api/reports/${r.id}/original?inline=1`]);
  return html`<div class="export-bar">
    ${exportLinks('导出报告', RENDER_FORMATS.map(([f, label]) => [label, `/api/reports/${r.id}/export?format=${f}`]))}
    ${exportLinks('核查结果', [['CSV', `/api/reports/${r.id}/findings?format=csv`], ['Excel', `/api/reports/${r.id}/findings?format=xlsx`]])}
    ${exportLinks('原件', originalLinks)}
  </div>`;
}
