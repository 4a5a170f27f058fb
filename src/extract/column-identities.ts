import { requestRowPaths } from '../schema/cells.ts';
import { evaluate, identities } from '../schema/identities.ts';
import type { TableTemplate } from '../schema/templates.ts';
import { slotValue, type Slot } from './fit.ts';

/**
 * Whether table 三's column identities hold wherever every row they name is among `rows` (a blank cell put in
 * a row's place counts as 0): a reading of some rows is kept only when it breaks none of them.
 */
export function columnIdentitiesHold(template: TableTemplate, rows: Iterable<readonly [string, readonly Slot[]]>): boolean {
  const values = new Map<string, number | null>();
  for (const [key, slots] of rows) requestRowPaths(key).forEach((p, c) => values.set(p, slots[c] ? slotValue(slots[c]!) ?? 0 : null));
  return identities(template)
    .filter((x) => x.def.table === 'requests' && x.def.per === 'column')
    .every((x) => evaluate(x, (p) => (values.has(p) ? values.get(p)! : null)).status !== 'fails');
}
