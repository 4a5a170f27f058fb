import type { Cell as Value, ExtractionNote, Provenance } from '../schema/types.ts';
import type { ValueKind } from '../schema/active.ts';
import type { NoteCode } from '../schema/notes.ts';
import { extractionNote, type NoteInput } from './notes.ts';
import type { Cell } from './cells.ts';
import type { Slot } from './fit.ts';
import { toWanYuan } from './values.ts';

/** Collects provenance and notes while the tables are read. */
export class Recorder {
  readonly provenance: Record<string, Provenance> = {};
  readonly notes: ExtractionNote[] = [];
  /** Printed labels of the rows, columns and notes that were found, by path. */
  readonly labels: Record<string, Provenance> = {};

  label(path: string, cell: Cell, text = cell.text): void {
    this.labels[path] = { start: cell.start, end: cell.end, line: cell.line + 1, text };
  }

  /** The report's template, once known: the places of notes are read in it. */
  template: string | undefined;

  /** @param lineStarts offsets at which the document's lines start (for the line and column of notes). */
  constructor(private readonly lineStarts: readonly number[]) {}

  note(code: NoteCode, message: string, path?: string, span?: { start: number; end: number; text: string }, values: Pick<NoteInput, 'actual' | 'expected'> = {}): void {
    this.notes.push(extractionNote(code, message, { path, span, ...values }, this.lineStarts, this.template));
  }

  /** Turns a fitted slot into the contract value and records where it came from. */
  value(path: string, slot: Slot, kind: ValueKind = 'count', headerUnit: string | null = null): Value {
    const cell = slot.cell;
    // A cell that was not printed at all: the row's note already says why.
    if (!cell) return null;
    if (slot.digits !== undefined) {
      this.provenance[path] = {
        start: slot.start!,
        end: slot.end!,
        line: cell.line + 1,
        text: slot.printed ?? slot.digits,
        note: slot.note ?? `由连写数字“${cell.text}”拆分`,
      };
      return Number(slot.digits);
    }
    const p: Provenance = { start: cell.start, end: cell.end, line: cell.line + 1, text: cell.text };
    this.provenance[path] = p;
    const v = cell.value;
    if (!v || v.kind === 'empty') {
      p.note = '空白单元格';
      return null;
    }
    if (v.kind === 'placeholder') {
      p.note = `占位符“${cell.text}”`;
      return null;
    }
    if (kind === 'money') {
      const printed = v.unit === '万元' || v.unit === '元' || v.unit === '亿元' ? v.unit : null;
      const unit = printed ?? headerUnit;
      if (unit) p.unit = unit;
      if (!unit) p.note = '未标明金额单位，按万元读取';
      else if (!printed) p.note = `单位取自表头“${unit}”`;
      return toWanYuan(v.value, unit);
    }
    if (slot.note) p.note = slot.note;
    return v.value;
  }
}

/**
 * The value cells that belong to the label at `index`: the rest of its printed
 * row, or — when the label stands alone — the cells on the following lines,
 * until the next label or narrative line.
 */
export function valuesAfter(stream: readonly Cell[], index: number, end: number, expected: number): { cells: Cell[]; next: number; damaged?: Cell } {
  const label = stream[index]!;
  const same: Cell[] = [];
  let i = index + 1;
  while (i < end && stream[i]!.row === label.row && stream[i]!.kind === 'value') same.push(stream[i++]!);
  const rowContinues = i < end && stream[i]!.row === label.row;
  const blankRow = !rowContinues && same.length > 0 && same.every((c) => c.value?.kind === 'empty');
  if (blankRow) {
    // A label on a row of blank cells, its values on the unlabeled row below (a converter's split row).
    const row = stream[i]?.row;
    let j = i;
    while (j < end && stream[j]!.row === row && stream[j]!.kind === 'value') j++;
    const below = stream.slice(i, j);
    const rowEnds = j >= end || stream[j]!.row !== row;
    if (row !== undefined && rowEnds && below.some((c) => c.value?.kind === 'number')) return { cells: below, next: j };
  }
  if (same.some((c) => c.value?.kind !== 'empty') || rowContinues || same.length >= expected) {
    // Text that is no value among the row's values ("150 +3^0"): the row's cells were damaged.
    const damaged = rowContinues && same.length < expected && stream[i]!.kind === 'label' ? stream[i]! : undefined;
    return { cells: same, next: i, damaged };
  }
  // Whole rows of values below the label, until there are enough of them.
  const below: Cell[] = [];
  while (i < end && stream[i]!.kind === 'value' && below.length < expected) {
    const row = stream[i]!.row;
    while (i < end && stream[i]!.kind === 'value' && stream[i]!.row === row) below.push(stream[i++]!);
  }
  return { cells: below.length ? below : same, next: below.length ? i : index + 1 + same.length };
}
