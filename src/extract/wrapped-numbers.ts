import { requestRowPaths } from '../schema/cells.ts';
import { rowHolds } from '../schema/identities.ts';
import { REQUEST_COLUMN_KEYS, type RequestRowKey } from '../schema/requests.ts';
import type { TableTemplate } from '../schema/templates.ts';
import { centreOf, type Cell, type Line } from './cells.ts';
import { blankSlot, cellSlot, digitSlot, slotValue, type Slot } from './fit.ts';
import { columnIdentitiesHold } from './column-identities.ts';
import { allowedByDistances, columnChoices, median, MIN_ROWS } from './layout-columns.ts';

/**
 * Numbers a narrow cell wrapped (a LibreOffice PDF through `pdftotext -layout`): the upper digits on one
 * line, the lower digits on a line below, centred in the same column. A row's values are centred on its
 * label: a number printed whole stands on the label's middle line, a wrapped one has its pieces as far
 * above that middle as below it. Pieces are joined by their column (offset in the line: pdftotext gives
 * each CJK character one column, as the digits), and a joined row is kept only when it is verified.
 */

const COLUMNS = REQUEST_COLUMN_KEYS.length;
const rowTotalHolds = rowHolds('requests');
/** How far (in columns) the centre of a lower piece may stand from the centre of its upper piece. */
export const CENTRE_TOLERANCE = 2;
/** How many lines below its first a label may continue. */
const MAX_LABEL_LINES = 5;

export interface Piece {
  cell: Cell;
  /** The column of its centre in its line. */
  centre: number;
}

/** A row of table 三 as printed: its key and the line of its label's first part. */
export interface PrintedRow {
  key: RequestRowKey;
  label: Cell;
}

/** The digits of a value: its pieces' text joined in order. */
const digitsOf = (value: { pieces: readonly Piece[] }) => value.pieces.map((p) => p.cell.text).join('');

/** A word of a line and its column. */
const words = (line: Line) => [...line.text.matchAll(/\S+/g)].map((m) => ({ text: m[0], col: m.index! }));
const isNumber = (w: string) => /^\d+$/.test(w);
/** A word that opens a row of its own ("3.", "（四）"). */
const opensRow = (w: string) => /^(?:\d+[.．]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/.test(w);

/**
 * The lines a row's label is printed on: its first, and the last line below it whose rightmost word
 * stands in the label's column (not further left, where the group labels are) and opens no row. A label
 * read from its second part (its first part, opening with the row's number, printed above) starts on the line
 * above, past lines of numbers only, whose rightmost word stands in its column and opens the row.
 */
function labelLines(lines: readonly Line[], label: Cell, minLine: number, maxLine: number): { first: number; last: number } {
  const own = words(lines[label.line]!).filter((w) => !isNumber(w.text) && w.col <= label.start - lines[label.line]!.start + label.text.length);
  const col = own.length ? own[own.length - 1]!.col : label.start - lines[label.line]!.start;
  let first = label.line;
  for (let y = first - 1; own.length && !opensRow(own[own.length - 1]!.text) && y >= Math.max(label.line - MAX_LABEL_LINES, minLine); y--) {
    const texts = words(lines[y]!).filter((w) => !isNumber(w.text));
    if (!words(lines[y]!).length) break;
    if (!texts.length) continue;
    const end = texts[texts.length - 1]!;
    if (Math.abs(end.col - col) <= 2 && opensRow(end.text)) first = y;
    break;
  }
  let last = label.line;
  for (let y = label.line + 1; y <= Math.min(label.line + MAX_LABEL_LINES, maxLine); y++) {
    const all = words(lines[y]!);
    // A blank line ends the label; a line of numbers only may stand between its parts.
    if (!all.length) break;
    const texts = all.filter((w) => !isNumber(w.text));
    if (!texts.length) continue;
    const end = texts[texts.length - 1]!;
    if (end.col < col - 2 || opensRow(end.text) || /[。；]/.test(end.text)) break;
    last = y;
  }
  return { first, last };
}

export interface JoinedRow {
  key: RequestRowKey;
  slots: Slot[];
  /**
   * A row printed with fewer than seven values, its total last and the sum of the rest (or blank, in a row of
   * zeros): the placements of its values among the columns that their positions allow; or a row printed in full
   * whose values may stand in several orders. For the table's column identities to choose (`slots` are blank
   * until they do).
   */
  placements?: Slot[][];
  /** Every cell its values were read from. */
  pieces: Cell[];
  /**
   * Placements the table's layout must not narrow: the orders of a row printed in full, or a row of zeros (placed
   * by position alone, which the lines of such a table, each shifted its own way, do not bear).
   */
  ignoreLayout?: true;
  /** A row printing all seven values whole on the middle line of its wrapped label: nothing was joined. */
  unwrapped?: boolean;
}

/**
 * How far (in column pitches) the values of one row may stray from evenly spaced columns, all told: a long
 * label shifts the numbers of its line right, unevenly (by more than a pitch, and the closest fit is not
 * always the printed one). Loose: it bounds the placements weighed; the column identities decide among them.
 */
const SPREAD = 2;
/** The note of a cell a short row did not print. */
const UNPRINTED = '该行未印此单元格';
/** The note of a cell whose value may stand on either side of its neighbour. */
const UNORDERED = '折行数字与整行数字相邻，先后次序无法按位置确定';

/**
 * The rows of table 三 read from wrapped numbers: for each printed row, whole numbers on its middle line
 * and pieces joined across lines symmetric about it, in column order. Kept only when every row's number
 * pieces are each taken by exactly one row and its total is the sum of the rest. A row printing all seven
 * values is kept when the column identities hold over the rows read (any row the table could not read is
 * taken as unknown); one printing fewer comes with the placements its values' positions allow, measured by
 * the column pitch of the rows printing all seven.
 */
export function joinWrappedRows(
  stream: readonly Cell[], from: number, to: number, lines: readonly Line[], printed: readonly PrintedRow[],
  template: TableTemplate, read: ReadonlyMap<RequestRowKey, Slot[]>, wanted: ReadonlySet<RequestRowKey>,
): JoinedRow[] {
  const pieces = stream.slice(from, to).filter((c) => c.value?.kind === 'number' && isNumber(c.text));
  if (!pieces.length) return [];
  const maxLine = stream[to - 1]!.line;
  const width = Math.max(...pieces.map((c) => c.text.length));
  const byLine = new Map<number, Piece[]>();
  for (const cell of pieces) {
    byLine.set(cell.line, [...(byLine.get(cell.line) ?? []), { cell, centre: centreOf(cell, lines) }]);
  }
  const on = (y: number) => byLine.get(y) ?? [];
  const uses = new Map<Cell, number>();
  const readings = printed.map(({ key, label }) => {
    const { first, last } = labelLines(lines, label, stream[from]!.line, maxLine);
    const middle = (first + last) / 2;
    const half = !Number.isInteger(middle);
    // A label on two lines has no middle line: a number printed whole stands on the upper one, narrower than
    // a cell (the upper piece of a wrapped number fills its cell).
    const wholeAbove = half ? on(middle - 0.5).filter((p) => p.cell.text.length < width) : [];
    const upper = on(half ? middle - 0.5 : middle - 1).filter((p) => !wholeAbove.includes(p));
    const lower = on(half ? middle + 0.5 : middle + 1);
    const values: { pieces: Piece[]; centre: number }[] = (half ? wholeAbove : on(middle)).map((p) => ({ pieces: [p], centre: p.centre }));
    // Pieces pair in column order: as many upper pieces, each as wide as a cell, as lower ones, centre over centre.
    const pairs = upper.length === lower.length && upper.every((u, n) => u.cell.text.length === width && Math.abs(u.centre - lower[n]!.centre) <= CENTRE_TOLERANCE);
    if (pairs) upper.forEach((u, n) => values.push({ pieces: [u, lower[n]!], centre: u.centre }));
    for (const v of values) for (const p of v.pieces) uses.set(p.cell, (uses.get(p.cell) ?? 0) + 1);
    const band = half ? [middle - 0.5, middle + 0.5] : [middle - 1, middle, middle + 1];
    // A row printing fewer values may print them all whole on its middle line, apart from its label's lines;
    // so may a row printing all seven whose label wraps around them.
    return { key, values: values.sort((a, b) => a.centre - b.centre), band, joined: pairs && (upper.length > 0 || values.length < COLUMNS || first < last) };
  });
  const verified = readings.filter((r) => {
    if (!wanted.has(r.key) || !r.joined || r.values.length < 2 || r.values.length > COLUMNS) return false;
    // Every piece on the row's lines is taken, and by one row only.
    if (r.band.some((y) => on(y).some((p) => uses.get(p.cell) !== 1))) return false;
    const numbers = r.values.map((v) => Number(digitsOf(v)));
    // A row printing fewer values prints its total last: the sum of the rest.
    return r.values.length === COLUMNS ? rowTotalHolds(numbers) : numbers.pop() === numbers.reduce((a, b) => a + b, 0);
  });
  const whole = verified.filter((r) => r.values.length === COLUMNS);
  const piecesOf = (values: readonly { pieces: Piece[] }[]) => values.flatMap((v) => v.pieces.map((p) => p.cell));
  const pitches = whole.map((r) => (r.values[COLUMNS - 1]!.centre - r.values[0]!.centre) / (COLUMNS - 1)).sort((a, b) => a - b);
  const pitch = pitches.length ? pitches[Math.floor(pitches.length / 2)]! : null;
  // Whole numbers on the middle line and joined ones from the lines around it: each line is shifted its own
  // way, so two such values may stand in either order, and their positions say little. Neighbours of a row
  // printed in full stand a column apart: closer than half a pitch, either may be the left one. Those of a
  // shorter row may stand columns apart: closer than a pitch.
  const mixedOf = (values: readonly { pieces: Piece[] }[]) => values.some((v) => v.pieces.length === 1) && values.some((v) => v.pieces.length > 1);
  const ordersOf = <T extends { pieces: Piece[]; centre: number }>(values: readonly T[]) =>
    pitch !== null && mixedOf(values) ? orderings(values, values.length === COLUMNS ? pitch / 2 : pitch) : [[...values]];
  const rows: JoinedRow[] = whole.map(({ key, values }) => {
    const orders = ordersOf(values);
    if (orders.length > 1) {
      const placements = orders.map((o) => o.map((v) => slotOf(v.pieces)));
      return { key, slots: Array.from({ length: COLUMNS }, () => blankSlot(UNORDERED)), pieces: piecesOf(values), placements, ignoreLayout: true };
    }
    return { key, slots: values.map((v) => slotOf(v.pieces)), pieces: piecesOf(values), ...(values.every((v) => v.pieces.length === 1) ? { unwrapped: true } : {}) };
  });
  if (!balanced(template, read, rows.filter((r) => !r.placements))) return [];
  if (pitch === null) return rows;
  // Where the columns stand relative to the total, from the rows joined in full (each line is shifted its own way).
  const columns = whole.length >= MIN_ROWS ? Array.from({ length: COLUMNS }, (_, c) => median(whole.map((r) => r.values[c]!.centre - r.values[COLUMNS - 1]!.centre))) : null;
  for (const { key, values } of verified.filter((r) => r.values.length < COLUMNS)) {
    const mixed = mixedOf(values);
    // A row of zeros equals its last value however it is placed: its total may as well be blank.
    const zeros = values.every((v) => /^0+$/.test(digitsOf(v)));
    const placements = ordersOf(values).flatMap((order) => {
      const slots = order.map((v) => slotOf(v.pieces));
      const withTotal = [...columnChoices(order.length - 1, COLUMNS - 1)].map((cols) => [...cols, COLUMNS - 1]);
      return [...withTotal, ...(zeros ? columnChoices(order.length, COLUMNS - 1) : [])]
        .filter((cols) => {
          const offsets = cols.map((c, n) => order[n]!.centre - pitch * c);
          return Math.max(...offsets) - Math.min(...offsets) <= SPREAD * pitch;
        })
        .map((cols) => Array.from({ length: COLUMNS }, (_, c) => (cols.includes(c) ? slots[cols.indexOf(c)]! : blankSlot(UNPRINTED))));
    });
    const allowed = columns && !mixed ? allowedByDistances(placements, columns, lines) : placements;
    if (placements.length) {
      rows.push({ key, slots: Array.from({ length: COLUMNS }, () => blankSlot(UNPRINTED)), pieces: piecesOf(values), placements: allowed, ...(zeros ? { ignoreLayout: true } : {}) });
    }
  }
  return rows;
}

/**
 * The orders a row's values may have been printed in: as they stand, and with neighbours swapped where one is
 * a whole number and the other joined from pieces on another line, they stand less than `within` apart and
 * differ (swaps that share no value, the total kept last).
 */
function orderings<T extends { pieces: readonly Piece[]; centre: number }>(values: readonly T[], within: number): T[][] {
  const swappable = (n: number) =>
    (values[n]!.pieces.length === 1) !== (values[n + 1]!.pieces.length === 1) && values[n + 1]!.centre - values[n]!.centre < within && Number(digitsOf(values[n]!)) !== Number(digitsOf(values[n + 1]!));
  let orders: T[][] = [[...values]];
  for (let n = 0; n + 2 < values.length; n++) {
    if (!swappable(n)) continue;
    orders = orders.flatMap((order) => (order[n] === values[n] && order[n + 1] === values[n + 1] ? [order, [...order.slice(0, n), order[n + 1]!, order[n]!, ...order.slice(n + 2)]] : [order]));
  }
  return orders;
}

/** A value: its one cell, or its pieces joined, with the first piece's offsets and a note naming every piece. */
export function slotOf(pieces: readonly Piece[]): Slot {
  const [head, ...rest] = pieces.map((p) => p.cell);
  if (!rest.length) return cellSlot(head!);
  const digits = [head!, ...rest].map((c) => c.text).join('');
  const where = [head!, ...rest].map((c) => `第${c.line + 1}行“${c.text}”`).join('、');
  return digitSlot(head!, head!.start, head!.end, digits, `窄单元格中折行的数字，由${where}按列拼接`, head!.text);
}

/** Whether the column identities hold wherever every row they name was read (a printed blank counts as 0). */
function balanced(template: TableTemplate, read: ReadonlyMap<RequestRowKey, Slot[]>, rows: readonly JoinedRow[]): boolean {
  return !rows.length || columnIdentitiesHold(template, [...read, ...rows.map((r) => [r.key, r.slots] as const)]);
}
