import type { Location } from '../check/types.ts';
import { parsePath } from '../schema/cells.ts';
import { activeGrid, requestsGrid, reviewGrid, type Grid, type GridCell } from '../render/grid.ts';
import { SECTIONS } from '../schema/sections.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Tables } from '../schema/types.ts';
import { html, type Html, type Part } from './html.ts';

/**
 * The three statutory tables as HTML, drawn from the renderer's grids
 * (src/render/grid.ts: the official merged-cell layout, each value with its
 * path). Pages decorate the value cells: classes, a title, a second line.
 */

export interface Decoration {
  classes?: string[];
  title?: string;
  /** Replaces the printed value. */
  text?: Part;
  /** A second line under the value (e.g. the change from last year). */
  below?: Part;
}

export type Decorate = (cell: GridCell & { path: string }) => Decoration | undefined;

export function gridTable(grid: Grid, decorate?: Decorate, caption?: string): Html {
  const rows = grid.rows.map((row) => {
    const cells = row.map((c) => {
      const span = html`${c.colspan > 1 ? html` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? html` rowspan="${c.rowspan}"` : ''}`;
      if (c.kind === 'header' || c.kind === 'note') return html`<th${span} class="${c.kind}">${c.text}</th>`;
      if (c.kind === 'label' || !c.path) return html`<td${span} class="label">${c.text}</td>`;
      const d = decorate?.({ ...c, path: c.path }) ?? {};
      const classes = ['v', c.value === null || c.value === undefined ? 'blank' : '', ...(d.classes ?? [])].filter(Boolean).join(' ');
      const text = d.text !== undefined ? d.text : c.text;
      return html`<td${span} class="${classes}" data-path="${c.path}"${d.title ? html` title="${d.title}"` : ''}><span class="num">${text}</span>${d.below !== undefined ? html`<span class="below">${d.below}</span>` : ''}</td>`;
    });
    return html`<tr>${cells}</tr>`;
  });
  return html`<table class="grid grid-${grid.key}">${caption ? html`<caption>${caption}</caption>` : ''}<tbody>${rows}</tbody></table>`;
}

const HEADINGS = Object.fromEntries(SECTIONS.map((s) => [s.key, `${s.numeral}、${s.heading}`]));

/** The three tables with their section headings (二、三、四). */
export function statutoryTables(template: TableTemplate, tables: Tables, decorate?: Decorate, idPrefix = 'table'): Html {
  const grids: [string, Grid][] = [
    ['active', activeGrid(template, tables)],
    ['requests', requestsGrid(template, tables)],
    ['review', reviewGrid(tables)],
  ];
  return html`${grids.map(([key, grid]) => html`<section class="table-block" id="${idPrefix}-${key}"><h3>${HEADINGS[key]}</h3><div class="table-scroll">${gridTable(grid, decorate)}</div></section>`)}`;
}

/** The value paths a finding's location names (a cell, a row, a column, or a whole table). */
export function locatedPaths(location: Location, paths: readonly string[]): string[] {
  const { table, item, row, column } = location;
  // A whole table is shown by its block, not by every cell.
  if (!table || (!item && !row && !column)) return [];
  return paths.filter((p) => {
    const cell = parsePath(p);
    return cell.table === table && (!item || cell.item === item) && (!row || cell.row === row) && (!column || cell.column === column);
  });
}

/** Every value path of a template's tables, in printed order. */
export function valuePaths(template: TableTemplate, tables: Tables): string[] {
  const out: string[] = [];
  for (const grid of [activeGrid(template, tables), requestsGrid(template, tables), reviewGrid(tables)]) {
    for (const row of grid.rows) for (const c of row) if (c.kind === 'value' && c.path) out.push(c.path);
  }
  return out;
}
