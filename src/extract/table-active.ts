import { activePath, headerPath, placePath } from '../schema/cells.ts';
import { ACTIVE_HEADER_LABEL, type ActiveColumnDef, type ActiveItemDef } from '../schema/active.ts';
import { labelKey } from '../schema/normalize.ts';
import { labelMatches, matchingIndexes, type LabelDef } from '../schema/labels.ts';
import { fold } from '../schema/normalize.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../schema/templates.ts';
import type { ActiveTable, Cell as Value, ExtraRow } from '../schema/types.ts';
import type { Cell, Line } from './cells.ts';
import { itemColumns, placeByColumns } from './active-layout.ts';
import { placeBySign } from './signed-column.ts';
import { parseCellText } from './values.ts';
import { blankSlot, cellSlot, digitSlot, fitRow, notedSlot, slotValue, type FitResult, type Slot } from './fit.ts';
import { narrativeEvidence, narrativeOf, quoteEvidence, splitByEvidence, type ActiveEvidence, type Evidence } from './narrative-evidence.ts';
import { valuesAfter, type Recorder } from './record.ts';
import type { TableSpan } from './table-requests.ts';

export function isActiveAnchor(cell: Cell, template: TableTemplate): boolean {
  return cell.kind === 'label' && matchingIndexes(TEMPLATE_DEFS[template].active, cell.key).length > 0;
}

function findLabel(stream: readonly Cell[], from: number, to: number, def: LabelDef): number {
  for (let i = from; i < to; i++) if (stream[i]!.kind === 'label' && labelMatches(def, stream[i]!.key)) return i;
  return -1;
}

function unitOf(headerText: string): string | null {
  const t = fold(headerText);
  if (t.includes('万元')) return '万元';
  if (t.includes('亿元')) return '亿元';
  if (/[(:：]\s*元|单位\s*[:：]?\s*元/.test(t)) return '元';
  return null;
}

interface HeaderColumn {
  def: ActiveColumnDef | null;
  cell: Cell;
  /** The column's own words, when the cell printed several columns' labels. */
  words?: string;
}

/** Two cells that together print one wording of the column, as a wrap cut it. */
function completes(def: LabelDef, joined: string): boolean {
  const key = labelKey(joined);
  return [def.label, ...(def.aliases ?? [])].some((w) => labelKey(w) === key);
}

/**
 * The column labels printed between an item heading and its first row. A label a
 * converter broke in two (the last character wrapped onto a line of its own) continues its
 * column; one cell holding two column labels separated by a space gives both columns.
 */
function readHeader(stream: readonly Cell[], from: number, to: number, item: ActiveItemDef): HeaderColumn[] {
  const header: HeaderColumn[] = [];
  for (let i = from; i < to; i++) {
    const cell = stream[i]!;
    if (cell.kind !== 'label') continue;
    if (item.rows.some((r) => labelMatches(r, cell.key))) break;
    const printed = cell.text.split(/\s+/).filter((w) => labelKey(w) !== '');
    const words = printed.filter((w) => !labelMatches(ACTIVE_HEADER_LABEL, labelKey(w)));
    if (words.length === 0) continue;
    const each = words.map((w) => item.columns.find((c) => labelMatches(c, labelKey(w))));
    if (words.length > 1 && each.every(Boolean) && new Set(each).size === words.length) {
      each.forEach((def, k) => header.push({ def: def!, cell, words: words[k] }));
      continue;
    }
    const whole = item.columns.find((c) => labelMatches(c, labelKey(words.join(''))));
    const prev = header[header.length - 1];
    if (!whole && prev?.def && completes(prev.def, `${prev.cell.text}${cell.text}`)) {
      header[header.length - 1] = { def: prev.def, cell: { ...prev.cell, end: cell.end, text: `${prev.cell.text}${cell.text}` } };
      continue;
    }
    // The wrapped ends of several column labels on a line of their own ("量 量 量").
    const last = header.slice(-words.length);
    if (!whole && words.length > 1 && last.length === words.length && last.every((h, k) => h.def && completes(h.def, `${h.words ?? h.cell.text}${words[k]}`))) {
      continue;
    }
    if (!whole && endsOf(header, words)) continue;
    header.push({ def: whole ?? null, cell });
  }
  return header;
}

/**
 * The wrapped ends of column labels printed below other header cells ("…数" / "<other columns>" /
 * "量"): each word, in order, completes the wording of the next recognised column that is still
 * cut. True when every word does (the columns are then whole).
 */
function endsOf(header: HeaderColumn[], words: readonly string[]): boolean {
  const done: [number, string][] = [];
  let h = 0;
  for (const w of words) {
    while (h < header.length && !(header[h]!.def && cutShort(header[h]!) && completes(header[h]!.def!, `${header[h]!.words ?? header[h]!.cell.text}${w}`))) h++;
    if (h >= header.length) return false;
    done.push([h++, w]);
  }
  for (const [n, w] of done) header[n] = { ...header[n]!, words: `${header[n]!.words ?? header[n]!.cell.text}${w}` };
  return true;
}

/** A recognised column whose printed words are not yet a whole wording of it. */
const cutShort = (h: HeaderColumn) => !completes(h.def!, h.words ?? h.cell.text);

/**
 * The rest of a row label a wrap pushed onto a line of its own, with the row's values below it:
 * the index of that rest, when the label stands alone on its line and the two parts print the
 * row's whole wording; else -1.
 */
function wrappedRest(stream: readonly Cell[], at: number, to: number, row: LabelDef): number {
  const label = stream[at]!;
  const k = at + 1;
  const rest = stream[k];
  if (!rest || k >= to || rest.kind !== 'label' || rest.row === label.row) return -1;
  if (stream[k + 1]?.row === rest.row) return -1;
  if (!completes(row, `${label.text}${rest.text}`) || labelMatches(row, labelKey(rest.text))) return -1;
  return k;
}

const SIGNED_GLUE = /^(\d+)([+\-－−]\d+)$/;

/**
 * A row of the 2019 items whose change column is signed, printed glued ("150+30", "172-1"):
 * the sign is a cell boundary, so the digits before it are the column before the change, and
 * with no column after the change the signed digits are the change itself. Digits that may
 * hold the change and the columns after it are not split (no identity holds between them):
 * those cells are blank with the reason. Null when the row is not of that shape.
 */
function signedRow(cells: readonly Cell[], damaged: Cell, columns: readonly (ActiveColumnDef | null)[]): FitResult | null {
  const m = SIGNED_GLUE.exec(damaged.text);
  const signed = columns.findIndex((c) => c?.kind === 'signed');
  if (!m || cells.length || signed !== 1) return null;
  const piece = (text: string, offset: number): Cell => ({
    ...damaged, kind: 'value', text, start: damaged.start + offset, end: damaged.start + offset + text.length, key: '', value: parseCellText(text), glued: false,
  });
  const before = piece(m[1]!, 0);
  const change = piece(m[2]!, m[1]!.length);
  if (columns.length === 2) return { slots: [cellSlot(before), cellSlot(change)] };
  const after = columns.slice(signed).map((c) => c?.label ?? '').join('、');
  const note = `“${m[2]}”是${after}连写的数字，无法确定各列的数值，按空白处理（“${m[1]}”在符号之前，是其前一列的值）`;
  // The ways to cut the signed digits into the change and the one column after it, for the narrative to decide.
  const sign = m[2]!.slice(0, 1);
  const digits = m[2]!.slice(1);
  const from = change.start + 1;
  const candidates: Slot[][] = [];
  for (let i = 1; columns.length === 3 && i < digits.length; i++) {
    const [a, b] = [digits.slice(0, i), digits.slice(i)];
    if ((a.length > 1 && a.startsWith('0')) || (b.length > 1 && b.startsWith('0'))) continue;
    candidates.push([
      cellSlot(before),
      digitSlot(change, change.start, from + i, `${sign === '+' ? '' : '-'}${a}`),
      digitSlot(change, from + i, change.end, b),
    ]);
  }
  if (candidates.length === 1) {
    // As for any glued run (fit.ts): the one cut with every cell printed.
    return { slots: candidates[0]!, code: 'digit-run-split', note: `单元格边界丢失的连写数字“${damaged.text}”，已按正负号和数字位数唯一拆分` };
  }
  return { slots: [cellSlot(before), ...columns.slice(1).map(() => blankSlot(note))], code: 'digit-run-ambiguous', printed: 2, note, candidates };
}

/** A row whose values are broken by text that is no value: none of its cells can be placed. */
function unreadableRow(cells: Cell[], width: number, damaged: Cell): FitResult {
  const note = `该行的数值中夹有无法识别的内容“${damaged.text}”，无法确定各列的数值，该行按空白处理`;
  return { slots: Array.from({ length: width }, () => blankSlot(note)), code: 'row-short', printed: cells.length, note };
}

/**
 * A row whose digit runs split in several ways: the one split that agrees with the values the
 * narrative states for the row, or the row as it was (null, with the reason).
 */
function byEvidence(
  fit: FitResult,
  candidates: Slot[][],
  columns: readonly (ActiveColumnDef | null)[],
  rowEvidence: Record<string, Evidence> | undefined,
  units: readonly (string | null)[],
): FitResult {
  const chosen = splitByEvidence(candidates, columns, rowEvidence, units);
  if (!chosen) return fit;
  const quoted = quoteEvidence(chosen.evidence);
  const runs = [...new Set(chosen.slots.filter((s) => s.digits !== undefined).map((s) => s.cell!))];
  const slots = chosen.slots.map((s) => (s.digits !== undefined ? notedSlot(s, `由连写数字“${s.cell!.text}”拆分，依据正文${quoted}`) : s));
  const values = chosen.slots.map((s) => slotValue(s) ?? '空白').join('、');
  return {
    slots,
    code: 'digit-run-evidenced',
    printed: fit.printed,
    note: `连写数字“${runs.map((c) => c.text).join('、')}”依据正文${quoted}唯一拆分为${values}`,
  };
}

const isHeaderCell = (c: Cell) => c.kind === 'label' && labelMatches(ACTIVE_HEADER_LABEL, c.key);

/**
 * Where an item's header starts: right after its caption, unless several items' headers
 * stand between the caption and its first row (every caption printed first); then the
 * last of them.
 */
function headerStart(stream: readonly Cell[], from: number, rowsAt: readonly number[]): number {
  const rows = rowsAt.filter((i) => i >= 0);
  if (!rows.length) return from;
  const headers: number[] = [];
  for (let i = from; i < Math.min(...rows); i++) if (isHeaderCell(stream[i]!)) headers.push(i);
  return headers.length >= 2 ? headers[headers.length - 1]! : from;
}

/**
 * The block of an item whose rows are not under its caption: from the header before its
 * first row to the next header after its last row.
 */
function relocated(stream: readonly Cell[], from: number, to: number, item: ActiveItemDef): [number, number] | null {
  const rows = item.rows.map((r) => findLabel(stream, from, to, r)).filter((i) => i >= 0);
  if (!rows.length) return null;
  let start = Math.min(...rows);
  while (start > from && !isHeaderCell(stream[start]!)) start--;
  let end = Math.max(...rows) + 1;
  while (end < to && !isHeaderCell(stream[end]!)) end++;
  return [start, end];
}

/**
 * Reads table 二: each item (art. 20 (1), (5), …) by its heading, its columns by
 * the printed header when there is one (extra columns are read and ignored),
 * and each row by its label.
 */
export function extractActive(
  stream: readonly Cell[],
  from: number,
  to: number,
  template: TableTemplate,
  rec: Recorder,
  lines?: readonly Line[],
): { table: ActiveTable; span: TableSpan | null } {
  const items = TEMPLATE_DEFS[template].active;
  const starts = items.map(() => -1);
  let cursor = from;
  items.forEach((item, n) => {
    const at = findLabel(stream, cursor, to, item);
    starts[n] = at;
    if (at >= 0) cursor = at + 1;
  });
  const found = starts.filter((s) => s >= 0);
  if (found.length === 0) return { table: {}, span: null };

  const table: ActiveTable = {};
  const extra: ExtraRow[] = [];
  // What the narrative states for single cells: read once, when a row needs it.
  let evidence: ActiveEvidence | undefined;
  let last = -1;
  items.forEach((item, n) => {
    const begin = starts[n]!;
    const end = starts.slice(n + 1).find((s) => s >= 0) ?? to;
    table[item.key] = {};
    if (begin < 0) rec.note('item-missing', `表二中未找到“${item.label}”`, placePath({ table: 'active', item: item.key }));
    else rec.label(placePath({ table: 'active', item: item.key }), stream[begin]!);
    let rangeStart = begin >= 0 ? begin + 1 : -1;
    let rangeEnd = end;
    let rowsAt = item.rows.map((r) => (rangeStart >= 0 ? findLabel(stream, rangeStart, rangeEnd, r) : -1));
    if (rangeStart >= 0 && rowsAt.every((at) => at < 0)) {
      // The item's rows are printed elsewhere (a converter put every caption before the table).
      const moved = relocated(stream, from, to, item);
      if (moved) {
        [rangeStart, rangeEnd] = moved;
        rowsAt = item.rows.map((r) => findLabel(stream, rangeStart, rangeEnd, r));
      }
    }
    const header = rangeStart >= 0 ? readHeader(stream, headerStart(stream, rangeStart, rowsAt), rangeEnd, item) : [];
    const recognised = header.filter((h) => h.def);
    const columns: (ActiveColumnDef | null)[] = recognised.length ? header.map((h) => h.def) : [...item.columns];
    for (const h of header) {
      if (h.def) rec.label(headerPath(item.key, h.def.key), h.cell);
      if (!h.def && recognised.length) rec.note('extra-column', `表二“${item.label}”有未识别的列“${h.cell.text}”，已忽略`, placePath({ table: 'active', item: item.key }), h.cell, { actual: h.cell.text });
    }
    for (const col of item.columns) {
      if (recognised.length && !columns.includes(col)) rec.note('column-missing', `表二“${item.label}”中未找到“${col.label}”列`, placePath({ table: 'active', item: item.key }));
    }
    const missing: (typeof item.rows)[number][] = [];
    const printed = item.rows.map((row, r) => {
      const at = rowsAt[r]!;
      if (at < 0) return null;
      const rest = wrappedRest(stream, at, rangeEnd, row);
      return valuesAfter(stream, rest >= 0 ? rest : at, rangeEnd, columns.length);
    });
    // Where the item's columns stand, in text laid out as printed: from its rows printed in full.
    const full = printed.flatMap((p) => (p && !p.damaged && p.cells.length === columns.length ? [p.cells] : []));
    const centres = lines && full.length ? itemColumns(full, lines) : null;
    for (let r = 0; r < item.rows.length; r++) {
      const row = item.rows[r]!;
      const values: Record<string, Value> = {};
      for (const col of item.columns) values[col.key] = null;
      table[item.key]![row.key] = values;
      const at = rowsAt[r]!;
      if (at < 0) {
        if (begin >= 0) rec.note('row-missing', `表二“${item.label}”中未找到“${row.label}”行`, placePath({ table: 'active', item: item.key, row: row.key }));
        if (begin >= 0) missing.push(row);
        continue;
      }
      rec.label(placePath({ table: 'active', item: item.key, row: row.key }), stream[at]!);
      const { cells, next, damaged } = printed[r]!;
      let fit = damaged && damaged.key !== '' && !item.rows.some((r) => labelMatches(r, damaged.key))
        ? (signedRow(cells, damaged, columns) ?? unreadableRow(cells, columns.length, damaged))
        : fitRow(cells, columns.length);
      const short = !damaged && (fit.code === 'row-short' || fit.code === 'digit-run-ambiguous');
      const byLayout = centres && short ? placeByColumns(cells, centres, lines!) : null;
      const bySign = short && !byLayout ? placeBySign(cells, columns) : null;
      if (byLayout) {
        const note = `该行只有${cells.length}个单元格，应为${columns.length}个；各值所在的列按版面中的位置（与本项印满各列的行对齐）唯一确定，缺少的按空白处理`;
        fit = { slots: byLayout, code: 'row-short', printed: cells.length, note };
      } else if (bySign) {
        const { slots, column } = bySign;
        const note = `该行只有${cells.length}个单元格，应为${columns.length}个；带正负号的“${slots[column]!.cell!.text}”只能是“${columns[column]!.label}”列，其余各值按列序放在它的两侧，缺少的按空白处理`;
        fit = { slots, code: 'row-short', printed: cells.length, note };
      } else if (fit.code === 'digit-run-ambiguous' && fit.candidates) {
        const units = columns.map((col) => {
          const headerCell = col ? header.find((h) => h.def === col)?.cell : undefined;
          return headerCell ? unitOf(headerCell.text) : null;
        });
        fit = byEvidence(fit, fit.candidates, columns, (evidence ??= narrativeEvidence(narrativeOf(stream), items))[item.key]?.[row.key], units);
      }
      if (fit.note) rec.note(fit.code!, `表二“${stream[at]!.text}”：${fit.note}`, placePath({ table: 'active', item: item.key, row: row.key }), stream[at], { actual: fit.printed, expected: columns.length });
      columns.forEach((col, c) => {
        if (!col) return;
        const path = activePath(item.key, row.key, col.key);
        const headerCell = header.find((h) => h.def === col)?.cell;
        values[col.key] = rec.value(path, fit.slots[c]!, col.kind, headerCell ? unitOf(headerCell.text) : null);
      });
      last = Math.max(last, next - 1);
    }
    const unread: Cell[] = [];
    if (rangeStart >= 0) last = Math.max(last, readExtraRows(stream, rangeStart, rangeEnd, item, columns.length, extra, unread));
    // A row not found and a labelled row with values that named none, in the same item: what ogi could not read.
    missing.forEach((row, k) => {
      const cell = unread[k];
      if (cell) rec.note('row-unrecognised', `表二“${item.label}”印有“${cell.text}”行，未能识别为法定行，可能是“${row.label}”行`, placePath({ table: 'active', item: item.key, row: row.key }), cell, { actual: cell.text, expected: row.label });
    });
  });
  if (extra.length) {
    table.extra = extra;
    for (const x of extra) rec.note('extra-row', `表二“${x.label}”不是法定格式的行，已单独保存，不参与核对`, placePath({ table: 'active', item: x.item }));
  }
  return { table, span: { first: found[0]!, last: Math.max(last, found[found.length - 1]!) } };
}

/**
 * Rows a province added (e.g. Hubei's 其他主动公开文件): a label that is no row,
 * column or item of the template, with printed values on its own row. Returns the
 * index of the last cell read.
 */
function readExtraRows(
  stream: readonly Cell[], from: number, to: number, item: ActiveItemDef, width: number, out: ExtraRow[], labels: Cell[] = [],
): number {
  let last = -1;
  for (let i = from; i < to; i++) {
    const cell = stream[i]!;
    if (cell.kind !== 'label' || cell.key === '') continue;
    if (item.rows.some((r) => labelMatches(r, cell.key)) || item.columns.some((c) => labelMatches(c, cell.key))) continue;
    if (labelMatches(ACTIVE_HEADER_LABEL, cell.key)) continue;
    const cells: Cell[] = [];
    for (let j = i + 1; j < to && stream[j]!.row === cell.row && stream[j]!.kind === 'value'; j++) cells.push(stream[j]!);
    if (!cells.some((c) => c.value?.kind === 'number')) continue;
    const fit = fitRow(cells, width);
    labels.push(cell);
    out.push({
      item: item.key,
      label: cell.text,
      cells: fit.slots.map((s) => (s.cell?.value?.kind === 'number' ? s.cell.value.value : null)),
    });
    last = Math.max(last, i + cells.length);
  }
  return last;
}
