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

function body(report: Report, heading: (h: string) => string, table: (g: Grid) => string, title: (t: string) => string): string {
  const out: string[] = [title(reportTitle(report)), ''];
  if (report.preamble) out.push(report.preamble, '');
  const g = grids(report);
  for (const s of SECTIONS) {
    out.push(heading(`${s.numeral}、${s.heading}`));
    const text = report.sections[s.key];
    if (text) out.push(text);
    const grid = g[s.key];
    if (grid) out.push('', table(grid));
    out.push('');
  }
  const date = signatureDate(report.signedOn);
  if (report.agency) out.push(report.agency);
  if (date) out.push(date);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** Plain text: tables as tab-separated rows (the layout `ogi parse` reads back). */
export function renderTxt(report: Report): string {
  return body(report, (h) => h, (g) => gridRows(g).map((r) => r.join('\t')).join('\n'), (t) => t);
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

/** Markdown: headings and pipe tables (merged cells are left empty after their first position). */
export function renderMarkdown(report: Report): string {
  return body(
    report,
    (h) => `## ${h}`,
    (g) => {
      const rows = gridRows(g).map((r) => `| ${r.map(mdCell).join(' | ')} |`);
      return [rows[0], `|${' --- |'.repeat(g.width)}`, ...rows.slice(1)].join('\n');
    },
    (t) => `# ${t}`,
  );
}
