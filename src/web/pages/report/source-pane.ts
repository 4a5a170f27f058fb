import type { Provenance } from '../../../schema/types.ts';
import { FORMAT_LABEL } from '../../format.ts';
import { html, type Html } from '../../html.ts';
import type { ReportView } from './view.ts';

/** Resolution of the page images of a PDF report (GET /api/reports/:id/pages/:n.png). */
export const PAGE_DPI = 100;

/** The pages of a PDF or image report shown as images: those that hold values (page 1 when none is known). */
export function imagePages(format: string, provenance: Record<string, Provenance>): number[] {
  if (format === 'image') return [1];
  if (format !== 'pdf') return [];
  const pages = new Set<number>();
  for (const p of Object.values(provenance)) if (Number.isInteger(p.page) && p.page! > 0) pages.add(p.page!);
  return pages.size ? [...pages].sort((a, b) => a - b) : [1];
}

function sourceHint(format: string): string {
  switch (format) {
    case 'html': return '网页正文（读取出的文字）';
    case 'pdf': return 'PDF 的文字层（读取出的文字）';
    case 'image': return '图片识别出的文字（OCR）';
    case 'docx': return 'Word 文档中的文字';
    default: return FORMAT_LABEL[format] ? `${FORMAT_LABEL[format]}原文` : '原文';
  }
}

/** The source text as numbered lines; each line knows its offset, so provenance offsets can be marked in it. */
function sourceLines(text: string): Html {
  let offset = 0;
  const lines = text.split('\n').map((line, i) => {
    const start = offset;
    offset += line.length + 1;
    return html`<div class="src-line" data-n="${i + 1}" data-s="${start}">${line.replace(/\r$/, '')}</div>`;
  });
  return html`${lines}`;
}

/** Tabs between the text and the page images (only when there are page images). */
function viewTabs(pageList: readonly number[]): Html | '' {
  return pageList.length
    ? html`<div class="view-tabs" role="tablist" aria-label="原文显示方式">
        <button type="button" class="chip" role="tab" id="tab-text" aria-controls="source" aria-selected="true" aria-pressed="true">文字</button>
        <button type="button" class="chip" role="tab" id="tab-pages" aria-controls="page-view" aria-selected="false" aria-pressed="false">原件页面</button></div>`
    : '';
}

function pageImages(id: number, format: string, pageList: readonly number[]): Html | '' {
  return pageList.length
    ? html`<div class="page-view" id="page-view" role="tabpanel" aria-label="原件页面" hidden>${pageList.map((n) => html`<figure class="page-img" data-page="${n}">
<img src="/api/reports/${id}/pages/${n}.png${format === 'pdf' ? `?dpi=${PAGE_DPI}` : ''}" loading="lazy" decoding="async" alt="原件第 ${n} 页">
<figcaption>第 ${n} 页</figcaption></figure>`)}</div>`
    : '';
}

/** The left pane: the text read from the original and, for PDF and images, the original's pages. */
export function sourcePane({ r, pageList }: ReportView): Html {
  return html`<section class="pane source-pane" aria-labelledby="source-title">
    <div class="pane-head"><h2 id="source-title">原文</h2>${viewTabs(pageList)}<span class="hint" id="source-hint">${sourceHint(r.format)}</span></div>
    <div class="source" id="source">${sourceLines(r.text ?? '')}</div>
    ${pageImages(r.id, r.format, pageList)}
  </section>`;
}
