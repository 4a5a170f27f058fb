import { cellDef, requestsPath, reviewPath } from '../schema/cells.ts';
import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../schema/templates.ts';
import type { Tables } from '../schema/types.ts';
import { rowValues } from './authoring-cells.ts';
import { F, type FieldKey } from './authoring-fields.ts';
import { keyed, type KeyDef } from './authoring-keys.ts';
import type { AuthoringTree, Entry } from './authoring-tree.ts';

/** Tables 二, 三 and 四 of an authoring file, by the template's items, rows and columns. */
export function readTables(tree: AuthoringTree, field: (k: FieldKey) => Entry | undefined, template: TableTemplate): Tables {
  const tables: Tables = { active: {}, requests: {}, review: {} };
  const mapOf = (k: FieldKey) => {
    const e = field(k);
    return e && !tree.isBlank(e.value) ? tree.entries(e.value, `“${F[k]}”`) ?? [] : [];
  };
  const items = TEMPLATE_DEFS[template].active;
  const itemsIn = keyed(tree, mapOf('active'), items, F.active, '项', `${F.active}的项`);
  for (const item of items) {
    const where = `${F.active}${item.label}`;
    const itemNode = itemsIn.get(item)?.value ?? null;
    const rowsIn = tree.isBlank(itemNode) ? new Map<KeyDef, Entry>() : keyed(tree, tree.entries(itemNode, where) ?? [], item.rows, where, '行', '该项的行');
    tables.active[item.key] = {};
    for (const r of item.rows) {
      const values = rowValues(tree, rowsIn.get(r)?.value ?? null, item.columns, `${where}“${r.label}”`);
      tables.active[item.key]![r.key] = Object.fromEntries(item.columns.map((c, i) => [c.key, values[i]!]));
    }
  }
  // A row may also be named by its short label (without the printed note).
  const rows = requestRows(template).map((r) => ({ ...r, aliases: [...(r.aliases ?? []), ...(r.short ? [r.short] : [])] }));
  const rowsIn = keyed(tree, mapOf('requests'), rows, F.requests, '行', `${F.requests}的行依次为`);
  for (const r of rows) {
    const columns = REQUEST_COLUMNS.map((c) => ({ ...c, kind: cellDef(template, requestsPath(r.key, c.key))?.kind ?? 'count' }));
    tables.requests[r.key] = rowValues(tree, rowsIn.get(r)?.value ?? null, columns, `${F.requests}“${r.label}”`);
  }
  const groupsIn = keyed(tree, mapOf('review'), REVIEW_GROUPS, F.review, '行', `${F.review}的行`);
  for (const g of REVIEW_GROUPS) {
    const columns = REVIEW_COLUMNS.map((c) => ({ ...c, kind: cellDef(template, reviewPath(g.key, c.key))?.kind ?? 'count' }));
    tables.review[g.key] = rowValues(tree, groupsIn.get(g)?.value ?? null, columns, `${F.review}“${g.label}”`);
  }
  return tables;
}
