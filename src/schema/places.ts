import { type TablePlace } from './cells.ts';
import { REQUEST_COLUMNS, REQUEST_ROWS } from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from './review.ts';
import { SECTIONS, type SectionKey } from './sections.ts';
import { TEMPLATE_DEFS } from './templates.ts';
import { LEDGER_REGISTERS, type LedgerRegister } from './ledger-registers.ts';

/** Where something is in a report: a table cell (or row, column, table), a section, or a metadata field. */
export interface Location extends TablePlace {
  section?: SectionKey | 'preamble' | 'title' | 'signature';
  /** A metadata field: year, signedOn, publishedOn, agency, template, issuerType. */
  field?: string;
  /** For cross-year findings: the year of the report the cell belongs to. */
  year?: number;
  /** Ledger findings: the register and the record's number (登记号) in it. */
  register?: LedgerRegister;
  record?: string;
}

/** A span of the source text (offsets as in the report's provenance; line 1-based). */
export interface SourceSpan {
  start: number;
  end: number;
  line: number;
  /** 1-based column (UTF-16 units) of `start` on its line, when the document's lines are known. */
  column?: number;
  text: string;
}

export const FIELD_NAMES: Record<string, string> = {
  agency: '机关名称', year: '年度', issuerType: '机关类型', signedOn: '落款日期', publishedOn: '发布日期', template: '报告格式', title: '标题',
};

const OTHER_PARTS: Record<string, string> = { preamble: '前言', title: '标题', signature: '落款' };

/** The name of a section or of the preamble, title or signature. */
export function sectionName(section: string): string {
  const s = SECTIONS.find((x) => x.key === section);
  return s ? `第${s.numeral}部分“${s.heading}”` : (OTHER_PARTS[section] ?? section);
}

/**
 * The Chinese name of a place in a report, the one used by findings, the CLI, the pages and
 * exports: 表三“（二）部分公开”行“自然人”列, 表二第二十条第（一）项“规章”行, 第一部分“总体情况”, 落款日期.
 * The report's template decides the wording where the two formats print the same key differently.
 */
export function placeName(loc: Location, template?: string): string {
  if (loc.table === 'requests') {
    const row = REQUEST_ROWS.find((r) => r.key === loc.row);
    const col = REQUEST_COLUMNS.find((c) => c.key === loc.column);
    return `表三${row ? `“${'short' in row && row.short ? row.short : row.label}”行` : ''}${col ? `“${col.label}”列` : ''}`;
  }
  if (loc.table === 'review') {
    const g = REVIEW_GROUPS.find((x) => x.key === loc.row);
    const col = REVIEW_COLUMNS.find((c) => c.key === loc.column);
    return `表四${g ? `“${g.label}”` : ''}${col ? `“${col.label}”` : ''}`;
  }
  if (loc.table === 'active') {
    const defs = Object.values(TEMPLATE_DEFS).sort((a, b) => Number(b.key === template) - Number(a.key === template));
    for (const t of defs) {
      const item = t.active.find((i) => i.key === loc.item);
      const row = item?.rows.find((r) => r.key === loc.row);
      const col = item?.columns.find((c) => c.key === loc.column);
      if (item && (row || !loc.row) && (col || !loc.column)) {
        return `表二${item.label}${row ? `“${row.label}”行` : ''}${col ? `“${col.label}”列` : ''}`;
      }
    }
    return '表二';
  }
  if (loc.register) {
    const name = LEDGER_REGISTERS.find((r) => r.key === loc.register)!.label;
    return loc.record ? `${name}第 ${loc.record} 号` : name;
  }
  if (loc.section) return sectionName(loc.section);
  if (loc.field) return FIELD_NAMES[loc.field] ?? loc.field;
  return '';
}

/** A place named within its table (“（七）总计”行, 第二十条第（一）项“规章”行), for lists that name the table once. */
export function placeNameInTable(loc: Location, template?: string): string {
  return placeName(loc, template).slice(placeName({ table: loc.table }, template).length);
}
