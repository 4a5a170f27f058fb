import { placePath, requestRowPaths } from '../schema/cells.ts';
import { rowHolds } from '../schema/identities.ts';
import { labelMatches, matchingIndexes } from '../schema/labels.ts';
import { fold, labelKey, stripNumbering } from '../schema/normalize.ts';
import { REQUEST_ORG_GROUP_LABEL, REQUEST_APPLICANT_LABEL, REQUEST_COLUMNS, REQUEST_BALANCE_NOTE_DEF, REQUEST_COLUMN_KEYS, REQUEST_GROUP_LABELS, REQUEST_RESULTS_LABEL, REQUEST_ROWS, requestRows, type RequestRowKey } from '../schema/requests.ts';
import { CLOSE_VARIANT, resemblance } from '../schema/variants.ts';
import type { NoteCode } from '../schema/notes.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { RequestsTable } from '../schema/types.ts';
import { centreOf, type Cell, type Line } from './cells.ts';
import { blankSlot, cellSlot, fitRow, slotValue, TABLE_TRIES, type Slot } from './fit.ts';
import { resolveByColumns, type Readings } from './requests-columns.ts';
import { valuesAfter, type Recorder } from './record.ts';
import { CENTRE_TOLERANCE, joinWrappedRows, type JoinedRow } from './wrapped-numbers.ts';
import { columnIdentitiesHold } from './column-identities.ts';
import { allowedByLayout, spacedOnOneLine, layoutColumns } from './layout-columns.ts';

const COLUMNS = REQUEST_COLUMN_KEYS.length;
const rowTotalHolds = rowHolds('requests');

const ANCHOR_ROWS = REQUEST_ROWS.filter((r) => !('equals' in r));
/** A row's statutory label. */
const labelOf = (key: RequestRowKey): string => REQUEST_ROWS.find((r) => r.key === key)!.label;
/** The column headers of table 三: never part of a row's wording. */
const HEADER_KEYS = new Set([...REQUEST_COLUMNS.map((c) => c.label), REQUEST_APPLICANT_LABEL, REQUEST_ORG_GROUP_LABEL].map(labelKey));

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
  lines?: readonly Line[],
): { table: RequestsTable; span: TableSpan | null } {
  const rows = requestRows(template);
  const slots = new Map<RequestRowKey, Slot[]>();
  const readings = new Map<RequestRowKey, Readings>();
  const budget = { tries: TABLE_TRIES };
  const pending: { key: RequestRowKey; code: NoteCode; message: string; cell: Cell; printed?: number }[] = [];
  // Labels with values that named no row, with the last row read before them (row-unrecognised).
  const unread: { cell: Cell; after: number }[] = [];
  let lastAssigned = -1;
  let last = -1;
  // Where each row was read (its label, and the cell after its values), and the value cells no row took.
  const placed = new Map<RequestRowKey, { label: number; next: number }>();
  const orphans: number[] = [];
  // Rows whose values were printed on a line of their own, apart from the label; rows whose numbers are
  // mixed with text (a number glued to a word, "数量6969 5555 …"): some of their cells are not among the values read.
  const apart = new Set<RequestRowKey>();
  const mixed = new Set<RequestRowKey>();
  // Rows printed in full, and rows printing too few values that their total leaves several places.
  const fullRows = new Map<RequestRowKey, Cell[]>();
  const shortRows = new Map<RequestRowKey, Cell[]>();
  // The value cells each row printed on its lines.
  const printedCells = new Map<RequestRowKey, Cell[]>();
  let i = from;
  while (i < to) {
    const cell = stream[i]!;
    if (cell.kind !== 'label') {
      orphans.push(i);
      i++;
      continue;
    }
    if (labelMatches(REQUEST_BALANCE_NOTE_DEF, cell.key)) rec.label('requests.note', cell);
    // A column header beside another (the header rows repeated on a later page) names no row, even 总计.
    if (HEADER_KEYS.has(cell.key) && besideHeader(stream, i)) {
      i++;
      continue;
    }
    // Prefer the next row in statutory order; short labels (其他, 总计) only after earlier rows.
    let match = -1;
    for (const r of matchingIndexes(rows, cell.key)) {
      const def = rows[r]!;
      if (slots.has(def.key)) continue;
      if ('equals' in def && (lastAssigned < 0 || r <= lastAssigned)) continue;
      match = r;
      if (r > lastAssigned) break;
    }
    let variant = false;
    let valuesAt = i;
    let consumed = -1;
    let repaired: string | undefined;
    if (match < 0 ? !HEADER_KEYS.has(cell.key) : !hasValues(stream, i, to)) {
      const broken = brokenLabel(stream, i, to, rows, slots, match, lastAssigned);
      if (broken && !(broken.repaired !== undefined && numbersTwoRows(broken.repaired))) ({ match, valuesAt, consumed, repaired } = broken);
    }
    if (match < 0) {
      match = damagedRow(stream, i, to, rows, slots, lastAssigned);
      variant = match >= 0;
    }
    if (match < 0) {
      if (!HEADER_KEYS.has(cell.key) && !labelMatches(REQUEST_BALANCE_NOTE_DEF, cell.key) && hasValues(stream, i, to)) unread.push({ cell, after: lastAssigned });
      i++;
      continue;
    }
    const def = rows[match]!;
    // The rest of the wording in the next cells of the same row (a label split over two cells): values follow them.
    for (let k = valuesAt + 1; k < to && stream[k]!.row === cell.row && stream[k]!.kind === 'label'; k++) {
      if (matchingIndexes(rows, stream[k]!.key).some((r) => r !== match && !slots.has(rows[r]!.key))) break;
      if (!labelMatches(def, labelKey(stream.slice(i, k + 1).map((c) => c.text).join('')))) break;
      valuesAt = consumed = k;
    }
    if (repaired !== undefined) {
      rec.note('row-label-variant', `表三“${cell.text}”折行后与相邻行名或分组名称混排，去除后读作“${repaired}”，按法定行“${def.label}”读取`, placePath({ table: 'requests', row: def.key }), cell, { actual: cell.text, expected: def.label });
    }
    if (variant) {
      rec.note('row-label-variant', `表三“${cell.text}”与法定行名“${def.label}”不同，位于其法定位置，按该行读取`, placePath({ table: 'requests', row: def.key }), cell, { actual: cell.text, expected: def.label });
    }
    rec.label(placePath({ table: 'requests', row: def.key }), cell, rowLabel(stream, i));
    const { cells, next: after, damaged } = valuesAfter(stream, valuesAt, to, COLUMNS);
    if (/\d{2,}/.test(stream[valuesAt]!.text) || (damaged && /\d/.test(damaged.text))) mixed.add(def.key);
    const next = Math.max(after, consumed + 1);
    if (cells.some((c) => c.row !== stream[valuesAt]!.row)) apart.add(def.key);
    printedCells.set(def.key, cells);
    const fit = fitRow(cells, COLUMNS, rowTotalHolds, budget);
    if (!fit.note && cells.length === COLUMNS) fullRows.set(def.key, cells);
    // Values on their label's line only: those on a line apart may be pieces of wrapped numbers (wrapped-numbers.ts).
    const laidOutShort = cells.length < COLUMNS && fit.readings && (fit.code === 'row-short' || fit.code === 'digit-run-ambiguous');
    if (laidOutShort && !apart.has(def.key) && !mixed.has(def.key)) shortRows.set(def.key, cells);
    if (fit.note) pending.push({ key: def.key, code: fit.code!, message: `表三“${cell.text}”：${fit.note}`, cell, printed: fit.printed });
    slots.set(def.key, fit.slots);
    placed.set(def.key, { label: i, next });
    if (fit.readings) readings.set(def.key, fit.readings);
    lastAssigned = Math.max(lastAssigned, match);
    last = Math.max(last, next - 1);
    i = next;
  }
  if (slots.size === 0) return { table: {}, span: null };
  // A short row whose line lies between two lines of number pieces that pair by column: its wrapped numbers
  // stand above and below it, and only its whole ones were read with it (placed as the rows apart are).
  if (lines) {
    for (const key of wrappedAround(stream, orphans, lines, printedCells)) {
      apart.add(key);
      shortRows.delete(key);
    }
  }
  // The columns of a table laid out as printed (src/extract/layout-columns.ts), where the text shows them.
  const centres = lines && fullRows.size ? layoutColumns([...fullRows.values()], lines) : null;
  const layout = lines && centres?.length === COLUMNS ? { lines, centres } : null;
  // Numbers wrapped in narrow cells: each line is shifted its own way.
  const wrapped = numberPieces(stream, orphans).length > 0;
  const byLayout = layout && shortRows.size ? placeByLayout(template, layout, fullRows, shortRows, slots, readings, wrapped) : new Set<RequestRowKey>();
  for (const p of pending.filter((x) => byLayout.has(x.key))) {
    const printed = shortRows.get(p.key)!.length;
    rec.note('row-short', `表三“${p.cell.text}”：该行只有${printed}个单元格，应为${COLUMNS}个；各值所在的列按版面中的位置（与印满各列的行对齐，各值之间的距离与列距相符）唯一确定，该行总计等于各列之和，表的列勾稽关系在可核对处成立，缺少的按空白处理`, placePath({ table: 'requests', row: p.key }), p.cell, { actual: printed, expected: COLUMNS });
  }
  pending.splice(0, pending.length, ...pending.filter((x) => !byLayout.has(x.key)));
  const misread = misreadRows(stream, slots, orphans, { troubled: pending.map((p) => p.key), mixed, apart });
  const misreadKeys = new Set(misread.map((m) => m.key));
  const untrusted = new Set([...misreadKeys, ...pending.map((p) => p.key)]);
  const printedRows = [...placed].map(([key, { label }]) => ({ key, label: stream[label]! }));
  const trusted = new Map([...slots].filter(([key]) => !untrusted.has(key)));
  const joined = lines && misread.length ? joinWrappedRows(stream, from, to, lines, printedRows, template, trusted, misreadKeys) : [];
  for (const { key, slots: row, placements, unwrapped, ignoreLayout } of joined) {
    slots.set(key, row);
    readings.delete(key);
    // A row printing fewer values: where they go is for the column identities to tell (noted below).
    if (placements) readings.set(key, { full: [], blanks: () => (layout && !ignoreLayout ? standingInColumns(placements, layout) : placements) });
    else if (unwrapped) rec.note('row-wrapped-joined', `表三“${labelOf(key)}”行的行名折成多行，七个数值完整地印在行名中间的一行，总计等于各列之和，表的列勾稽关系在可核对处成立；表内其他行有窄单元格中折行的数字，此行的数字未折行`, placePath({ table: 'requests', row: key }), stream[placed.get(key)!.label]);
    else rec.note('row-wrapped-joined', `表三“${labelOf(key)}”行的数字在窄单元格中折行，已按所在列把上下行的数字拼接，七列齐全、总计等于各列之和，表的列勾稽关系在可核对处成立`, placePath({ table: 'requests', row: key }), stream[placed.get(key)!.label]);
  }
  for (const { key, reason } of misread.filter((m) => !joined.some((j) => j.key === m.key))) {
    slots.set(key, Array.from({ length: COLUMNS }, () => blankSlot(reason)));
    readings.delete(key);
    rec.note('row-misread', reason, placePath({ table: 'requests', row: key }), stream[placed.get(key)!.label]);
  }
  pending.splice(0, pending.length, ...pending.filter((p) => !misreadKeys.has(p.key)));
  if (lines && misread.length) {
    // The rows joined are among the rows misread; the others were read from their own lines.
    const underneath = wrappedUnderneath(stream, orphans, lines, [...printedCells].filter(([key]) => !misreadKeys.has(key)), joined);
    pending.splice(0, pending.length, ...pending.filter((p) => !underneath.includes(p.key)));
    for (const key of underneath) {
      const reason = `表三“${labelOf(key)}”行的数值紧上方或紧下方有未归属任何行的数字碎片与之同列，该行的数字疑在窄单元格中折行，只读到了其中一截，该行按空白处理`;
      slots.set(key, Array.from({ length: COLUMNS }, () => blankSlot(reason)));
      readings.delete(key);
      rec.note('row-misread', reason, placePath({ table: 'requests', row: key }), stream[placed.get(key)!.label]);
    }
  }

  const resolved = readings.size ? resolveByColumns(template, slots, readings) : null;
  for (const { key, placements } of joined) {
    if (!placements) continue;
    const outcome = resolved?.get(key);
    const path = placePath({ table: 'requests', row: key });
    const values = placements[0]!.filter((s) => s.cell);
    const printed =
      values.length === COLUMNS ? '七个数值齐全，但折行数字与行名中间一行的整数相邻，先后次序无法按位置确定'
      : values.every((s) => slotValue(s) === 0) ? `印有${values.length}个0，末值可能是总计，也可能总计空白`
      : `印有${values.length}个数值、末值等于其余之和`;
    const wrapped = `表三“${labelOf(key)}”行的数字在窄单元格中折行，已按所在列把上下行的数字拼接，${printed}`;
    if (outcome === 'all') rec.note('row-wrapped-joined', `${wrapped}；各值所在的列按位置与行、列勾稽关系唯一确定，未印的列按空白处理`, path, stream[placed.get(key)!.label]);
    else if (Array.isArray(outcome) && outcome.length) rec.note('cells-undetermined', `${wrapped}；各值所在的列有多种可能，${outcome.map((c) => `“${REQUEST_COLUMNS[c]!.label}”`).join('')}列在每种可能下都相同，已读取，其余各列按空白处理`, path, stream[placed.get(key)!.label]);
    else rec.note('row-misread', `${wrapped}；各值所在的列按位置与行、列勾稽关系无法唯一确定，该行按空白处理`, path, stream[placed.get(key)!.label]);
  }
  const splitByColumns = (p: (typeof pending)[number]) => resolved?.get(p.key) === 'all' && p.code !== 'row-short';
  for (const p of pending.filter(splitByColumns)) {
    rec.note('digit-run-resolved', `表三“${labelOf(p.key)}”行的连写数字已按行、列勾稽关系唯一拆分`, placePath({ table: 'requests', row: p.key }));
  }
  for (const p of pending.filter((x) => !splitByColumns(x))) {
    const path = placePath({ table: 'requests', row: p.key });
    const outcome = resolved?.get(p.key);
    if (outcome === undefined || outcome === 'kept' || (outcome !== 'all' && !outcome.length && p.code !== 'digit-run-split')) {
      rec.note(p.code, p.message, path, p.cell, { actual: p.printed, expected: COLUMNS });
      continue;
    }
    const trouble = p.code === 'row-short' ? `该行只有${p.printed}个单元格，应为${COLUMNS}个` : '连写数字有多种读法（拆分方式或少印空白单元格的位置）';
    const message =
      outcome === 'all' ? `表三“${p.cell.text}”：${trouble}；按行、列勾稽关系唯一确定了各值的位置，缺少的按空白处理`
      : outcome.length ? `表三“${p.cell.text}”：${trouble}；按行、列勾稽关系，${outcome.map((c) => `“${REQUEST_COLUMNS[c]!.label}”`).join('')}列在每种可能的读法下都相同，已读取，其余各列无法确定，按空白处理`
      : `表三“${p.cell.text}”：${trouble}，无法唯一确定，该行按空白处理`;
    const code: NoteCode = outcome === 'all' ? 'row-short' : outcome.length ? 'cells-undetermined' : 'digit-run-ambiguous';
    rec.note(code, message, path, p.cell, { actual: p.printed, expected: COLUMNS });
  }

  const table: RequestsTable = {};
  for (const [r, def] of rows.entries()) {
    const rowSlots = slots.get(def.key);
    const unlabeled = rowSlots ? null : unlabeledRow(stream, rows, r, placed, orphans, unread.map((u) => u.cell));
    if (unlabeled) {
      const printed = unlabeled.dropped ? `行名识别为“${unlabeled.dropped.text}”` : '没有行名';
      const where = unlabeled.dropped ?? unlabeled.cells.find((c) => c.value?.kind === 'number')!;
      rec.note('row-label-variant', `表三“${rows[r - 1]!.label}”与“${rows[r + 1]!.label}”两行之间印有一行数值，${printed}；该处只缺“${def.label}”行，且只有一种取法使该行总计等于各列之和，按该行读取`, placePath({ table: 'requests', row: def.key }), where, { actual: unlabeled.dropped?.text ?? null, expected: def.label });
      const paths = requestRowPaths(def.key);
      table[def.key] = unlabeled.cells.map((cell, c) => rec.value(paths[c]!, cellSlot(cell)));
      continue;
    }
    if (!rowSlots) {
      rec.note('row-missing', `未找到表三“${def.label}”行，其数值记为空`, placePath({ table: 'requests', row: def.key }));
      // A labelled row with values printed after the row read last before this one: what ogi could not read.
      const before = rows.slice(0, r).reduce((p, d, k) => (slots.has(d.key) ? k : p), -1);
      const seen = unread.find((u) => u.after === before);
      if (seen) {
        rec.note('row-unrecognised', `表三印有“${seen.cell.text}”行，未能识别为法定行，可能是“${def.label}”行`, placePath({ table: 'requests', row: def.key }), seen.cell, { actual: seen.cell.text, expected: def.label });
      }
      table[def.key] = Array.from({ length: COLUMNS }, () => null);
      continue;
    }
    const paths = requestRowPaths(def.key);
    table[def.key] = rowSlots.map((slot, c) => rec.value(paths[c]!, slot));
  }
  return { table, span: { first: from, last } };
}

interface Layout {
  lines: readonly Line[];
  /** The centre of each column in its line. */
  centres: readonly number[];
}

/** Of a row's placements, those the layout does not rule out (all of them when it rules out every one). */
function standingInColumns(placements: readonly Slot[][], layout: Layout): Slot[][] {
  const allowed = allowedByLayout(placements, layout.centres, layout.lines);
  return allowed.length ? allowed : [...placements];
}

/**
 * Short rows of text laid out in columns (src/extract/layout-columns.ts): of the places the row's total allows
 * its values, only those putting each value that stands clearly under a column in that column. A row left one
 * place is settled when, with the rows read in full, every column identity that can be checked holds; otherwise,
 * or with several places left, they are the row's readings for the column identities to weigh.
 * Returns the rows settled.
 */
function placeByLayout(
  template: TableTemplate, layout: Layout, fullRows: ReadonlyMap<RequestRowKey, Cell[]>, shortRows: ReadonlyMap<RequestRowKey, Cell[]>,
  slots: Map<RequestRowKey, Slot[]>, readings: Map<RequestRowKey, Readings>, wrapped: boolean,
): Set<RequestRowKey> {
  const one = new Map<RequestRowKey, Slot[]>();
  for (const [key, cells] of shortRows) {
    const all = readings.get(key)?.blanks();
    if (!spacedOnOneLine(cells, layout.lines) || !all?.length) continue;
    // A row of zeros is placed by position alone (no identity tells where a 0 stands, or a blank total from a
    // 0): not where wrapped numbers shift each line its own way.
    if (wrapped && cells.every((c) => c.value?.kind === 'number' && c.value.value === 0)) continue;
    // Numbers laid out apart are whole: a placement splitting one is not what was printed. A blank cell of a
    // table laid out as printed is printed empty, so it counts as 0 and the total is the sum of the values
    // printed (the upper parts of wrapped numbers add up to less).
    const whole = all.filter((p) => p.every((slot) => slot.digits === undefined) && rowTotalHolds(p.map((slot) => slotValue(slot) ?? 0)));
    // Where the layout contradicts every placement it settles nothing; the placements left are still narrowed.
    const allowed = allowedByLayout(whole, layout.centres, layout.lines);
    const fits = allowed.length ? allowed : whole;
    if (!fits.length || fits.length === all.length) continue;
    if (allowed.length === 1) one.set(key, allowed[0]!);
    readings.set(key, { full: [], blanks: () => fits });
  }
  const full = [...fullRows.keys()].map((key) => [key, slots.get(key)!] as const);
  if (!one.size || !columnIdentitiesHold(template, [...full, ...one])) return new Set();
  for (const [key, row] of one) {
    slots.set(key, row);
    readings.delete(key);
  }
  return new Set(one.keys());
}

/** A wording put together from pieces that carries two rows' numbers ("(一)予以(二)部分"): two labels interleaved. */
function numbersTwoRows(text: string): boolean {
  const items = new Set(text.match(/[（(][一二三四五六七八九十][)）]/g)?.map((n) => n.slice(1, -1)) ?? []);
  const subitems = new Set(text.match(/(?<![\d.])\d{1,2}[.．]/g)?.map((n) => n.slice(0, -1)) ?? []);
  // A group's numeral beside a row's ("（三）" and "3.") is one row under its group.
  return items.size >= 2 || subitems.size >= 2;
}

/**
 * Rows read from their own lines, where numbers wrap, whose values have a piece of a number that no row
 * took on the line right above or below, in the same column: that row's numbers wrapped too (pdftotext
 * printed "3279 … 5328" on the label's line and "2 … 7" below it), and what was read are their upper parts.
 */
function wrappedUnderneath(
  stream: readonly Cell[], orphans: readonly number[], lines: readonly Line[], printed: readonly (readonly [RequestRowKey, Cell[]])[], joined: readonly JoinedRow[],
): RequestRowKey[] {
  const taken = new Set(joined.flatMap((j) => j.pieces));
  const loose = numberPieces(stream, orphans).filter((c) => !taken.has(c));
  const besides = (cell: Cell) => loose.some((p) => Math.abs(p.line - cell.line) === 1 && Math.abs(centreOf(p, lines) - centreOf(cell, lines)) <= CENTRE_TOLERANCE);
  return printed.filter(([, cells]) => cells.some((cell) => cell.value?.kind === 'number' && besides(cell))).map(([key]) => key);
}

/** The cells no row took that are plain digits: pieces of numbers a narrow cell wrapped, or whole numbers. */
const numberPieces = (stream: readonly Cell[], orphans: readonly number[]): Cell[] =>
  orphans.map((k) => stream[k]!).filter((c) => c.value?.kind === 'number' && /^\d+$/.test(c.text));

/**
 * Short rows whose numbers are wrapped around the line they were read from: the lines above and below it
 * both hold number pieces that no row took, pairing by column (its whole values were read, not its wrapped
 * ones); or every value read is as wide as a cell and pairs with pieces two lines below or above (they are
 * the upper or lower parts of wrapped numbers, the label's middle line between them).
 */
function wrappedAround(stream: readonly Cell[], orphans: readonly number[], lines: readonly Line[], printed: ReadonlyMap<RequestRowKey, Cell[]>): RequestRowKey[] {
  const pieces = numberPieces(stream, orphans);
  if (!pieces.length) return [];
  const width = Math.max(...pieces.map((c) => c.text.length), ...[...printed.values()].flat().map((c) => c.text.length));
  const on = (y: number) => pieces.filter((c) => c.line === y).map((c) => centreOf(c, lines)).sort((a, b) => a - b);
  const pairing = (a: number[], b: number[]) => a.length > 0 && a.length === b.length && a.every((x, n) => Math.abs(x - b[n]!) <= CENTRE_TOLERANCE);
  return [...printed].filter(([, cells]) => {
    const numbers = cells.filter((c) => c.value?.kind === 'number');
    const line = numbers[0]?.line;
    if (cells.length >= COLUMNS || line === undefined || numbers.some((c) => c.line !== line)) return false;
    const own = numbers.map((c) => centreOf(c, lines)).sort((a, b) => a - b);
    const cellWide = numbers.every((c) => /^\d+$/.test(c.text) && c.text.length === width);
    return pairing(on(line - 1), on(line + 1)) || (cellWide && (pairing(own, on(line + 2)) || pairing(own, on(line - 2))));
  }).map(([key]) => key);
}

/** Numbers that no row took, printed in two places or more: a narrow cell wrapped its numbers onto other lines. */
function wrapsNumbers(stream: readonly Cell[], orphans: readonly number[]): boolean {
  return new Set(orphans.filter((k) => stream[k]!.value?.kind === 'number').map((k) => stream[k]!.row)).size >= 2;
}

/** Rows read with trouble: `troubled` those with a note of their fit, `mixed` and `apart` as in extractRequests. */
interface RowTrouble {
  troubled: readonly RequestRowKey[];
  mixed: ReadonlySet<RequestRowKey>;
  apart: ReadonlySet<RequestRowKey>;
}

/**
 * The rows whose values cannot be trusted, each with the reason it is left blank, in the order the notes are
 * given (a row may be named twice: its values misplaced, and on a line apart where numbers wrap).
 */
function misreadRows(stream: readonly Cell[], slots: ReadonlyMap<RequestRowKey, Slot[]>, orphans: readonly number[], rows: RowTrouble): { key: RequestRowKey; reason: string }[] {
  const misread = unbalancedRows(stream, slots, orphans).map((key) => ({
    key,
    reason: `表三“${labelOf(key)}”行的总计不等于各列之和，而表内还有未归属任何行的数值，疑为错位或折行的数字，该行按空白处理`,
  }));
  const troubled = () => rows.troubled.filter((key) => !misread.some((m) => m.key === key));
  for (const key of rows.mixed) {
    if (troubled().includes(key)) misread.push({ key, reason: `表三“${labelOf(key)}”行的数字有的与文字混在一起，读出的单元格不全，无法确定各列的数值，该行按空白处理` });
  }
  if (!wrapsNumbers(stream, orphans)) return misread;
  // Where numbers wrap, a row printed with too few cells or with digit runs lost its other pieces to the
  // lines around it: no split or placement of what it prints can be its values.
  // So did a row whose values stand on a line apart from its label: it may be the lower pieces of numbers.
  for (const key of new Set([...troubled(), ...rows.apart])) {
    misread.push({ key, reason: `表三“${labelOf(key)}”行的单元格不全、连写或与行名不在同一行，而表内有多处未归属任何行的数字（窄单元格中折行的数字），该行按空白处理` });
  }
  return misread;
}

/**
 * Rows read whole whose total is not the sum of their columns, when the table also prints numbers that no row
 * took: the pieces of numbers a narrow cell wrapped (pdftotext prints "8275" above the label and "1" below),
 * taken for cells. In a table read cleanly such rows are the report's own sums, kept for the checks.
 */
function unbalancedRows(stream: readonly Cell[], slots: ReadonlyMap<RequestRowKey, Slot[]>, orphans: readonly number[]): RequestRowKey[] {
  const strayNumbers = orphans.some((k) => stream[k]!.value?.kind === 'number');
  if (!strayNumbers) return [];
  const broken = [...slots].filter(([, row]) => {
    const values = row.map(slotValue);
    return values.some((v) => v !== null) && !rowTotalHolds(values);
  });
  return broken.map(([key]) => key);
}

/**
 * A statutory row whose label could not be read (OCR read a long label as "7"), found by position:
 * its neighbours in statutory order were both read, between them the document prints exactly one
 * row of values that no label took, and exactly one run of seven of its cells satisfies the row's
 * identity (总计 = the sum of the applicant columns). A cell before that run is the damaged label.
 * Not when a label that names no row is printed there (see row-unrecognised).
 */
function unlabeledRow(
  stream: readonly Cell[], rows: readonly { key: RequestRowKey }[], r: number,
  placed: ReadonlyMap<RequestRowKey, { label: number; next: number }>, orphans: readonly number[], unread: readonly Cell[],
): { cells: Cell[]; dropped: Cell | null } | null {
  const before = r > 0 ? placed.get(rows[r - 1]!.key) : undefined;
  const after = r + 1 < rows.length ? placed.get(rows[r + 1]!.key) : undefined;
  if (!before || !after) return null;
  // A label printed there that names no row is another case: ogi cannot tell what that row is (row-unrecognised).
  const [lo, hi] = [stream[before.next]?.start ?? Infinity, stream[after.label]!.start];
  if (unread.some((c) => c.start >= lo && c.start < hi)) return null;
  const between = orphans.filter((k) => k >= before.next && k < after.label).map((k) => stream[k]!);
  // Blank cells may stand on the next row too (the empty group column before a label).
  const printed = between.filter((c) => c.value?.kind !== 'empty');
  if (!printed.length || printed.some((c) => c.row !== printed[0]!.row)) return null;
  let list = between.filter((c) => c.row === printed[0]!.row);
  while (list.length && list[0]!.value?.kind === 'empty') list = list.slice(1);
  while (list.length && list[list.length - 1]!.value?.kind === 'empty') list = list.slice(0, -1);
  const fitting: number[] = [];
  for (let s = 0; s + COLUMNS <= list.length; s++) {
    const values = list.slice(s, s + COLUMNS).map((c) => (c.value?.kind === 'number' ? c.value.value : null));
    if (values[COLUMNS - 1] !== null && rowTotalHolds(values)) fitting.push(s);
  }
  if (fitting.length !== 1) return null;
  const start = fitting[0]!;
  // Before the values only where the label was printed (one damaged label, blank label columns); nothing after them.
  const lead = list.slice(0, start).filter((c) => c.value?.kind !== 'empty');
  if (start + COLUMNS !== list.length || lead.length > 1) return null;
  return { cells: list.slice(start), dropped: lead[0] ?? null };
}

/** Whether another column header is printed on the cell's row. */
function besideHeader(stream: readonly Cell[], i: number): boolean {
  const row = stream[i]!.row;
  const header = (c: Cell | undefined) => c !== undefined && c.kind === 'label' && HEADER_KEYS.has(c.key);
  for (let k = i - 1; k >= 0 && stream[k]!.row === row; k--) if (header(stream[k])) return true;
  for (let k = i + 1; k < stream.length && stream[k]!.row === row; k++) if (header(stream[k])) return true;
  return false;
}

/** A label that starts with its own list number ("3.", "（四）") opens a row; it continues none. */
const NUMBERING_START = /^\s*[(（\d０-９一二三四五六七八九十第]/;
function numbered(cell: Cell): boolean {
  // Every numbering starts with a bracket, a digit, a Chinese numeral or 第.
  if (!NUMBERING_START.test(cell.text)) return false;
  const text = fold(cell.text).trim();
  return stripNumbering(text) !== text;
}
const valuesSeen = new WeakMap<readonly Cell[], Map<string, boolean>>();

/** Whether numbers follow the label at i (asked many times per label while rows are matched: computed once). */
function hasValues(stream: readonly Cell[], i: number, to: number): boolean {
  let seen = valuesSeen.get(stream);
  if (!seen) valuesSeen.set(stream, (seen = new Map()));
  const key = `${i} ${to}`;
  let has = seen.get(key);
  if (has === undefined) seen.set(key, (has = valuesAfter(stream, i, to, COLUMNS).cells.some((c) => c.value?.kind === 'number')));
  return has;
}

type Rows = ReturnType<typeof requestRows>;

/** The first cell of the row after the one `i` is on, if it is a label that opens no row of its own. */
function nextFragment(stream: readonly Cell[], i: number, to: number): number {
  let j = i + 1;
  while (j < to && stream[j]!.row === stream[i]!.row) j++;
  const cell = stream[j];
  return cell && j < to && cell.kind === 'label' && !numbered(cell) ? j : -1;
}

const MAX_FRAGMENTS = 8;

/** The wordings of the group labels printed in a column left of the row labels. */
const GROUP_WORDINGS = [...Object.values(REQUEST_GROUP_LABELS).filter((l): l is string => l !== null), REQUEST_RESULTS_LABEL].map((l) => fold(l).replace(/\s+/g, ''));

/**
 * A part of a label without the group label a PDF's text put before it on the same line:
 * the leading word, when it is a piece of a group label and something is left (or, for a part
 * that continues a label, `all`: a line holding only such a piece gives nothing). The group
 * label stands in a column of its own, so a line holds at most one piece of it; the next word
 * belongs to the row label even when a group label also contains it.
 */
function withoutGroup(text: string, all = false): { text: string; stripped: boolean } {
  const words = fold(text).trim().split(/\s+/);
  const n = words.length > (all ? 0 : 1) && GROUP_WORDINGS.some((g) => g.includes(words[0]!)) ? 1 : 0;
  return n ? { text: words.slice(n).join(''), stripped: true } : { text, stripped: false };
}

/** Where a row's own list number starts inside a fragment ("<end of a label>5.<next row>"), or -1. */
function innerRow(text: string): number {
  const m = /\S\s*(\d+\.)(?!\d)/.exec(fold(text));
  return m && !/\d/.test(m[0][0]!) ? m.index + m[0].length - m[1]!.length : -1;
}

interface Broken {
  match: number;
  valuesAt: number;
  consumed: number;
  /** The label as read, when group-label pieces were taken out or the last part opens the next row. */
  repaired?: string;
}

/**
 * A label a PDF's text broke across lines, with the values beside one part
 * (the first half with the row's values and the rest of the wording on the next line, or a
 * wording over three lines with the values on the fourth): the row the parts name together, the part whose
 * values it takes, and the last part used. `known` is the row the first part names by
 * itself, if any. Pieces of the group label printed at the start of a part are left out; a part
 * in which the next row's number starts gives only the words before it and stays to open that row.
 */
function brokenLabel(
  stream: readonly Cell[], i: number, to: number, rows: Rows, slots: ReadonlyMap<RequestRowKey, Slot[]>, known: number, lastAssigned: number,
): Broken | null {
  // Most labels are whole: nothing follows them that could be the rest of a wording.
  if (nextFragment(stream, i, to) < 0 && !(stream[i + 1] !== undefined && stream[i + 1]!.row !== stream[i]!.row && hasValues(stream, i, to))) return null;
  const open = (r: number) => !slots.has(rows[r]!.key) || r === known;
  // A row with a short wording of its own ('equals') is named only after the rows before it, as in the main loop.
  const named = (t: string) => (known >= 0 ? known : matchingIndexes(rows, labelKey(t)).filter(open).find((r) => !('equals' in rows[r]!) || r > lastAssigned));
  const own = innerRow(stream[i]!.text);
  const head = own >= 0 ? stream[i]!.text.slice(own) : stream[i]!.text;
  const first = withoutGroup(head);
  // The parts as printed, and without pieces of group labels: the latter only when the former names no row.
  let plain = head;
  let text = first.text;
  let repaired = first.stripped;
  let j = i;
  for (let n = 0; n < MAX_FRAGMENTS; n++) {
    const firstHas = hasValues(stream, i, to);
    if (firstHas && known >= 0) return null;
    const k = nextFragment(stream, j, to);
    // The first part with its values on the line below it, and the end of the wording below them.
    if (k < 0) return n === 0 && firstHas && stream[i + 1]?.row !== stream[i]!.row ? lastPart(stream, i, to, rows, plain, text, named, own >= 0 || repaired) : null;
    const cut = innerRow(stream[k]!.text);
    const printed = cut >= 0 ? stream[k]!.text.slice(0, cut) : stream[k]!.text;
    const part = withoutGroup(printed, true);
    plain += printed;
    text += part.text;
    repaired ||= part.stripped;
    const partHas = cut < 0 && hasValues(stream, k, to);
    const asPrinted = named(plain);
    const match = asPrinted ?? named(text);
    if (match === undefined) {
      // The values sit between two parts of the wording: its end is on the line below them.
      if (partHas && !firstHas) return lastPart(stream, k, to, rows, plain, text, named, own >= 0);
      if (partHas || cut >= 0) return null;
      j = k;
      continue;
    }
    const read = asPrinted !== undefined ? plain : text;
    // A part that names another row by itself is that row; values must sit beside one part only.
    if (matchingIndexes(rows, labelKey(asPrinted !== undefined ? printed : part.text)).some((r) => r !== match)) return null;
    if (!labelMatches(rows[match]!, labelKey(read))) return null;
    // The note gives the wording as read without the pieces of group labels, when that names the row too.
    const note = own >= 0 || cut >= 0 || (asPrinted === undefined && repaired) ? { repaired: labelMatches(rows[match]!, labelKey(text)) ? text : read } : {};
    if (cut >= 0) return firstHas ? { match, valuesAt: i, consumed: k - 1, ...note } : null;
    if (firstHas && partHas) return null;
    if (firstHas) return { match, valuesAt: i, consumed: k, ...note };
    if (partHas) return { match, valuesAt: k, consumed: k, ...note };
    j = k;
  }
  return null;
}

/**
 * The end of a wording printed on the line below the row's values ("<part>" / "<part>" /
 * values / "<end>"): the row, when the end completes a statutory wording.
 */
function lastPart(
  stream: readonly Cell[], k: number, to: number, rows: Rows, plain: string, text: string,
  named: (t: string) => number | undefined, repaired: boolean,
): Broken | null {
  // The wording may go on over several lines below the values (Chromium prints a narrow label two characters a line).
  let asPrintedText = plain;
  let cleanText = text;
  for (let t = valuesAfter(stream, k, to, COLUMNS).next, n = 0; n < MAX_FRAGMENTS; t++, n++) {
    const cell = stream[t];
    if (!cell || t >= to || cell.kind !== 'label' || numbered(cell) || innerRow(cell.text) >= 0) return null;
    if (stream[t + 1]?.row === cell.row) return null;
    const part = withoutGroup(cell.text, true);
    asPrintedText += cell.text;
    cleanText += part.text;
    const asPrinted = named(asPrintedText);
    const joined = asPrinted !== undefined ? asPrintedText : cleanText;
    const match = asPrinted ?? named(joined);
    if (match === undefined || !labelMatches(rows[match]!, labelKey(joined))) continue;
    if (matchingIndexes(rows, labelKey(asPrinted !== undefined ? cell.text : part.text)).some((r) => r !== match)) return null;
    return { match, valuesAt: k, consumed: t, ...(repaired || asPrinted === undefined ? { repaired: labelMatches(rows[match]!, labelKey(cleanText)) ? cleanText : joined } : {}) };
  }
  return null;
}

/**
 * The statutory row a damaged label stands for ("其他法律行政止公开", "重複申請", a label cut
 * at a wrap): the next row in statutory order, when the label resembles it and no other
 * missing row, it has values, and the next recognised row comes after it.
 */
function damagedRow(
  stream: readonly Cell[], i: number, to: number, rows: Rows, slots: ReadonlyMap<RequestRowKey, Slot[]>, lastAssigned: number,
): number {
  if (lastAssigned < 0) return -1;
  const cell = stream[i]!;
  let expected = lastAssigned + 1;
  while (expected < rows.length && slots.has(rows[expected]!.key)) expected++;
  if (expected >= rows.length) return -1;
  if (!hasValues(stream, i, to)) return -1;
  const close = (r: number) => Math.max(...[rows[r]!.label, ...(rows[r]!.aliases ?? [])].map((w) => resemblance(cell.key, w))) >= CLOSE_VARIANT;
  if (!close(expected)) return -1;
  for (let r = 0; r < rows.length; r++) if (r !== expected && !slots.has(rows[r]!.key) && close(r)) return -1;
  for (let j = i + 1; j < to; j++) {
    const c = stream[j]!;
    if (c.kind !== 'label') continue;
    const next = matchingIndexes(rows, c.key).filter((r) => !slots.has(rows[r]!.key));
    if (next.length) return next.some((r) => r > expected) ? expected : -1;
  }
  return expected;
}

/**
 * The printed label of a row, with a continuation that conversion pushed onto the
 * next line ("…其政府信息公开" / "申请") joined back.
 */
function rowLabel(stream: readonly Cell[], i: number): string {
  const cell = stream[i]!;
  let next = i + 1;
  while (next < stream.length && stream[next]!.row <= cell.row) next++;
  if (next >= stream.length) return cell.text;
  const row = stream[next]!.row;
  let label: Cell | null = null;
  for (let j = next; j < stream.length && stream[j]!.row === row; j++) {
    const c = stream[j]!;
    if (c.kind === 'label') {
      if (label) return cell.text;
      label = c;
    } else if (c.value?.kind !== 'empty') return cell.text;
  }
  return label && label.text.length <= 4 ? `${cell.text}${label.text}` : cell.text;
}
