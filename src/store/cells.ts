import { readCell } from '../check/cells.ts';
import { flatRows } from '../render/flat.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../schema/templates.ts';
import { REQUEST_COLUMN_KEYS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../schema/review.ts';
import type { ValueKind } from '../schema/active.ts';
import type { Cell, Report, Tables } from '../schema/types.ts';

/** One statutory table cell of a template, with its path (as in provenance) and printed labels. */
export interface CellDef {
  path: string;
  table: 'active' | 'requests' | 'review';
  item: string | null;
  row: string;
  column: string;
  kind: ValueKind;
  tableLabel: string;
  itemLabel: string | null;
  rowLabel: string;
  columnLabel: string;
}

const emptyTables = (): Tables => ({ active: {}, requests: {}, review: {} });

function buildCatalogue(template: TableTemplate): CellDef[] {
  const kinds = new Map<string, ValueKind>();
  for (const item of TEMPLATE_DEFS[template].active) {
    for (const row of item.rows) for (const col of item.columns) kinds.set(`active.${item.key}.${row.key}.${col.key}`, col.kind);
  }
  const skeleton = { agency: null, year: null, template, tables: emptyTables() } as unknown as Report;
  return flatRows([skeleton]).map((r) => {
    const path = r.table === 'active' ? `active.${r.item}.${r.row}.${r.column}` : `${r.table}.${r.row}.${r.column}`;
    return {
      path, table: r.table, item: r.item, row: r.row, column: r.column, kind: kinds.get(path) ?? 'count',
      tableLabel: r.tableLabel, itemLabel: r.itemLabel, rowLabel: r.rowLabel, columnLabel: r.columnLabel,
    };
  });
}

const CATALOGUES: Record<TableTemplate, CellDef[]> = { '2019': buildCatalogue('2019'), '2021': buildCatalogue('2021') };
const BY_PATH: Record<TableTemplate, Map<string, CellDef>> = {
  '2019': new Map(CATALOGUES['2019'].map((c) => [c.path, c])),
  '2021': new Map(CATALOGUES['2021'].map((c) => [c.path, c])),
};

/** The cells of a template's three tables, in printed order (the same array on every call). */
export function cellCatalogue(template: TableTemplate): readonly CellDef[] {
  return CATALOGUES[template];
}

export function cellDef(template: string, path: string): CellDef | undefined {
  return template === '2019' || template === '2021' ? BY_PATH[template].get(path) : undefined;
}

/** A cell's value; null when blank or when the report's table lacks it. */
export function cellValue(tables: Tables, path: string): Cell {
  return readCell({ tables } as Report, path) ?? null;
}

/** Writes a cell, creating the row (filled with null) when the table lacked it. */
export function setCell(tables: Tables, def: CellDef, value: Cell): void {
  if (def.table === 'active') {
    const item = (tables.active[def.item!] ??= {});
    const row = (item[def.row] ??= {});
    row[def.column] = value;
    return;
  }
  if (def.table === 'requests') {
    const rows = tables.requests as Record<string, Cell[]>;
    const row = (rows[def.row] ??= REQUEST_COLUMN_KEYS.map(() => null));
    row[REQUEST_COLUMN_KEYS.indexOf(def.column as (typeof REQUEST_COLUMN_KEYS)[number])] = value;
    return;
  }
  const rows = tables.review as Record<string, Cell[]>;
  const row = (rows[def.row] ??= REVIEW_COLUMN_KEYS.map(() => null));
  row[REVIEW_COLUMN_KEYS.indexOf(def.column as (typeof REVIEW_COLUMN_KEYS)[number])] = value;
}

/** Why a value cannot go into a cell of this kind (Chinese), or null when it can. */
export function invalidValue(def: CellDef, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '应为数字或 null（空白）';
  if (def.kind === 'money') return value < 0 ? '金额不能为负数' : null;
  if (!Number.isInteger(value)) return '应为整数';
  if (def.kind === 'count' && value < 0) return '件数不能为负数';
  return null;
}

/** Row keys of table 三 used by a template, for iterating groups. */
export const requestRowKeys = (template: TableTemplate): string[] => requestRows(template).map((r) => r.key);
export { REVIEW_GROUP_KEYS };

const READERS = new WeakMap<CellDef, (tables: Tables) => Cell>();

/** A fast reader of one cell (roll-ups read every cell of hundreds of reports). */
export function readerOf(def: CellDef): (tables: Tables) => Cell {
  let read = READERS.get(def);
  if (read) return read;
  const { item, row, column } = def;
  if (def.table === 'active') read = (t) => t.active[item!]?.[row]?.[column] ?? null;
  else if (def.table === 'requests') {
    const i = REQUEST_COLUMN_KEYS.indexOf(column as (typeof REQUEST_COLUMN_KEYS)[number]);
    read = (t) => (t.requests as Record<string, Cell[] | undefined>)[row]?.[i] ?? null;
  } else {
    const i = REVIEW_COLUMN_KEYS.indexOf(column as (typeof REVIEW_COLUMN_KEYS)[number]);
    read = (t) => (t.review as Record<string, Cell[] | undefined>)[row]?.[i] ?? null;
  }
  READERS.set(def, read);
  return read;
}
