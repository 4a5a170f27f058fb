import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ValueKind } from '../schema/active.ts';
import { invalidValue } from '../schema/cells.ts';
import type { Cell } from '../schema/types.ts';
import { keyed, type KeyDef } from './authoring-keys.ts';
import type { AuthoringTree } from './authoring-tree.ts';

/** The cells of one row of an authoring file: how many, and what each column can hold (its kind, from the schema). */

const KIND_TEXT: Record<ValueKind, string> = {
  count: '不小于 0 的整数（件数）',
  signed: '整数（可为负数）',
  money: '不小于 0 的数（金额，可有小数）',
};

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

export interface ColumnOf extends KeyDef {
  readonly kind: ValueKind;
}

function cellValue(tree: AuthoringTree, node: Node | null, kind: ValueKind, where: string): Cell {
  if (tree.isBlank(node)) return null;
  if (isScalar(node)) {
    const v = node.value;
    const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v.trim()) : NaN;
    if (Number.isFinite(n) && invalidValue({ kind }, n) === null) return n;
  }
  tree.at(node, `${where}应为${KIND_TEXT[kind]}或 null，此处是“${tree.source(node)}”`);
  return null;
}

function countMessage(where: string, columns: readonly ColumnOf[], given: number): string {
  const total = columns.find((c) => c.key === 'total');
  return `${where}应有${columns.length}个数（${columns.map((c) => c.label).join('、')}），此处${given < columns.length ? '只' : ''}有${given}个` +
    (total ? `；${total.label}可写 null 由程序计算` : '');
}

/** One row's cells, from a list in column order or a mapping by column; a blank row is all null. */
export function rowValues(tree: AuthoringTree, node: Node | null, columns: readonly ColumnOf[], where: string): Cell[] {
  const blank = () => columns.map((): Cell => null);
  if (tree.isBlank(node)) return blank();
  if (isSeq(node)) {
    if (node.items.length !== columns.length) {
      tree.at(node, countMessage(where, columns, node.items.length));
      return blank();
    }
    return columns.map((c, i) => cellValue(tree, tree.resolve(node.items[i]), c.kind, `${where}“${c.label}”`));
  }
  if (isMap(node)) {
    const byColumn = keyed(tree, tree.entries(node, where) ?? [], columns, where, '列', '列依次为');
    return columns.map((c) => {
      const e = byColumn.get(c);
      return e ? cellValue(tree, e.value, c.kind, `${where}“${c.label}”`) : null;
    });
  }
  tree.at(node, `${where}应为一组数字，如 [${columns.map(() => 0).join(', ')}]，此处是“${tree.source(node)}”`);
  return blank();
}
