import type { ActiveColumnDef } from '../schema/active.ts';
import type { Cell } from './cells.ts';
import { blankSlot, cellSlot, type Slot } from './fit.ts';

/** A number printed with its sign ("+3", "-1", "－2"). */
const SIGNED = /^[+\-－−]\d/;

/** The note of a column a short row left blank beside its signed value. */
const UNPRINTED = '该行未印此单元格';

/**
 * A row of a 2019 item printing fewer values than the item has columns, one of them with its sign: only the
 * change column is signed, so that value stands there (the placement comes with that column's index), and the values on each side fill the columns on that
 * side when they are exactly as many, or leave them all blank when there are none ("+3 602": the column before
 * the change blank, +3, 602). Null when a side has some values but fewer than its columns, when the row
 * holds no signed value, more than one, or a value that is not a plain number, or when the signed value ends
 * the row with several digits and columns after it (the next value may be glued to it).
 */
export function placeBySign(cells: readonly Cell[], columns: readonly (ActiveColumnDef | null)[]): { slots: Slot[]; column: number } | null {
  const signedColumn = columns.findIndex((c) => c?.kind === 'signed');
  if (signedColumn < 0 || cells.length >= columns.length) return null;
  if (cells.some((c) => c.glued || c.value?.kind !== 'number')) return null;
  const signed = cells.flatMap((c, k) => (SIGNED.test(c.text) ? [k] : []));
  if (signed.length !== 1) return null;
  const at = signed[0]!;
  const side = (values: readonly Cell[], width: number): Slot[] | null =>
    values.length === width ? values.map(cellSlot) : values.length === 0 ? Array.from({ length: width }, () => blankSlot(UNPRINTED)) : null;
  const before = side(cells.slice(0, at), signedColumn);
  const afterWidth = columns.length - signedColumn - 1;
  // "+3602" alone may be the change with the next column's value glued to it (+3 and 602): not placed.
  if (at === cells.length - 1 && afterWidth > 0 && cells[at]!.text.replace(/\D/g, '').length > 1) return null;
  const after = side(cells.slice(at + 1), afterWidth);
  return before && after ? { slots: [...before, cellSlot(cells[at]!), ...after], column: signedColumn } : null;
}
