import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ValueKind } from '../schema/active.ts';
import { cellDef, invalidValue, requestsPath, reviewPath } from '../schema/cells.ts';
import { completeTotals } from '../schema/derive.ts';
import { inferIssuerType } from '../schema/issuer.ts';
import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS, templateForYear, type TableTemplate } from '../schema/templates.ts';
import { ISSUER_TYPES, type Cell, type IssuerType, type Report, type Tables } from '../schema/types.ts';
import { F, FIELD_DEFS, type FieldKey } from './authoring-fields.ts';
import { matchKey, unknownKeyMessage, type KeyDef } from './authoring-keys.ts';
import { problemsError } from './authoring-problems.ts';
import { AuthoringTree, type Entry } from './authoring-tree.ts';

/**
 * Reads a filled authoring file strictly: every key must name a field, section, item, row or
 * column of the statutory schema, every row must have the template's number of cells, every
 * cell must be a value its column can hold. All problems of the file are collected, each at its
 * line and column, and thrown together (InputError) — a typo never shifts or drops a number.
 */

export const sectionHeading = (s: (typeof SECTIONS)[number]) => `${s.numeral}、${s.heading}`;

const SECTION_DEFS: readonly KeyDef[] = SECTIONS.map((s) => ({ key: s.key, label: sectionHeading(s), aliases: [s.heading] }));

const KIND_TEXT: Record<ValueKind, string> = {
  count: '不小于 0 的整数（件数）',
  signed: '整数（可为负数）',
  money: '不小于 0 的数（金额，可有小数）',
};

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

interface ColumnOf extends KeyDef {
  readonly kind: ValueKind;
}

/** The entries of a mapping keyed by the definitions they name; unknown and repeated keys are problems. */
function keyed<D extends KeyDef>(tree: AuthoringTree, entries: readonly Entry[], defs: readonly D[], where: string, unit: string, listHead: string): Map<D, Entry> {
  const out = new Map<D, Entry>();
  for (const e of entries) {
    const def = matchKey(defs, e.name);
    if (!def) {
      tree.at(e.keyNode, unknownKeyMessage(where, unit, e.name, defs, listHead));
      continue;
    }
    const first = out.get(def);
    if (first) tree.at(e.keyNode, `${where}的“${e.name}”与第${tree.lineOf(first.keyNode)}行的“${first.name}”是同一${unit}，只能写一次`);
    else out.set(def, e);
  }
  return out;
}

function cellValue(tree: AuthoringTree, node: Node | null, kind: ValueKind, where: string): Cell {
  if (tree.isBlank(node)) return null;
  if (isScalar(node)) {
    const v = node.value;
    const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v.trim()) : NaN;
    if (Number.isFinite(n) && invalidValue({ kind }, n) === null) return n;
  }
  tree.at(node, `${where}应为${KIND_TEXT[kind]}或 null，此处是“${tree.source(node)}”`);
  return null;
}

function countMessage(where: string, columns: readonly ColumnOf[], given: number): string {
  const total = columns.find((c) => c.key === 'total');
  return `${where}应有${columns.length}个数（${columns.map((c) => c.label).join('、')}），此处${given < columns.length ? '只' : ''}有${given}个` +
    (total ? `；${total.label}可写 null 由程序计算` : '');
}

/** One row's cells, from a list in column order or a mapping by column; a blank row is all null. */
function rowValues(tree: AuthoringTree, node: Node | null, columns: readonly ColumnOf[], where: string): Cell[] {
  const blank = () => columns.map((): Cell => null);
  if (tree.isBlank(node)) return blank();
  if (isSeq(node)) {
    if (node.items.length !== columns.length) {
      tree.at(node, countMessage(where, columns, node.items.length));
      return blank();
    }
    return columns.map((c, i) => cellValue(tree, tree.resolve(node.items[i]), c.kind, `${where}“${c.label}”`));
  }
  if (isMap(node)) {
    const byColumn = keyed(tree, tree.entries(node, where) ?? [], columns, where, '列', '列依次为');
    return columns.map((c) => {
      const e = byColumn.get(c);
      return e ? cellValue(tree, e.value, c.kind, `${where}“${c.label}”`) : null;
    });
  }
  tree.at(node, `${where}应为一组数字，如 [${columns.map(() => 0).join(', ')}]，此处是“${tree.source(node)}”`);
  return blank();
}

/** A scalar as text (null when blank); a list or mapping where text belongs is a problem. */
function text(tree: AuthoringTree, e: Entry | undefined, what: string): string | null {
  if (!e || tree.isBlank(e.value)) return null;
  if (isScalar(e.value)) return String(e.value.value).trim();
  tree.at(e.value, `${what}应为一段文字`);
  return null;
}

function date(tree: AuthoringTree, e: Entry | undefined, what: string): string | null {
  const s = text(tree, e, what);
  if (s === null || /^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  tree.at(e!.value, `${what}应为 YYYY-MM-DD 格式的日期，此处是“${s}”`);
  return null;
}

function readTables(tree: AuthoringTree, field: (k: FieldKey) => Entry | undefined, template: TableTemplate): Tables {
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

function readReport(tree: AuthoringTree, file: string): Report | null {
  const top = tree.root === null ? null : tree.entries(tree.root, '填写文件');
  if (!top) {
    if (tree.root === null) tree.at(null, `文件是空的，应为“${FIELD_DEFS.map((d) => d.label).join('、')}”等字段组成的 YAML 文件`);
    return null;
  }
  const fields = keyed(tree, top, FIELD_DEFS, '填写文件', '字段', '可填的字段');
  const field = (k: FieldKey) => fields.get(FIELD_DEFS.find((d) => d.key === k)!);

  const yearEntry = field('year');
  let year: number | null = null;
  if (!yearEntry || tree.isBlank(yearEntry.value)) tree.at(yearEntry?.keyNode, `缺少“${F.year}”，如 ${F.year}: 2025`);
  else if (isScalar(yearEntry.value) && Number.isInteger(Number(yearEntry.value.value))) year = Number(yearEntry.value.value);
  else tree.at(yearEntry.value, `“${F.year}”应为年份，如 2025，此处是“${tree.source(yearEntry.value)}”`);

  const agency = text(tree, field('agency'), `“${F.agency}”`);
  const templateText = text(tree, field('template'), `“${F.template}”`);
  const template = templateText === null ? (year === null ? null : templateForYear(year)) : templateText.replace(/格式$/, '');
  const tableTemplate = template === '2019' || template === '2021' ? template : null;
  if (template !== null && !tableTemplate) {
    tree.at(field('template')?.value ?? yearEntry?.value, `“${F.template}”应为 2019 或 2021，此处是“${templateText ?? template}”`);
  }
  const issuerText = text(tree, field('issuerType'), `“${F.issuerType}”`);
  const issuerType = (issuerText ?? inferIssuerType(agency)) as IssuerType;
  if (!ISSUER_TYPES.includes(issuerType)) tree.at(field('issuerType')?.value, `“${F.issuerType}”应为 ${ISSUER_TYPES.join('、')} 之一，此处是“${issuerType}”`);
  const signedOn = date(tree, field('signedOn'), `“${F.signedOn}”`);
  const publishedOn = date(tree, field('publishedOn'), `“${F.publishedOn}”`);
  const preamble = text(tree, field('preamble'), `“${F.preamble}”`);

  const sectionsEntry = field('sections');
  const sectionsIn = sectionsEntry && !tree.isBlank(sectionsEntry.value)
    ? keyed(tree, tree.entries(sectionsEntry.value, `“${F.sections}”`) ?? [], SECTION_DEFS, F.sections, '部分', `${F.sections}的部分`)
    : new Map<KeyDef, Entry>();
  const sections = Object.fromEntries(SECTION_DEFS.map((s) => [s.key, text(tree, sectionsIn.get(s), `${F.sections}“${s.label}”`)])) as Report['sections'];

  if (year === null || !tableTemplate) return null;
  const tables = readTables(tree, field, tableTemplate);
  return {
    agency,
    year,
    template: tableTemplate,
    signedOn,
    publishedOn,
    issuerType,
    sections,
    tables,
    source: { name: file.split('/').pop() ?? file, format: 'yaml' },
    preamble,
    provenance: {},
    notes: [],
  };
}

/** Reads a filled authoring file (YAML, or JSON with the same keys) into a report; throws every problem of the file at once. */
export function readAuthoring(content: string, file: string): Report {
  const tree = new AuthoringTree(content);
  const report = tree.problems.length ? null : readReport(tree, file);
  if (tree.problems.length || !report) throw problemsError(file, tree.problems);
  return report;
}

/**
 * The one way check and render (and every other entry point) take in an authoring file: read it
 * strictly, then derive the totals a clerk left blank (null) from their parts.
 */
export function readAuthoringReport(content: string, file: string): Report {
  return completeTotals(readAuthoring(content, file)).report;
}
