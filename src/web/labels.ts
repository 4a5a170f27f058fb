import type { Location } from '../check/types.ts';
import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS } from '../schema/templates.ts';
import { cellDef } from '../store/cells.ts';

/** Chinese names of cells, rows, sections and fields, from the statutory schema. */

export const TABLE_SHORT: Record<string, string> = { active: '表二', requests: '表三', review: '表四' };

export const FIELD_LABEL: Record<string, string> = {
  agency: '机关名称', year: '年度', issuerType: '机关类型', signedOn: '成文日期', publishedOn: '发布日期', template: '报告格式',
};

const SECTION_LABEL: Record<string, string> = {
  ...Object.fromEntries(SECTIONS.map((s) => [s.key, `第${s.numeral}部分“${s.heading}”`])),
  preamble: '前言', title: '标题', signature: '落款',
};

/** "表三 <row label> · <column label>" from the schema — or the path itself when the template has no such cell. */
export function cellLabel(template: string, path: string): string {
  if (path.startsWith('meta.')) return FIELD_LABEL[path.slice(5)] ?? path;
  const def = cellDef(template, path);
  if (!def) return path;
  return `${TABLE_SHORT[def.table]} ${def.itemLabel ? `${def.itemLabel} ` : ''}${def.rowLabel} · ${def.columnLabel}`;
}

function rowLabel(template: string, table: string, item: string | undefined, row: string): string {
  const t = template === '2019' || template === '2021' ? template : '2021';
  if (table === 'active') {
    const it = TEMPLATE_DEFS[t].active.find((i) => i.key === item);
    return it?.rows.find((r) => r.key === row)?.label ?? row;
  }
  if (table === 'requests') {
    const def = requestRows(t).find((r) => r.key === row) ?? requestRows(t === '2021' ? '2019' : '2021').find((r) => r.key === row);
    return def ? (def.short ?? def.label) : row;
  }
  return REVIEW_GROUPS.find((g) => g.key === row)?.label ?? row;
}

/** Where a finding is, in words: a cell, a row, an item, a table, a section or a field. */
export function locationLabel(template: string, loc: Location): string {
  if (loc.field) return FIELD_LABEL[loc.field] ?? loc.field;
  if (loc.section) return SECTION_LABEL[loc.section] ?? loc.section;
  if (!loc.table) return '全文';
  const { table, item, row, column } = loc;
  if (row && column) {
    const path = table === 'active' ? `active.${item}.${row}.${column}` : `${table}.${row}.${column}`;
    const label = cellLabel(template, path);
    if (label !== path) return label;
  }
  const t = template === '2019' || template === '2021' ? template : '2021';
  const itemLabel = item ? (TEMPLATE_DEFS[t].active.find((i) => i.key === item)?.label ?? item) : '';
  const parts = [TABLE_SHORT[table] ?? table, itemLabel, row ? rowLabel(template, table, item, row) : ''].filter(Boolean);
  if (column) {
    const cols: readonly { key: string; label: string }[] =
      table === 'requests' ? REQUEST_COLUMNS : table === 'review' ? REVIEW_COLUMNS : (TEMPLATE_DEFS[t].active.find((i) => i.key === item)?.columns ?? []);
    parts.push(`“${cols.find((c) => c.key === column)?.label ?? column}”列`);
  }
  if (!item && !row && !column) parts.push('整张表');
  return parts.join(' ');
}
