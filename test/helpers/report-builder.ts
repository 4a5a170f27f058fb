import type { CheckableReport } from '../../src/check/types.ts';
import { parsePath } from '../../src/schema/cells.ts';
import { REQUEST_COLUMN_KEYS } from '../../src/schema/requests.ts';
import { REVIEW_COLUMN_KEYS } from '../../src/schema/review.ts';
import type { TableTemplate } from '../../src/schema/templates.ts';
import type { Cell, Tables } from '../../src/schema/types.ts';
import { randomTables } from './random-report.ts';

/** Tables of the template with every cell 0. */
export function zeroTables(template: TableTemplate): Tables {
  const t = randomTables(template, 1);
  const zero = (o: unknown): unknown =>
    Array.isArray(o) ? o.map(() => 0) : typeof o === 'object' && o !== null ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, zero(v)])) : 0;
  return zero(t) as Tables;
}

export interface BaseOptions {
  template?: TableTemplate;
  year?: number;
  agency?: string;
  tables?: Tables;
}

/**
 * A small consistent report as the checks see it: every table cell 0 (or the given tables),
 * the six sections with a minimal narrative that agrees with zero tables, signed in January.
 * No provenance or structure, as for a report that came from JSON.
 */
export function baseReport(opts: BaseOptions = {}): CheckableReport {
  const template = opts.template ?? '2021';
  const year = opts.year ?? (template === '2019' ? 2020 : 2023);
  const agency = opts.agency ?? '某某市交通运输局';
  return {
    agency,
    year,
    template,
    signedOn: `${year + 1}-01-20`,
    publishedOn: null,
    issuerType: 'department',
    sections: {
      overview: `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，做好主动公开、依申请公开、政府信息管理、政府信息公开平台建设和监督保障工作。`,
      active: '',
      requests: '',
      review: '',
      problems: '存在的主要问题是政策解读形式较单一。改进措施：下一步将丰富解读形式，加强培训。',
      other: '本年度未收取信息处理费。',
    },
    tables: opts.tables ?? zeroTables(template),
    source: { name: 'builder', format: 'json' },
    preamble: `本年度报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    provenance: {},
    notes: [],
  };
}

/** A deep copy with some cells replaced: `{ 'requests.newReceived.total': 5 }`. */
export function withCells(report: CheckableReport, cells: Record<string, Cell>): CheckableReport {
  const copy = structuredClone(report);
  for (const [path, value] of Object.entries(cells)) {
    const loc = parsePath(path);
    if (loc.table === 'requests') {
      const row = (copy.tables.requests as Record<string, Cell[]>)[loc.row!];
      if (!row) throw new Error(`no row ${loc.row}`);
      row[REQUEST_COLUMN_KEYS.indexOf(loc.column as never)] = value;
    } else if (loc.table === 'review') {
      const row = (copy.tables.review as Record<string, Cell[]>)[loc.row!];
      if (!row) throw new Error(`no group ${loc.row}`);
      row[REVIEW_COLUMN_KEYS.indexOf(loc.column as never)] = value;
    } else if (loc.table === 'active') {
      const row = copy.tables.active[loc.item!]?.[loc.row!];
      if (!row || !(loc.column! in row)) throw new Error(`no cell ${path}`);
      row[loc.column!] = value;
    } else {
      throw new Error(`not a cell path: ${path}`);
    }
  }
  return copy;
}

/** A deep copy with top-level fields (or sections) replaced. */
export function withFields(report: CheckableReport, fields: Partial<CheckableReport> & { sectionTexts?: Partial<CheckableReport['sections']> }): CheckableReport {
  const { sectionTexts, ...rest } = fields;
  const copy = { ...structuredClone(report), ...rest };
  if (sectionTexts) copy.sections = { ...copy.sections, ...sectionTexts };
  return copy;
}
