import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { reportTitle, signatureDate } from './text.ts';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "FangSong_GB2312", "仿宋", "Noto Serif CJK SC", "Noto Serif SC", serif; font-size: 16pt; line-height: 1.75; color: #000; max-width: 210mm; margin: 0 auto; padding: 12mm; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.2em; }
p { text-indent: 2em; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.4; page-break-inside: auto; }
tr { page-break-inside: avoid; }
td, th { border: 1px solid #000; padding: 2pt 4pt; text-align: center; vertical-align: middle; font-weight: normal; }
td.label { text-align: left; }
.signature { text-align: right; margin-top: 2em; }
.signature p { text-indent: 0; }
@media print { body { padding: 0; max-width: none; } }
`;

function tableHtml(grid: Grid): string {
  const rows = grid.rows.map((row) => {
    const cells = row.map((c) => {
      const span = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
      const tag = c.kind === 'header' || c.kind === 'note' ? 'th' : 'td';
      const cls = c.kind === 'label' ? ' class="label"' : '';
      const data = c.path ? ` data-path="${escape(c.path)}"` : '';
      return `<${tag}${span}${cls}${data}>${escape(c.text)}</${tag}>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table class="${grid.key}">\n${rows.join('\n')}\n</table>`;
}

function paragraphs(text: string | null): string {
  if (!text) return '';
  return text.split(/\n+/).map((l) => l.trim()).filter(Boolean).map((l) => `<p>${escape(l)}</p>`).join('\n');
}

/** A standalone, print-ready HTML page of the report in the official layout. Report text is escaped. */
export function renderHtml(report: Report): string {
  const title = reportTitle(report);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escape(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escape(title)}</h1>`,
    paragraphs(report.preamble),
  ];
  const tables = report.template === 'legacy' ? null : report.tables;
  const grids: Partial<Record<SectionKey, Grid>> = tables && report.template !== 'legacy'
    ? { active: activeGrid(report.template, tables), requests: requestsGrid(report.template, tables), review: reviewGrid(tables) }
    : {};
  for (const s of SECTIONS) {
    out.push(`<h2>${escape(`${s.numeral}、${s.heading}`)}</h2>`);
    out.push(paragraphs(report.sections[s.key]));
    const grid = grids[s.key];
    if (grid) out.push(tableHtml(grid));
  }
  const date = signatureDate(report.signedOn);
  if (report.agency || date) {
    out.push('<div class="signature">', report.agency ? `<p>${escape(report.agency)}</p>` : '', date ? `<p>${escape(date)}</p>` : '', '</div>');
  }
  out.push('</body>', '</html>', '');
  return out.filter((l) => l !== '').join('\n');
}
