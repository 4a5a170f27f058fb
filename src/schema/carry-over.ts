import { activePath, cellList, readCell, requestsPath, writeCell } from './cells.ts';
import { REQUEST_COLUMNS } from './requests.ts';
import { TEMPLATE_DEFS, type TableTemplate } from './templates.ts';
import type { Tables } from './types.ts';

/**
 * What a new year's report takes over from the same agency's report of the year before
 * (the relations check): each cell `to` of the new report starts as the
 * sum of the cells `from` of the previous one (blank when any of them is blank).
 */
export interface CarryOver {
  to: string;
  from: readonly string[];
}

/** 二、上年结转 of every column = last year's 四、结转下年度继续办理 of the same column (both formats). */
const requestsCarry = (): CarryOver[] =>
  REQUEST_COLUMNS.map((c) => ({ to: requestsPath('carriedOver', c.key), from: [requestsPath('carriedForward', c.key)] }));

/** 2021 format, 第二十条第（一）项: this year's 现行有效件数 starts from last year's stock (the roll adds 制发, takes 废止). */
const inForceRoll = (): CarryOver[] => {
  const item = TEMPLATE_DEFS['2021'].active.find((i) => i.key === 'art20_1')!;
  return item.rows.map((r) => ({ to: activePath(item.key, r.key, 'inForce'), from: [activePath(item.key, r.key, 'inForce')] }));
};

/** 2019 format: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 (the number of items at the end of last year). */
const itemCountRoll = (): CarryOver[] =>
  TEMPLATE_DEFS['2019'].active
    .filter((i) => i.columns.some((c) => c.key === 'lastYear') && i.columns.some((c) => c.key === 'change'))
    .flatMap((i) => i.rows.map((r) => ({ to: activePath(i.key, r.key, 'lastYear'), from: [activePath(i.key, r.key, 'lastYear'), activePath(i.key, r.key, 'change')] })));

/** The cells carried from a report in `previous` format to the next year's report in `current` format. */
export function carryOvers(previous: TableTemplate, current: TableTemplate): readonly CarryOver[] {
  const out = requestsCarry();
  if (previous === '2021' && current === '2021') out.push(...inForceRoll());
  if (previous === '2019' && current === '2019') out.push(...itemCountRoll());
  return out;
}

/**
 * The tables a new report starts with: every cell blank (null, never 0), except those carried
 * from the previous year's tables when given. Returns them and the paths that got a value.
 */
export function startingTables(template: TableTemplate, previous?: { template: TableTemplate; tables: Tables }): { tables: Tables; carried: string[] } {
  const tables: Tables = { active: {}, requests: {}, review: {} };
  for (const cell of cellList(template)) writeCell(tables, cell.path, null);
  const carried: string[] = [];
  for (const c of previous ? carryOvers(previous.template, template) : []) {
    const parts = c.from.map((p) => readCell(previous!.tables, p));
    if (parts.some((v) => typeof v !== 'number')) continue;
    writeCell(tables, c.to, (parts as number[]).reduce((a, b) => a + b, 0));
    carried.push(c.to);
  }
  return { tables, carried };
}
