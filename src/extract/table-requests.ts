import { placePath, requestRowPaths } from '../schema/cells.ts';
import { evaluate, identities, rowHolds } from '../schema/identities.ts';
import { labelMatches, matchingIndexes } from '../schema/labels.ts';
import { REQUEST_BALANCE_NOTE_DEF, REQUEST_COLUMN_KEYS, REQUEST_ROWS, requestRows, type RequestRowKey } from '../schema/requests.ts';
import type { NoteCode } from '../schema/notes.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { Cell as Value, RequestsTable } from '../schema/types.ts';
import type { Cell } from './cells.ts';
import { fitRow, slotValue, type Slot } from './fit.ts';
import { valuesAfter, type Recorder } from './record.ts';

const COLUMNS = REQUEST_COLUMN_KEYS.length;
const rowTotalHolds = rowHolds('requests');

const ANCHOR_ROWS = REQUEST_ROWS.filter((r) => !('equals' in r));

/** Table 三 starts at its header note or at the first row label that cannot belong to another table. */
export function isRequestAnchor(cell: Cell): boolean {
  return cell.kind === 'label' && (labelMatches(REQUEST_BALANCE_NOTE_DEF, cell.key) || matchingIndexes(ANCHOR_ROWS, cell.key).length > 0);
}

export interface TableSpan {
  first: number;
  last: number;
}

/**
 * Reads table 三 from the cells in [from, to): each row by its label, in the
 * template's row order, with its seven values.
 */
export function extractRequests(
  stream: readonly Cell[],
  from: number,
  to: number,
  template: TableTemplate,
  rec: Recorder,
): { table: RequestsTable; span: TableSpan | null } {
  const rows = requestRows(template);
  const slots = new Map<RequestRowKey, Slot[]>();
  const ambiguous = new Map<RequestRowKey, Slot[][]>();
  const pending: { key: RequestRowKey; code: NoteCode; message: string; cell: Cell; printed?: number }[] = [];
  let lastAssigned = -1;
  let last = -1;
  let i = from;
  while (i < to) {
    const cell = stream[i]!;
    if (cell.kind !== 'label') {
      i++;
      continue;
    }
    if (labelMatches(REQUEST_BALANCE_NOTE_DEF, cell.key)) rec.label('requests.note', cell);
    // Prefer the next row in statutory order; short labels (其他, 总计) only after earlier rows.
    let match = -1;
    for (const r of matchingIndexes(rows, cell.key)) {
      const def = rows[r]!;
      if (slots.has(def.key)) continue;
      if ('equals' in def && (lastAssigned < 0 || r <= lastAssigned)) continue;
      match = r;
      if (r > lastAssigned) break;
    }
    if (match < 0) {
      i++;
      continue;
    }
    const def = rows[match]!;
    rec.label(placePath({ table: 'requests', row: def.key }), cell, rowLabel(stream, i));
    const { cells, next } = valuesAfter(stream, i, to, COLUMNS);
    const fit = fitRow(cells, COLUMNS, rowTotalHolds);
    if (fit.note) pending.push({ key: def.key, code: fit.code!, message: `表三“${cell.text}”：${fit.note}`, cell, printed: fit.printed });
    slots.set(def.key, fit.slots);
    if (fit.candidates) ambiguous.set(def.key, fit.candidates);
    lastAssigned = Math.max(lastAssigned, match);
    last = Math.max(last, next - 1);
    i = next;
  }
  if (slots.size === 0) return { table: {}, span: null };

  const resolved = ambiguous.size ? resolveByColumns(template, slots, ambiguous, rec) : false;
  for (const p of pending) {
    if (!(resolved && p.code === 'digit-run-ambiguous')) rec.note(p.code, p.message, placePath({ table: 'requests', row: p.key }), p.cell, { actual: p.printed, expected: COLUMNS });
  }

  const table: RequestsTable = {};
  for (const def of rows) {
    const rowSlots = slots.get(def.key);
    if (!rowSlots) {
      rec.note('row-missing', `表三缺少“${def.label}”行，其数值记为空`, placePath({ table: 'requests', row: def.key }));
      table[def.key] = Array.from({ length: COLUMNS }, () => null);
      continue;
    }
    const paths = requestRowPaths(def.key);
    table[def.key] = rowSlots.map((slot, c) => rec.value(paths[c]!, slot));
  }
  return { table, span: { first: from, last } };
}

/**
 * The printed label of a row, with a continuation that conversion pushed onto the
 * next line ("…其政府信息公开" / "申请") joined back.
 */
function rowLabel(stream: readonly Cell[], i: number): string {
  const cell = stream[i]!;
  const next = stream.findIndex((c, j) => j > i && c.row > cell.row);
  if (next < 0) return cell.text;
  const rowCells = stream.filter((c, j) => j >= next && c.row === stream[next]!.row);
  const labels = rowCells.filter((c) => c.kind === 'label');
  const onlyLabel = labels.length === 1 && rowCells.every((c) => c.kind === 'label' || c.value?.kind === 'empty');
  return onlyLabel && labels[0]!.text.length <= 4 ? `${cell.text}${labels[0]!.text}` : cell.text;
}


/** Chooses among several splits of digit runs the one combination for which every column balances. */
function resolveByColumns(
  template: TableTemplate,
  slots: Map<RequestRowKey, Slot[]>,
  ambiguous: Map<RequestRowKey, Slot[][]>,
  rec: Recorder,
): boolean {
  const entries = [...ambiguous.entries()];
  const combos = entries.reduce((n, [, c]) => n * c.length, 1);
  if (combos > 200000) return false;
  // The column identities (一+二 = 三（七）+四, （七） = Σ results); one with an unknown operand is not held against a split.
  const columns = identities(template).filter((x) => x.def.per === 'column');
  const fitting: Slot[][][] = [];
  const pick = (index: number, chosen: Slot[][]): void => {
    if (fitting.length > 1) return;
    if (index === entries.length) {
      const values = new Map<string, Value>();
      for (const [k, rowSlots] of slots) {
        const picked = ambiguous.has(k) ? chosen[entries.findIndex(([e]) => e === k)]! : rowSlots;
        requestRowPaths(k).forEach((p, c) => values.set(p, slotValue(picked[c]!)));
      }
      // A row not printed at all reads as blank: identities through it are not held against the split.
      const read = (p: string) => values.get(p) ?? null;
      if (columns.some((x) => evaluate(x, read).status === 'fails')) return;
      fitting.push([...chosen]);
      return;
    }
    for (const cand of entries[index]![1]) pick(index + 1, [...chosen, cand]);
  };
  pick(0, []);
  if (fitting.length !== 1) return false;
  entries.forEach(([key], n) => {
    slots.set(key, fitting[0]![n]!.map((s) => ({ ...s, note: '连写数字，已按行、列勾稽关系唯一拆分' })));
    rec.note('digit-run-resolved', `表三“${key}”行的连写数字已按行、列勾稽关系唯一拆分`, placePath({ table: 'requests', row: key }));
  });
  return true;
}
