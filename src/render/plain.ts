import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Report } from '../schema/types.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid } from './grid.ts';
import { reportTitle, signatureDate } from './text.ts';

/** The grid as rows of cell texts, merged cells left empty after their first position. */
export function gridRows(grid: Grid): string[][] {
  const out: string[][] = [];
  const taken: boolean[][] = [];
  grid.rows.forEach((row, r) => {
    out[r] ??= Array.from({ length: grid.width }, () => '');
    taken[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      out[r]![c] = cell.text;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        taken[r + dr] ??= [];
        out[r + dr] ??= Array.from({ length: grid.width }, () => '');
        for (let dc = 0; dc < cell.colspan; dc++) taken[r + dr]![c + dc] = true;
      }
      c += cell.colspan;
    }
  });
  return out;
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
