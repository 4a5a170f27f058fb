import { createHash } from 'node:crypto';
import { placePath, readCell } from '../schema/index.ts';
import type { Tables } from '../schema/types.ts';
import type { Finding } from './types.ts';

/**
 * What names a finding across re-checks, for a reviewer's decision about it (triage): the
 * rule, its message and its place — not its numbers, so the key survives a re-check that finds
 * the same problem.
 */
export function findingKey(f: Pick<Finding, 'rule' | 'messageId' | 'location'>): string {
  const l = f.location;
  const place = (['table', 'item', 'row', 'column', 'section', 'field', 'year'] as const)
    .filter((k) => l[k] !== undefined)
    .map((k) => `${k}=${l[k]}`)
    .join(',');
  return `${f.rule}|${f.messageId}|${place}`;
}

/**
 * The values a finding is about: its cells (or the cell it is located at) and the numbers it
 * states. A decision about a finding holds while they are unchanged; a correction of one of
 * its cells reopens it.
 */
export function findingFingerprint(f: Finding, tables: Tables): string {
  const l = f.location;
  const cells = f.cells ?? (l.table && l.row && l.column ? [placePath(l)] : []);
  const values = cells.map((p) => [p, readCell(tables, p) ?? null]);
  return createHash('sha256').update(JSON.stringify([values, f.actual ?? null, f.expected ?? null])).digest('hex').slice(0, 32);
}
