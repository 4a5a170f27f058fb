import { activePath, requestsPath, reviewPath } from '../schema/cells.ts';
import { ACTIVE_HEADER_LABEL } from '../schema/active.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../schema/templates.ts';
import {
  REQUEST_APPLICANT_LABEL, REQUEST_BALANCE_NOTE, REQUEST_COLUMNS, REQUEST_GROUP_LABELS, REQUEST_ORG_COLUMN_KEYS, REQUEST_ORG_GROUP_LABEL,
  REQUEST_RESULTS_LABEL, requestRows,
} from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL } from '../schema/review.ts';
import type { Cell, Tables } from '../schema/types.ts';

/**
 * The three statutory tables as grids of merged cells, in the official layout
 * (the 2019 and 2021 annexes). Every renderer (HTML, DOCX, XLSX, text) draws
 * these grids; nothing else decides where a label or a number goes.
 */

export interface GridCell {
  text: string;
  colspan: number;
  rowspan: number;
  kind: 'header' | 'label' | 'value' | 'note';
  /** For values: the cell path (`requests.newReceived.total`). */
  path?: string;
  value?: Cell;
}

export interface Grid {
  key: 'active' | 'requests' | 'review';
  /** Number of columns of the grid. */
  width: number;
  rows: GridCell[][];
}

const label = (text: string, colspan = 1, rowspan = 1, kind: GridCell['kind'] = 'label'): GridCell => ({ text, colspan, rowspan, kind });

export function formatNumber(v: Cell | undefined, signed = false): string {
  if (v === null || v === undefined) return '';
  if (signed && v > 0) return `+${v}`;
  return String(v);
}

const value = (path: string, v: Cell | undefined, signed = false): GridCell => ({
  text: formatNumber(v, signed), colspan: 1, rowspan: 1, kind: 'value', path, value: v ?? null,
});

export function activeGrid(template: TableTemplate, tables: Tables): Grid {
  const items = TEMPLATE_DEFS[template].active;
  const width = 1 + Math.max(...items.map((i) => i.columns.length));
  const rows: GridCell[][] = [];
  for (const item of items) {
    rows.push([label(item.label, width, 1, 'header')]);
    const last = (i: number) => (i === item.columns.length - 1 ? width - item.columns.length : 1);
    rows.push([label(ACTIVE_HEADER_LABEL.label, 1, 1, 'header'), ...item.columns.map((c, i) => label(c.label, last(i), 1, 'header'))]);
    for (const row of item.rows) {
      rows.push([
        label(row.label),
        ...item.columns.map((c, i) => ({
          ...value(activePath(item.key, row.key, c.key), tables.active[item.key]?.[row.key]?.[c.key], c.kind === 'signed'),
          colspan: last(i),
        })),
      ]);
    }
  }
  return { key: 'active', width, rows };
}

export function requestsGrid(template: TableTemplate, tables: Tables): Grid {
  const rows: GridCell[][] = [];
  const defs = requestRows(template);
  const cols = REQUEST_COLUMNS;
  rows.push([label(REQUEST_BALANCE_NOTE, 3, 3, 'note'), label(REQUEST_APPLICANT_LABEL, 7, 1, 'header')]);
  const orgs = cols.filter((c) => REQUEST_ORG_COLUMN_KEYS.includes(c.key));
  const single = cols.filter((c) => !REQUEST_ORG_COLUMN_KEYS.includes(c.key));
  rows.push([label(single[0]!.label, 1, 2, 'header'), label(REQUEST_ORG_GROUP_LABEL, orgs.length, 1, 'header'), label(single[1]!.label, 1, 2, 'header')]);
  rows.push(orgs.map((c) => label(c.label, 1, 1, 'header')));
  const values = (key: string) =>
    cols.map((c, i) => value(requestsPath(key, c.key), (tables.requests as Record<string, Cell[] | undefined>)[key]?.[i]));
  const resultRows = defs.filter((d) => d.result).length + 1; // and the total row
  const groupSize = (g: string) => defs.filter((d) => d.group === g).length;
  let seenResults = false;
  const seenGroups = new Set<string>();
  for (const def of defs) {
    const lead: GridCell[] = [];
    const isResultBlock = def.result || def.key === 'resultTotal';
    if (!isResultBlock) {
      rows.push([label(def.label, 3), ...values(def.key)]);
      continue;
    }
    if (!seenResults) {
      lead.push(label(REQUEST_RESULTS_LABEL, 1, resultRows));
      seenResults = true;
    }
    const groupLabel = REQUEST_GROUP_LABELS[def.group];
    const grouped = groupLabel !== null && groupSize(def.group) > 1;
    if (grouped) {
      if (!seenGroups.has(def.group)) {
        lead.push(label(groupLabel, 1, groupSize(def.group)));
        seenGroups.add(def.group);
      }
      lead.push(label(def.label));
    } else {
      lead.push(label(def.label, 2));
    }
    rows.push([...lead, ...values(def.key)]);
  }
  return { key: 'requests', width: 10, rows };
}

export function reviewGrid(tables: Tables): Grid {
  const cols = REVIEW_COLUMNS;
  const rows: GridCell[][] = [
    [label(REVIEW_GROUPS[0].label, 5, 1, 'header'), label(REVIEW_LITIGATION_LABEL, 10, 1, 'header')],
    [...cols.map((c) => label(c.label, 1, 2, 'header')), label(REVIEW_GROUPS[1].label, 5, 1, 'header'), label(REVIEW_GROUPS[2].label, 5, 1, 'header')],
    [...cols.map((c) => label(c.label, 1, 1, 'header')), ...cols.map((c) => label(c.label, 1, 1, 'header'))],
    REVIEW_GROUPS.flatMap((g) => cols.map((c, i) => value(reviewPath(g.key, c.key), tables.review[g.key]?.[i]))),
  ];
  return { key: 'review', width: 15, rows };
}
