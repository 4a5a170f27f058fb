import { isScalar } from 'yaml';
import { completeTotals } from '../schema/derive.ts';
import { inferIssuerType } from '../schema/issuer.ts';
import { SECTIONS } from '../schema/sections.ts';
import { templateForYear } from '../schema/templates.ts';
import { ISSUER_TYPES, type IssuerType, type Report } from '../schema/types.ts';
import { F, FIELD_DEFS, type FieldKey } from './authoring-fields.ts';
import { keyed, type KeyDef } from './authoring-keys.ts';
import { problemsError } from './authoring-problems.ts';
import { readTables } from './authoring-tables.ts';
import { AuthoringTree, type Entry } from './authoring-tree.ts';
import { LIMITS, overLimit } from './limits.ts';

/**
 * Reads a filled authoring file strictly: every key must name a field, section, item, row or
 * column of the statutory schema, every row must have the template's number of cells, every
 * cell must be a value its column can hold. All problems of the file are collected, each at its
 * line and column, and thrown together (InputError) — a typo never shifts or drops a number.
 */

export const sectionHeading = (s: (typeof SECTIONS)[number]) => `${s.numeral}、${s.heading}`;

const SECTION_DEFS: readonly KeyDef[] = SECTIONS.map((s) => ({ key: s.key, label: sectionHeading(s), aliases: [s.heading] }));

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
  if (content.length > LIMITS.authoringChars) throw overLimit(file, '填写文件字符数', LIMITS.authoringChars);
  const tree = new AuthoringTree(content, /\.json$/i.test(file) ? 'JSON' : 'YAML');
  const report = tree.problems.length ? null : readReport(tree, file);
  if (tree.problems.length || !report) throw problemsError(file, tree.problems);
  return report;
}

/**
 * Reads authoring content sent as a JSON value (the web editor, with the contract's keys): the
 * report with its blank totals derived, or every problem's message (no line numbers: there is no file).
 */
export function readAuthoringValue(value: unknown): { report: Report; problems: [] } | { report: null; problems: string[] } {
  const tree = new AuthoringTree(JSON.stringify(value ?? null), 'JSON');
  const report = tree.problems.length ? null : readReport(tree, '网页编写');
  if (report && !tree.problems.length) return { report: completeTotals(report).report, problems: [] };
  return { report: null, problems: [...new Set(tree.problems.map((p) => p.message))] };
}

/**
 * The one way check and render (and every other entry point) take in an authoring file: read it
 * strictly, then derive the totals a clerk left blank (null) from their parts.
 */
export function readAuthoringReport(content: string, file: string): Report {
  return completeTotals(readAuthoring(content, file)).report;
}
