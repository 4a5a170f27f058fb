import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError } from '../errors.ts';
import { inferIssuerType } from '../schema/issuer.ts';
import { labelKey } from '../schema/normalize.ts';
import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS, templateForYear, type TableTemplate } from '../schema/templates.ts';
import { ISSUER_TYPES, type Cell, type IssuerType, type Report, type Tables } from '../schema/types.ts';

/**
 * The authoring file a clerk fills in: YAML with Chinese keys taken from the
 * statutory schema — metadata, the narrative of each section, and the numbers
 * of the three tables. `authoringSkeleton` writes one with every cell at 0;
 * `readAuthoring` turns a filled one into a report. Keys may also be the
 * contract's English keys.
 */

const F = {
  agency: '机关',
  year: '年度',
  template: '格式',
  issuerType: '机关类型',
  signedOn: '落款日期',
  publishedOn: '发布日期',
  preamble: '前言',
  sections: '正文',
  active: '表二',
  requests: '表三',
  review: '表四',
} as const;

const heading = (s: (typeof SECTIONS)[number]) => `${s.numeral}、${s.heading}`;

export interface SkeletonOptions {
  agency: string;
  year: number;
  template?: TableTemplate;
}

/** A complete authoring file with the statutory headings and every cell at 0. */
export function authoringSkeleton(opts: SkeletonOptions): string {
  const template = opts.template ?? (templateForYear(opts.year) === '2019' ? '2019' : '2021');
  const lines: string[] = [
    '# 政府信息公开工作年度报告 · 填写文件（ogi）',
    '# 填好后运行：./bin/ogi render 本文件 --to docx -o 报告.docx（也可 --to pdf、html、md、xlsx）',
    '# 数字填在表二、表三、表四中；“总计”可写 null，由程序根据各项计算；已填写的总计会被核对。',
    '',
    `${F.agency}: ${opts.agency}`,
    `${F.year}: ${opts.year}`,
    `${F.template}: '${template}'          # 2019格式（2019、2020年度）或 2021格式（2021年度起）`,
    `${F.issuerType}: ${inferIssuerType(opts.agency)}   # government 人民政府 / department 政府部门 / township 乡镇、街道 / other 其他`,
    `${F.signedOn}: ${opts.year + 1}-01-20     # 落款日期，格式 YYYY-MM-DD`,
    `${F.preamble}: |`,
    `  本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本年度报告中所列数据的统计期限自${opts.year}年1月1日起至${opts.year}年12月31日止。如对本报告有任何疑问，请与${opts.agency}联系。`,
    `${F.sections}:`,
  ];
  for (const s of SECTIONS) lines.push(`  ${heading(s)}: |`, '    （在此填写）');
  lines.push(`${F.active}:`);
  for (const item of TEMPLATE_DEFS[template].active) {
    lines.push(`  ${item.label}:`);
    for (const row of item.rows) lines.push(`    ${row.label}: { ${item.columns.map((c) => `${c.label}: 0`).join(', ')} }`);
  }
  lines.push(`${F.requests}:`, `  # 每行 7 个数：${REQUEST_COLUMNS.map((c) => c.label).join('、')}`);
  for (const row of requestRows(template)) lines.push(`  ${row.label}: [${REQUEST_COLUMNS.map(() => '0').join(', ')}]`);
  lines.push(`${F.review}:`, `  # 每行 5 个数：${REVIEW_COLUMNS.map((c) => c.label).join('、')}`);
  for (const g of REVIEW_GROUPS) lines.push(`  ${g.label}: [${REVIEW_COLUMNS.map(() => '0').join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds a key by the contract key or by a printed label (compared as labels are). */
function pick(obj: Obj, keys: readonly string[]): unknown {
  const wanted = new Set(keys.map(labelKey));
  for (const [k, v] of Object.entries(obj)) if (keys.includes(k) || wanted.has(labelKey(k))) return v;
  return undefined;
}

function fail(file: string, where: string, what: string): never {
  throw new InputError('usage', `${file}：${where}${what}`, file);
}

function cell(file: string, where: string, v: unknown): Cell {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return fail(file, where, `应为数字，填写的是“${String(v)}”`);
}

function row(file: string, where: string, v: unknown, columns: readonly { key: string; label: string }[]): Cell[] {
  if (v === undefined) return columns.map(() => null);
  if (Array.isArray(v)) {
    if (v.length !== columns.length && v.length !== columns.length - 1) {
      fail(file, where, `应有 ${columns.length} 个数（${columns.map((c) => c.label).join('、')}），填写了 ${v.length} 个`);
    }
    return columns.map((c, i) => cell(file, `${where}“${c.label}”`, v[i]));
  }
  if (isObj(v)) return columns.map((c) => cell(file, `${where}“${c.label}”`, pick(v, [c.key, c.label])));
  return fail(file, where, '应为一组数字');
}

function isoDate(file: string, where: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) fail(file, where, `应为 YYYY-MM-DD 格式的日期，填写的是“${s}”`);
  return s;
}

/** Reads a filled authoring file into a report. Errors name the file and the field, in Chinese. */
export function readAuthoring(text: string, file: string): Report {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const pos = err instanceof YAMLParseError && err.linePos ? `第 ${err.linePos[0].line} 行：` : '';
    fail(file, pos, `YAML 格式有误（${(err as Error).message.split('\n')[0]}）`);
  }
  if (!isObj(doc)) fail(file, '', '应为“机关、年度、正文、表二、表三、表四”等字段组成的 YAML 文件');
  const year = cell(file, `“${F.year}”`, pick(doc, ['year', F.year]));
  if (year === null || !Number.isInteger(year)) fail(file, `“${F.year}”`, '必须填写，如 2025');
  const agencyValue = pick(doc, ['agency', F.agency]);
  const agency = agencyValue === undefined || agencyValue === null ? null : String(agencyValue);
  const templateValue = pick(doc, ['template', F.template]);
  const template = (templateValue === undefined || templateValue === null ? templateForYear(year) : String(templateValue).replace(/格式$/, '')) as TableTemplate | 'legacy';
  if (template !== '2019' && template !== '2021') fail(file, `“${F.template}”`, `应为 2019 或 2021，填写的是“${String(templateValue ?? template)}”`);
  const issuerValue = pick(doc, ['issuerType', F.issuerType]);
  const issuerType = (issuerValue ? String(issuerValue) : inferIssuerType(agency)) as IssuerType;
  if (!ISSUER_TYPES.includes(issuerType)) fail(file, `“${F.issuerType}”`, `应为 ${ISSUER_TYPES.join('、')} 之一，填写的是“${issuerType}”`);

  const sectionsIn = pick(doc, ['sections', F.sections]);
  const sections = Object.fromEntries(SECTIONS.map((s) => {
    const v = isObj(sectionsIn) ? pick(sectionsIn, [s.key, heading(s), s.heading]) : undefined;
    return [s.key, v === undefined || v === null ? null : String(v).trim()];
  })) as Report['sections'];

  const tables: Tables = { active: {}, requests: {}, review: {} };
  const activeIn = pick(doc, ['active', F.active, '表二（主动公开）']);
  for (const item of TEMPLATE_DEFS[template].active) {
    const itemIn = isObj(activeIn) ? pick(activeIn, [item.key, item.label, ...(item.aliases ?? [])]) : undefined;
    tables.active[item.key] = {};
    for (const r of item.rows) {
      const rowIn = isObj(itemIn) ? pick(itemIn, [r.key, r.label, ...(r.aliases ?? [])]) : undefined;
      const values = row(file, `表二${item.label}“${r.label}”`, rowIn, item.columns);
      tables.active[item.key]![r.key] = Object.fromEntries(item.columns.map((c, i) => [c.key, values[i]!]));
    }
  }
  const requestsIn = pick(doc, ['requests', F.requests]);
  for (const r of requestRows(template)) {
    const v = isObj(requestsIn) ? pick(requestsIn, [r.key, r.label]) : undefined;
    tables.requests[r.key] = row(file, `表三“${r.label}”`, v, REQUEST_COLUMNS);
  }
  const reviewIn = pick(doc, ['review', F.review]);
  for (const g of REVIEW_GROUPS) {
    const v = isObj(reviewIn) ? pick(reviewIn, [g.key, g.label]) : undefined;
    tables.review[g.key] = row(file, `表四“${g.label}”`, v, REVIEW_COLUMNS);
  }
  const preamble = pick(doc, ['preamble', F.preamble]);
  return {
    agency,
    year,
    template,
    signedOn: isoDate(file, `“${F.signedOn}”`, pick(doc, ['signedOn', F.signedOn])),
    publishedOn: isoDate(file, `“${F.publishedOn}”`, pick(doc, ['publishedOn', F.publishedOn])),
    issuerType,
    sections,
    tables,
    source: { name: file.split('/').pop() ?? file, format: 'yaml' },
    preamble: preamble === undefined || preamble === null ? null : String(preamble).trim(),
    provenance: {},
    notes: [],
  };
}
