import { completeTotals } from '../schema/derive.ts';
import { evaluate, parsePath, placeName, placePath, readCell, REQUEST_COLUMNS, sameAmount, type CellReader, type Identity, type Location } from '../schema/index.ts';
import type { Report } from '../schema/types.ts';
import type { CheckableReport, RuleContext } from './types.ts';

/** Names of blank cells for a message: the first three, then a count. */
export function blankNames(paths: readonly string[], template?: string): string {
  const names = paths.slice(0, 3).map((p) => placeName(parsePath(p), template));
  return paths.length > 3 ? `${names.join('、')}等${paths.length}格` : names.join('、');
}

/**
 * How an identity Σ left = Σ right with blank operands reads, blanks being counts ≥ 0:
 * `exceeds` when one side has no blank and the known operands of the other side already
 * sum to more (no value of the blanks can balance it — an error); `zero-fails` when, reading
 * the blanks as 0, the two sides differ (a warning; only when every blank is printed blank,
 * not a cell ogi could not read); null when it balances with the blanks as 0.
 */
export type BlankVerdict = 'exceeds' | 'zero-fails' | null;

export function blankVerdict(
  sides: { left: readonly string[]; right: readonly string[] },
  e: { left: number; right: number; blanks: readonly string[] },
  unread: (path: string) => boolean,
): BlankVerdict {
  const leftBlank = e.blanks.some((p) => sides.left.includes(p));
  const rightBlank = e.blanks.some((p) => sides.right.includes(p));
  if ((!rightBlank && e.left > e.right && !sameAmount(e.left, e.right)) || (!leftBlank && e.right > e.left && !sameAmount(e.left, e.right))) return 'exceeds';
  if (e.blanks.some(unread)) return null;
  return sameAmount(e.left, e.right) ? null : 'zero-fails';
}

/** A cell of a row of 二 or 三 that the document did not print at all: the row's absence is TPL-05's or TPL-09's finding. */
export function rowNotPrinted(doc: CheckableReport, path: string): boolean {
  const labels = doc.structure?.labels;
  if (!labels) return false;
  const { table, item, row } = parsePath(path);
  if (!row || (table !== 'requests' && table !== 'active')) return false;
  return labels[placePath({ table, item, row })] === undefined;
}

/**
 * Blanks that do not make an identity fail when read as 0: cells ogi could not read, and cells of a row
 * not printed at all, whose absence is already a finding; the totals it leaves short are the same
 * problem, not one more per column. Known parts that already exceed a total are still an error
 * (`blankVerdict`'s `exceeds`).
 */
export function quietBlank(ctx: RuleContext): (path: string) => boolean {
  return (path) => ctx.unread(path) || rowNotPrinted(ctx.doc, path);
}

/**
 * Cells as the identities read them: a blank total whose parts are all known reads as the
 * value they derive (src/schema/derive.ts), so that an identity over totals is checked when
 * a clerk left the total blank; a cell ogi could not read stays blank.
 */
const COMPLETED = new WeakMap<object, Report['tables']>();

export function derivedReader(ctx: RuleContext): CellReader {
  let tables = COMPLETED.get(ctx.doc.tables);
  if (!tables) {
    tables = completeTotals({ template: ctx.doc.template, tables: ctx.doc.tables } as Report).report.tables;
    COMPLETED.set(ctx.doc.tables, tables);
  }
  const completed = tables;
  return (path) => {
    const given = ctx.cell(path);
    if (given !== null || ctx.unread(path)) return given;
    return readCell(completed, path);
  };
}

/**
 * "total = sum of parts" for an identity whose right side is one total (SUM-02, SUM-03,
 * SUM-05), read three ways. With every operand known: the rule's `mismatch` ({actual},
 * {expected}) when they differ. With blank parts (blank totals among the parts read as
 * derived): `exceeds` (error) when the known parts already exceed the total, `blankMismatch`
 * (warning) when they differ with the blanks read as 0 ({cells} names the blanks), nothing
 * when they balance so (CELL-02 reports the table's blanks once). A blank total is SUM-04's.
 * The messages get `data` too.
 */
export function checkTotal(ctx: RuleContext, identity: Identity, opts: { location: Location; data?: Record<string, string | number> }): void {
  const total = identity.right[0]!;
  if (ctx.cell(total) === null) return;
  const e = evaluate(identity, derivedReader(ctx));
  if (e.status === 'missing' || e.status === 'holds') return;
  const base = {
    location: opts.location, span: ctx.span(total) ?? null, actual: e.right, expected: e.left,
    identity: { left: identity.left, right: identity.right, blanks: e.blanks },
  };
  if (e.status === 'fails') {
    ctx.report({ messageId: 'mismatch', data: { actual: e.right, expected: e.left, ...opts.data }, ...base });
    return;
  }
  const verdict = blankVerdict(identity, e, quietBlank(ctx));
  if (!verdict) return;
  ctx.report({
    messageId: verdict === 'exceeds' ? 'exceeds' : 'blankMismatch',
    severity: verdict === 'exceeds' ? 'error' : 'warning',
    data: { actual: e.right, expected: e.left, cells: blankNames(e.blanks, ctx.doc.template), ...opts.data },
    ...base,
  });
}

/** The printed label of the column a per-column identity is about. */
export function columnLabel(identity: Identity): string {
  return REQUEST_COLUMNS.find((c) => c.key === identity.column)?.label ?? '';
}
