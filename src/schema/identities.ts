import { requestRowPaths, reviewRowPaths } from './cells.ts';
import { REQUEST_BALANCE_NOTE, REQUEST_COLUMNS, REQUEST_GROUP_LABELS, requestRows, type RequestGroup, type RequestRowKey } from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, type ReviewGroupKey } from './review.ts';
import type { TableTemplate } from './templates.ts';
import type { Cell } from './types.ts';

/**
 * The identities between cells of the statutory tables, declared once: extraction
 * (digit splitting, OCR repair), the SUM rules, totals completion and the pages all
 * evaluate these, and nothing else writes one.
 */

export type IdentityId = 'requests-row-total' | 'requests-balance' | 'requests-results' | 'review-total';

export interface IdentityDef {
  id: IdentityId;
  table: 'requests' | 'review';
  /** One instance per row (over its columns) or per column (over rows). */
  per: 'row' | 'column';
  /** Chinese, for messages: what the identity says, and what its left side is called. */
  says: string;
  leftName: string;
  /** Where it comes from in the statutory format. */
  source: string;
  /** The right side is a single total a clerk may leave blank and the program computes. */
  derivesTotal: boolean;
}

const FORMATS = '国办公开办函〔2019〕60号、〔2021〕30号附件';

export const IDENTITY_DEFS: Record<IdentityId, IdentityDef> = {
  'requests-row-total': {
    id: 'requests-row-total', table: 'requests', per: 'row', derivesTotal: true,
    says: '“总计”列等于自然人与法人或其他组织五类之和',
    leftName: '自然人至其他六列之和',
    source: `${FORMATS}表三“申请人情况”栏：总计为自然人与法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和`,
  },
  'requests-balance': {
    id: 'requests-balance', table: 'requests', per: 'column', derivesTotal: false,
    says: '第一项加第二项之和等于第三项加第四项之和',
    leftName: '第一项加第二项之和',
    source: `${FORMATS}表三说明${REQUEST_BALANCE_NOTE}`,
  },
  'requests-results': {
    id: 'requests-results', table: 'requests', per: 'column', derivesTotal: true,
    says: '“（七）总计”等于各项办理结果之和',
    leftName: '各项办理结果之和',
    source: `${FORMATS}表三“三、本年度办理结果”：（七）总计为（一）至（六）各项之和`,
  },
  'review-total': {
    id: 'review-total', table: 'review', per: 'row', derivesTotal: true,
    says: '“总计”等于结果维持、结果纠正、其他结果、尚未审结之和',
    leftName: '结果维持、结果纠正、其他结果、尚未审结之和',
    source: `${FORMATS}表四：每组的总计为结果维持、结果纠正、其他结果、尚未审结之和`,
  },
};

/** One instance of an identity: Σ left = Σ right over cell paths. */
export interface Identity {
  def: IdentityDef;
  /** The row (table 三 row key, table 四 group) or column key the instance is about. */
  row?: string;
  column?: string;
  left: readonly string[];
  right: readonly string[];
}

const REQUEST_TOTAL = REQUEST_COLUMNS.length - 1;
const REVIEW_TOTAL = REVIEW_COLUMNS.length - 1;
const BALANCE_LEFT: readonly RequestRowKey[] = ['newReceived', 'carriedOver'];
const BALANCE_RIGHT: readonly RequestRowKey[] = ['resultTotal', 'carriedForward'];

/** The result rows of table 三 whose sum is （七）总计. */
export const resultRows = (template: TableTemplate) => requestRows(template).filter((r) => r.result);

function build(template: TableTemplate): Identity[] {
  const out: Identity[] = [];
  const rows = requestRows(template);
  const results = resultRows(template).map((r) => r.key);
  // Columns first: (七) = Σ results, computed before the row totals that read it.
  REQUEST_COLUMNS.forEach((column, c) => {
    const at = (keys: readonly string[]) => keys.map((k) => requestRowPaths(k)[c]!);
    out.push({ def: IDENTITY_DEFS['requests-results'], column: column.key, left: at(results), right: at(['resultTotal']) });
    out.push({ def: IDENTITY_DEFS['requests-balance'], column: column.key, left: at(BALANCE_LEFT), right: at(BALANCE_RIGHT) });
  });
  for (const row of rows) {
    const paths = requestRowPaths(row.key);
    out.push({ def: IDENTITY_DEFS['requests-row-total'], row: row.key, left: paths.slice(0, REQUEST_TOTAL), right: [paths[REQUEST_TOTAL]!] });
  }
  for (const group of REVIEW_GROUPS) {
    const paths = reviewRowPaths(group.key);
    out.push({ def: IDENTITY_DEFS['review-total'], row: group.key, left: paths.slice(0, REVIEW_TOTAL), right: [paths[REVIEW_TOTAL]!] });
  }
  return out;
}

const BUILT: Record<TableTemplate, readonly Identity[]> = { '2019': build('2019'), '2021': build('2021') };

/** Every identity instance of a template's tables; with `id`, those of one identity. */
export function identities(template: TableTemplate, id?: IdentityId): readonly Identity[] {
  return id ? BUILT[template].filter((x) => x.def.id === id) : BUILT[template];
}

export type CellReader = (path: string) => Cell | undefined;

export interface Evaluation {
  /** `missing`: an operand is not a cell of the report at all; `blank`: some operand is blank. */
  status: 'holds' | 'fails' | 'blank' | 'missing';
  left: number;
  right: number;
  /** Paths of the blank operands. */
  blanks: string[];
}

/** Evaluates an identity over cell values (known operands summed; blanks listed, never read as 0). */
export function evaluate(identity: Identity, read: CellReader): Evaluation {
  const left = readOperands(read, identity.left);
  const right = readOperands(read, identity.right);
  const blanks = [...left.blanks, ...right.blanks];
  const status = left.missing || right.missing ? 'missing' : blanks.length ? 'blank' : sameAmount(left.sum, right.sum) ? 'holds' : 'fails';
  return { status, left: left.sum, right: right.sum, blanks };
}

/** Cells read for a sum: the sum of the known ones, the blank ones, and whether some are not cells of the report at all. */
export interface Operands {
  sum: number;
  blanks: string[];
  missing: boolean;
}

export function readOperands(read: CellReader, paths: readonly string[]): Operands {
  const blanks: string[] = [];
  let missing = false;
  let sum = 0;
  for (const p of paths) {
    const v = read(p);
    if (v === undefined) missing = true;
    else if (v === null) blanks.push(p);
    else sum += v;
  }
  return { sum, blanks, missing };
}

/** Equality for sums of amounts in 万元 (decimals); exact for counts. */
export const sameAmount = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * A check of one printed row's values by position, for splitting digit runs: true unless a
 * row identity of the table fails on known values. Table 三 rows have 7 values; table 四 is
 * printed as one row of 15 (three groups of 5) or a row of 5 per group.
 */
export function rowHolds(table: 'requests' | 'review'): ((values: readonly (number | null)[]) => boolean) & { groupWidth: number } {
  const width = table === 'requests' ? REQUEST_COLUMNS.length : REVIEW_COLUMNS.length;
  const holds = (values: readonly (number | null)[]): boolean => {
    for (let g = 0; g + width <= values.length; g += width) {
      const part = values.slice(g, g + width);
      const total = part[width - 1];
      const sum = part.slice(0, width - 1).reduce<number>((a, b) => a + (b ?? 0), 0);
      // With a blank among the parts the row can only fail when the parts already exceed the total.
      if (total === null || total === undefined) continue;
      if (part.some((x) => x === null) ? sum > total : sum !== total) return false;
    }
    return true;
  };
  return Object.assign(holds, { groupWidth: width });
}

/**
 * The result categories of table 三 — （一）予以公开, （二）部分公开 and the groups （三）–（六) —
 * each with the rows whose sum is its subtotal. A subtotal is derived, never printed by the format.
 */
export type ResultCategory = 'granted' | 'partlyGranted' | 'denied' | 'unavailable' | 'notProcessed' | 'other';
export const RESULT_CATEGORIES = ['granted', 'partlyGranted', 'denied', 'unavailable', 'notProcessed', 'other'] as const satisfies readonly ResultCategory[];

export function categoryRows(template: TableTemplate, category: ResultCategory): RequestRowKey[] {
  return resultRows(template)
    .filter((r) => (category === 'granted' || category === 'partlyGranted' ? r.key === category : r.group === category))
    .map((r) => r.key);
}

/** The label a category is printed with: its row (（一）予以公开) or its group heading (（三）不予公开). */
export function categoryLabel(category: ResultCategory): string {
  if (category === 'granted' || category === 'partlyGranted') {
    const row = resultRows('2021').find((r) => r.key === category)!;
    return row.short ?? row.label;
  }
  return REQUEST_GROUP_LABELS[category as RequestGroup]!;
}

/** Groups printed with a heading over several rows — （三）（四）（五）, and （六） in 2021 — whose subtotal a report may add. */
export function subtotalGroups(template: TableTemplate): { group: ResultCategory; label: string; children: RequestRowKey[] }[] {
  return RESULT_CATEGORIES.filter((c) => c !== 'granted' && c !== 'partlyGranted')
    .map((group) => ({ group, label: categoryLabel(group), children: categoryRows(template, group) }))
    .filter((g) => g.children.length > 1);
}

/** 行政诉讼 in table 四: its two groups, whose sum is the litigation total (derived, never printed). */
export const LITIGATION_GROUPS: readonly ReviewGroupKey[] = REVIEW_GROUPS.slice(1).map((g) => g.key);

/** Σ of cells, or null when any is blank or absent. */
export function sumOrNull(read: CellReader, paths: readonly string[]): number | null {
  const o = readOperands(read, paths);
  return o.missing || o.blanks.length ? null : o.sum;
}
