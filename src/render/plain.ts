import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { placeGrid } from './placed.ts';
import { reportTitle, signatureDate } from './text.ts';

/** The grid as rows of cell texts, merged cells left empty after their first position. */
export function gridRows(grid: Grid): string[][] {
  return placeGrid(grid).map((row) => {
    const texts = Array.from({ length: grid.width }, () => '');
    for (const p of row) if (!p.continues) texts[p.col] = p.cell.text;
    return texts;
  });
}

function grids(report: Report): Partial<Record<SectionKey, Grid>> {
  if (report.template === 'legacy') return {};
  return { active: activeGrid(report.template, report.tables), requests: requestsGrid(report.template, report.tables), review: reviewGrid(report.tables) };
}

/** How one format writes the parts of a report: text taken from the report goes through `text`. */
interface Writer {
  title(t: string): string;
  heading(h: string): string;
  table(g: Grid): string;
  text(s: string): string;
}

function body(report: Report, w: Writer): string {
  const out: string[] = [w.title(w.text(reportTitle(report))), ''];
  if (report.preamble) out.push(w.text(report.preamble), '');
  const g = grids(report);
  for (const s of SECTIONS) {
    out.push(w.heading(`${s.numeral}、${s.heading}`));
    const text = report.sections[s.key];
    if (text) out.push(w.text(text));
    const grid = g[s.key];
    if (grid) out.push('', w.table(grid));
    out.push('');
  }
  const date = signatureDate(report.signedOn);
  if (report.agency) out.push(w.text(report.agency));
  if (date) out.push(date);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** Plain text: tables as tab-separated rows (the layout `ogi parse` reads back). */
export function renderTxt(report: Report): string {
  return body(report, { title: (t) => t, heading: (h) => h, table: (g) => gridRows(g).map((r) => r.join('\t')).join('\n'), text: (s) => s });
}

/**
 * Report text in Markdown: `&`, `<` and `>` as entities, so that no text of a report becomes
 * HTML (a tag, a comment, an autolink) in whatever shows the file.
 */
export const mdText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A pipe-table cell: also a backslash (else `\\|` would end the cell), `|`, and line breaks, which
 * would end the row.
 */
export const mdCell = (s: string) => mdText(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*(?:\r\n?|\n)\s*/g, ' ');

/** Markdown: headings and pipe tables (merged cells are left empty after their first position). */
export function renderMarkdown(report: Report): string {
  return body(report, {
    title: (t) => `# ${t.replace(/\s*[\r\n]+\s*/g, ' ')}`,
    heading: (h) => `## ${h}`,
    table: (g) => {
      const rows = gridRows(g).map((r) => `| ${r.map(mdCell).join(' | ')} |`);
      return [rows[0], `|${' --- |'.repeat(g.width)}`, ...rows.slice(1)].join('\n');
    },
    text: mdText,
  });
}
