import type { ValueKind } from './active.ts';
import {
  REQUEST_COLUMNS, REQUEST_COLUMN_KEYS, REQUEST_GROUP_LABELS, REQUEST_ORG_COLUMN_KEYS, REQUEST_ORG_GROUP_LABEL, REQUEST_RESULTS_LABEL, REQUEST_ROWS, requestRows,
  type RequestColumnKey, type RequestRowDef, type RequestRowKey,
} from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_COLUMN_KEYS, REVIEW_GROUPS, REVIEW_GROUP_KEYS, REVIEW_LITIGATION_LABEL, type ReviewColumnKey, type ReviewGroupKey } from './review.ts';
import { SECTIONS } from './sections.ts';
import { TEMPLATE_DEFS, type TableTemplate } from './templates.ts';
import type { Cell, Tables } from './types.ts';

/**
 * The cells of the statutory tables and their paths — the keys of `Report.provenance`:
 * `active.<item>.<row>.<column>`, `requests.<row>.<column>`, `review.<group>.<column>`.
 * Paths are built and taken apart here only.
 */

export type TableKey = 'active' | 'requests' | 'review';

/** A place in the tables: a cell, or (with parts left out) a row, an item, a column or a whole table. */
export interface TablePlace {
  table?: TableKey;
  /** Table 二 item (art20_1 …). */
  item?: string;
  row?: string;
  column?: string;
}

const interned = new Map<string, string>();
const intern = (s: string): string => {
  let hit = interned.get(s);
  if (hit === undefined) interned.set(s, (hit = s));
  return hit;
};

/**
 * The paths made so far, by table and then by each part in turn: a path is looked up by its parts
 * (the schema's own strings, hashed once), not joined and hashed anew on every call — extraction and
 * the checks ask for the same few hundred paths thousands of times per report.
 */
interface PathNode {
  path: string;
  next: Map<string, PathNode> | null;
}
const PATH_ROOTS = new Map<string, PathNode>();
/** Parts kept under one node: past this (data naming ever new rows), paths are joined each time. */
const PARTS_KEPT = 20_000;

function rootNode(table: string): PathNode {
  let node = PATH_ROOTS.get(table);
  if (!node) PATH_ROOTS.set(table, (node = { path: intern(table), next: null }));
  return node;
}

/** The node of `node.path` + "." + `part`, or null past the bound. */
function childNode(node: PathNode, part: string): PathNode | null {
  const next = (node.next ??= new Map());
  let child = next.get(part);
  if (!child) {
    if (next.size >= PARTS_KEPT) return null;
    next.set(part, (child = { path: intern(`${node.path}.${part}`), next: null }));
  }
  return child;
}

export function activePath(item: string, row: string, column: string): string {
  const a = childNode(rootNode('active'), item);
  const b = a && childNode(a, row);
  const c = b && childNode(b, column);
  return c ? c.path : intern(`active.${item}.${row}.${column}`);
}

const REQUEST_PATHS = new Map<string, readonly string[]>(
  REQUEST_ROWS.map((r) => [r.key, REQUEST_COLUMN_KEYS.map((c) => intern(`requests.${r.key}.${c}`))]),
);
const REVIEW_PATHS = new Map<string, readonly string[]>(
  REVIEW_GROUP_KEYS.map((g) => [g, REVIEW_COLUMN_KEYS.map((c) => intern(`review.${g}.${c}`))]),
);

/** The seven cell paths of a row of table 三, in column order. */
export function requestRowPaths(row: RequestRowKey | string): readonly string[] {
  let paths = REQUEST_PATHS.get(row);
  if (!paths) REQUEST_PATHS.set(row, (paths = REQUEST_COLUMN_KEYS.map((c) => intern(`requests.${row}.${c}`))));
  return paths;
}

export function requestsPath(row: RequestRowKey | string, column: RequestColumnKey): string {
  return requestRowPaths(row)[REQUEST_COLUMN_KEYS.indexOf(column)]!;
}

/** The five cell paths of a group of table 四, in column order. */
export function reviewRowPaths(group: ReviewGroupKey): readonly string[] {
  return REVIEW_PATHS.get(group)!;
}

export function reviewPath(group: ReviewGroupKey, column: ReviewColumnKey): string {
  return reviewRowPaths(group)[REVIEW_COLUMN_KEYS.indexOf(column)]!;
}

/** The path of a cell, or of a row (`requests.granted`, `active.art20_1.rules`), item or table when parts are left out. */
export function placePath(place: TablePlace): string {
  const { table, item, row, column } = place;
  if (!table) return '';
  const parts = table === 'active' ? [item, row, column] : [row, column];
  let node: PathNode | null = rootNode(table);
  for (const p of parts) {
    if (p === undefined) break;
    node = childNode(node, p);
    if (!node) return joinedPath(table, parts);
  }
  return node.path;
}

/** `placePath` past the bound of kept parts: joined each time. */
function joinedPath(table: string, parts: readonly (string | undefined)[]): string {
  const out = [table];
  for (const p of parts) {
    if (p === undefined) break;
    out.push(p);
  }
  return intern(out.join('.'));
}

/** Takes a path apart: `requests.denied.stateSecret.total` → {table, row, column}; {} when it is not a table path. */
export function parsePath(path: string): TablePlace {
  return { ...placeOf(path) };
}

/** Parsed paths, shared (checking a report reads its cells by path many thousand times). */
const PLACES = new Map<string, Readonly<TablePlace>>();
/** Paths come from data too: past this many, new ones are parsed each time rather than kept. */
const PLACES_KEPT = 20_000;

function placeOf(path: string): Readonly<TablePlace> {
  let place = PLACES.get(path);
  if (place === undefined) {
    place = Object.freeze(splitPath(path));
    if (PLACES.size < PLACES_KEPT) PLACES.set(path, place);
  }
  return place;
}

function splitPath(path: string): TablePlace {
  const parts = path.split('.');
  const table = parts[0];
  if (table === 'requests') {
    const column = parts.length > 2 && (REQUEST_COLUMN_KEYS as readonly string[]).includes(parts[parts.length - 1]!) ? parts[parts.length - 1] : undefined;
    const row = (column ? parts.slice(1, -1) : parts.slice(1)).join('.') || undefined;
    return { table, ...(row ? { row } : {}), ...(column ? { column } : {}) };
  }
  if (table === 'review') return { table, ...(parts[1] ? { row: parts[1] } : {}), ...(parts[2] ? { column: parts[2] } : {}) };
  if (table === 'active') {
    return { table, ...(parts[1] ? { item: parts[1] } : {}), ...(parts[2] ? { row: parts[2] } : {}), ...(parts[3] ? { column: parts[3] } : {}) };
  }
  return {};
}

/** A cell's value by path; undefined when the tables have no such cell (a row left out, another template's row). */
export function readCell(tables: Tables, path: string): Cell | undefined {
  const p = placeOf(path);
  if (!p.row || !p.column) return undefined;
  if (p.table === 'requests') {
    const row = (tables.requests as Record<string, Cell[] | undefined>)[p.row];
    const i = REQUEST_COLUMN_KEYS.indexOf(p.column as RequestColumnKey);
    return row && i >= 0 ? row[i] : undefined;
  }
  if (p.table === 'review') {
    const row = (tables.review as Record<string, Cell[] | undefined>)[p.row];
    const i = REVIEW_COLUMN_KEYS.indexOf(p.column as ReviewColumnKey);
    return row && i >= 0 ? row[i] : undefined;
  }
  if (p.table === 'active' && p.item) return tables.active[p.item]?.[p.row]?.[p.column];
  return undefined;
}

/** Writes a cell by path, creating its row (filled with null) when the table lacks it. */
export function writeCell(tables: Tables, path: string, value: Cell): void {
  const p = placeOf(path);
  if (!p.row || !p.column) throw new Error(`not a cell path: ${path}`);
  if (p.table === 'active') {
    const item = (tables.active[p.item!] ??= {});
    (item[p.row] ??= {})[p.column] = value;
    return;
  }
  if (p.table === 'requests') {
    const rows = tables.requests as Record<string, Cell[]>;
    (rows[p.row] ??= REQUEST_COLUMN_KEYS.map(() => null))[REQUEST_COLUMN_KEYS.indexOf(p.column as RequestColumnKey)] = value;
    return;
  }
  const rows = tables.review as Record<string, Cell[]>;
  (rows[p.row] ??= REVIEW_COLUMN_KEYS.map(() => null))[REVIEW_COLUMN_KEYS.indexOf(p.column as ReviewColumnKey)] = value;
}

/** One statutory table cell of a template, with its path and the printed labels of its table, item, row and column. */
export interface CellDef {
  path: string;
  table: TableKey;
  /** Table 二: the item (`art20_1`); null for tables 三 and 四. */
  item: string | null;
  row: string;
  column: string;
  kind: ValueKind;
  tableLabel: string;
  itemLabel: string | null;
  /** The row as printed, with the headings above it in the stub (三、本年度办理结果 （三）不予公开 1.属于国家秘密). */
  rowLabel: string;
  /** The column as printed, with its group header (法人或其他组织 商业企业). */
  columnLabel: string;
}

export const tableLabel = (key: TableKey): string => {
  const s = SECTIONS.find((x) => x.key === key)!;
  return `${s.numeral}、${s.heading}`;
};

/** The stub of a row of 三: the results block, then the group (（三）…), then the row; a one-row group is its own label. */
function requestRowStub(def: RequestRowDef): string {
  const group = REQUEST_GROUP_LABELS[def.group];
  const label = def.short ?? def.label;
  if (!def.result && def.key !== 'resultTotal') return label;
  const grouped = group !== null && group !== label;
  return [REQUEST_RESULTS_LABEL, grouped ? group : null, label].filter(Boolean).join(' ');
}

const requestColumnLabel = (c: (typeof REQUEST_COLUMNS)[number]) => (REQUEST_ORG_COLUMN_KEYS.includes(c.key) ? `${REQUEST_ORG_GROUP_LABEL} ${c.label}` : c.label);

function buildCells(template: TableTemplate): CellDef[] {
  const out: CellDef[] = [];
  for (const item of TEMPLATE_DEFS[template].active) {
    for (const row of item.rows) {
      for (const column of item.columns) {
        out.push({
          path: activePath(item.key, row.key, column.key), table: 'active', item: item.key, row: row.key, column: column.key, kind: column.kind,
          tableLabel: tableLabel('active'), itemLabel: item.label, rowLabel: row.label, columnLabel: column.label,
        });
      }
    }
  }
  for (const row of requestRows(template)) {
    REQUEST_COLUMNS.forEach((column, c) => {
      out.push({
        path: requestRowPaths(row.key)[c]!, table: 'requests', item: null, row: row.key, column: column.key, kind: 'count',
        tableLabel: tableLabel('requests'), itemLabel: null, rowLabel: requestRowStub(row), columnLabel: requestColumnLabel(column),
      });
    });
  }
  for (const group of REVIEW_GROUPS) {
    REVIEW_COLUMNS.forEach((column, c) => {
      out.push({
        path: reviewRowPaths(group.key)[c]!, table: 'review', item: null, row: group.key, column: column.key, kind: 'count',
        tableLabel: tableLabel('review'), itemLabel: null,
        rowLabel: group.key === 'review' ? group.label : `${REVIEW_LITIGATION_LABEL} ${group.label}`, columnLabel: column.label,
      });
    });
  }
  return out;
}

const CELLS: Record<TableTemplate, readonly CellDef[]> = { '2019': buildCells('2019'), '2021': buildCells('2021') };
const BY_PATH: Record<TableTemplate, Map<string, CellDef>> = {
  '2019': new Map(CELLS['2019'].map((c) => [c.path, c])),
  '2021': new Map(CELLS['2021'].map((c) => [c.path, c])),
};

/** Every cell of a template's three tables, in printed order: 二 (item, row, column), 三 (row, column), 四 (group, column). */
export function cellList(template: TableTemplate): readonly CellDef[] {
  return CELLS[template];
}

const PATHS: Record<TableTemplate, readonly string[]> = { '2019': CELLS['2019'].map((c) => c.path), '2021': CELLS['2021'].map((c) => c.path) };

/** The paths of `cellList`, in the same printed order. */
export function cellPaths(template: TableTemplate): readonly string[] {
  return PATHS[template];
}

/** The cell at a path in a template, or undefined (another template's cell, a row, a typo). */
export function cellDef(template: string, path: string): CellDef | undefined {
  return template === '2019' || template === '2021' ? BY_PATH[template].get(path) : undefined;
}

/** Why a value cannot go into a cell of this kind (Chinese), or null when it can. */
export function invalidValue(def: Pick<CellDef, 'kind'>, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return '应为数字或 null（空白）';
  if (def.kind === 'money') return value < 0 ? '金额不能为负数' : null;
  if (!Number.isInteger(value)) return '应为整数';
  if (def.kind === 'count' && value < 0) return '件数不能为负数';
  return null;
}

const READERS = new WeakMap<CellDef, (tables: Tables) => Cell>();

/** A fast reader of one cell (roll-ups read every cell of hundreds of reports); null when blank or absent. */
export function readerOf(def: CellDef): (tables: Tables) => Cell {
  let read = READERS.get(def);
  if (read) return read;
  const { item, row, column } = def;
  if (def.table === 'active') read = (t) => t.active[item!]?.[row]?.[column] ?? null;
  else if (def.table === 'requests') {
    const i = REQUEST_COLUMN_KEYS.indexOf(column as RequestColumnKey);
    read = (t) => (t.requests as Record<string, Cell[] | undefined>)[row]?.[i] ?? null;
  } else {
    const i = REVIEW_COLUMN_KEYS.indexOf(column as ReviewColumnKey);
    read = (t) => (t.review as Record<string, Cell[] | undefined>)[row]?.[i] ?? null;
  }
  READERS.set(def, read);
  return read;
}

/** Where the printed header of a table 二 column was read (a key of `structure.labels`). */
export function headerPath(item: string, column: string): string {
  return activePath(item, 'header', column);
}
