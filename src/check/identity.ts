import type { RuleContext } from './types.ts';

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
