import { evaluate, parsePath, placeName, REQUEST_COLUMNS, type Identity, type Location } from '../schema/index.ts';
import type { RuleContext } from './types.ts';

/** Names of blank cells for a message: the first three, then a count. */
export function blankNames(paths: readonly string[], template?: string): string {
  const names = paths.slice(0, 3).map((p) => placeName(parsePath(p), template));
  return paths.length > 3 ? `${names.join('、')}等${paths.length}格` : names.join('、');
}

/**
 * "total = sum of parts" for an identity whose right side is one total (SUM-02, SUM-03,
 * SUM-05). A blank part is reported as an info `blank` finding (the identity cannot be
 * checked), never as a mismatch; a blank total with every part known is left to SUM-04 /
 * CELL-02. The rule's messages `blank` ({cells}) and `mismatch` ({actual}, {expected}) get `data` too.
 */
export function checkTotal(ctx: RuleContext, identity: Identity, opts: { location: Location; data?: Record<string, string | number> }): void {
  const total = identity.right[0]!;
  const e = evaluate(identity, ctx.cell);
  if (e.status === 'missing' || e.status === 'holds') return;
  if (e.status === 'blank') {
    if (!e.blanks.some((p) => p !== total)) return;
    if (e.blanks.every((p) => ctx.unread(p))) return;
    ctx.report({
      messageId: 'blank',
      severity: 'info',
      data: { cells: blankNames(e.blanks, ctx.doc.template), ...opts.data },
      location: parsePath(e.blanks[0]!),
    });
    return;
  }
  ctx.report({
    messageId: 'mismatch',
    data: { actual: e.right, expected: e.left, ...opts.data },
    location: opts.location,
    span: ctx.span(total) ?? null,
    actual: e.right,
    expected: e.left,
  });
}

/** The printed label of the column a per-column identity is about. */
export function columnLabel(identity: Identity): string {
  return REQUEST_COLUMNS.find((c) => c.key === identity.column)?.label ?? '';
}
