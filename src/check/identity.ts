import { describe, locate } from './cells.ts';
import type { Location, RuleContext } from './types.ts';

/** The operands of an identity, read from the report; `blanks` lists the paths that are null. */
export interface Operands {
  values: number[];
  blanks: string[];
  missing: boolean;
}

export function operands(ctx: RuleContext, paths: readonly string[]): Operands {
  const values: number[] = [];
  const blanks: string[] = [];
  let missing = false;
  for (const p of paths) {
    const v = ctx.cell(p);
    if (v === undefined) missing = true;
    else if (v === null) blanks.push(p);
    else values.push(v);
  }
  return { values, blanks, missing };
}

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Integer-safe equality for money in 万元 (sums of decimals). */
export const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Names of blank cells for a message: the first three, then a count. */
export function blankNames(paths: readonly string[], template?: string): string {
  const names = paths.slice(0, 3).map((p) => describe(locate(p), template));
  return paths.length > 3 ? `${names.join('、')}等${paths.length}格` : names.join('、');
}

/**
 * "total = sum of parts", the shape of SUM-02, SUM-03 and SUM-05. A blank part is
 * reported as an info `blank` finding (the identity cannot be checked), never as a
 * mismatch; a blank total with every part known is left to SUM-04 / CELL-02.
 * The rule's messages `blank` ({cells}) and `mismatch` ({actual}, {expected}) get `data` too.
 */
export function checkTotal(
  ctx: RuleContext,
  opts: { parts: readonly string[]; total: string; location: Location; data?: Record<string, string | number> },
): void {
  const parts = operands(ctx, opts.parts);
  const total = ctx.cell(opts.total);
  if (parts.missing || total === undefined) return;
  if (parts.blanks.length) {
    const blanks = total === null ? [...parts.blanks, opts.total] : parts.blanks;
    ctx.report({
      messageId: 'blank',
      severity: 'info',
      data: { cells: blankNames(blanks, ctx.doc.template), ...opts.data },
      location: locate(blanks[0]!),
    });
    return;
  }
  if (total === null) return;
  const expected = sum(parts.values);
  if (total !== expected) {
    ctx.report({
      messageId: 'mismatch',
      data: { actual: total, expected, ...opts.data },
      location: opts.location,
      span: ctx.span(opts.total) ?? null,
      actual: total,
      expected,
    });
  }
}
