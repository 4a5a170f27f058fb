import { InputError } from '../errors.ts';
import { inferIssuerType } from '../schema/issuer.ts';
import { labelKey } from '../schema/normalize.ts';
import { labelMatches, matchingIndexes } from '../schema/labels.ts';
import { SECTION_KEYS, SECTIONS, type SectionKey } from '../schema/sections.ts';
import { LEGACY_MARKERS, TEMPLATE_DEFS, templateForYear, type TableTemplate, type Template } from '../schema/templates.ts';
import type { Provenance, Report, SourceFormat, Tables } from '../schema/types.ts';
import { EXTRACTOR_VERSION } from './version.ts';
import { splitLines, tokenize, type Cell, type Line } from './cells.ts';
import type { PageHints } from '../ingest/html-meta.ts';
import { readMetadata, recordMetadata } from './report-meta.ts';
import { Recorder } from './record.ts';
import { findHeadings, type Heading } from './sections.ts';
import { extractActive, isActiveAnchor } from './table-active.ts';
import { extractRequests, isRequestAnchor, type TableSpan } from './table-requests.ts';
import { extractReview, isReviewAnchor } from './table-review.ts';
import { MARKUP, MARKUP_LINE, mayHaveMarkup } from './markup.ts';
import { flowLines } from './stream.ts';
import { lineColumn } from '../schema/message.ts';


export interface SourceInfo {
  name: string;
  /** The path as the user gave it, for messages. */
  path?: string;
  format: SourceFormat;
  encoding?: string;
  /** What a web page states outside the text (its <title>, <meta>, "发布时间"): used where the text says nothing. */
  hints?: PageHints;
}

/** Layout facts the checks need (TPL rules): printed headings and template markers. */
/** A report as read from a document: the contract, plus the printed layout. */
export type ReadReport = Report & { structure?: Structure };

export interface Structure {
  /** Section headings as printed; `line` is 1-based. */
  headings: Heading[];
  markers: Record<TableTemplate, string[]>;
  legacyMarkers: string[];
  /**
   * Printed labels found in the tables, by path: `active.<item>`, `active.<item>.<row>`,
   * `active.<item>.header.<column>`, `requests.<row>`, `requests.note`, `review.<group>`.
   */
  labels: Record<string, Provenance>;
  /** For each section (and the preamble): offsets in `sections[key]` → offsets in the document. */
  sectionMaps: Partial<Record<SectionKey | 'preamble', TextMap>>;
  /** Offset of the start of each line of the document (line n starts at lineStarts[n - 1]). */
  lineStarts: number[];
}

export type ExtractedReport = Report & { structure: Structure };

function detectTemplate(stream: readonly Cell[]): Record<TableTemplate, string[]> {
  const markers: Record<TableTemplate, string[]> = { '2019': [], '2021': [] };
  for (const t of ['2019', '2021'] as const) {
    const defs = TEMPLATE_DEFS[t].markers;
    const seen = new Set<number>();
    for (const c of stream) if (c.kind === 'label') for (const i of matchingIndexes(defs, c.key)) seen.add(i);
    markers[t] = [...seen].sort((a, b) => a - b).map((i) => defs[i]!.label);
  }
  return markers;
}

/** The legacy template's markers printed as short lines (each line keyed once, not once per marker). */
function legacyMarkersIn(lines: readonly Line[]): string[] {
  const keys = lines.filter((l) => l.text.length < 40 && l.text.includes('情况')).map((l) => labelKey(l.text));
  return LEGACY_MARKERS.filter((m) => keys.some((k) => labelMatches(m, k))).map((m) => m.label);
}

function firstIndex(stream: readonly Cell[], from: number, test: (c: Cell) => boolean): number {
  for (let i = Math.max(0, from); i < stream.length; i++) if (test(stream[i]!)) return i;
  return -1;
}

/** Index of the first cell on or after `line` (cells are in line order). */
function cellIndexAtLine(stream: readonly Cell[], line: number): number {
  let lo = 0;
  let hi = stream.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stream[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/** Where a stretch of a section's text sits in the document: [offset in the section text, offset in the document, length]. */
export type TextMap = [number, number, number][];

/**
 * The narrative of a range of lines, without table lines and conversion markup,
 * and the map from offsets in that narrative back to offsets in the document.
 */
function joinLines(lines: readonly Line[], from: number, to: number, skip: (l: number) => boolean): { text: string; map: TextMap } {
  let text = '';
  const map: TextMap = [];
  let pendingBreaks = 0;
  for (let i = from; i < to; i++) {
    if (skip(i)) continue;
    const line = lines[i]!;
    const markup = mayHaveMarkup(line.text);
    if (markup && MARKUP_LINE.test(line.text)) continue;
    const kept: [number, number][] = []; // [start, end) within the line, markup removed
    let at = 0;
    if (markup) for (const m of line.text.matchAll(MARKUP)) {
      kept.push([at, m.index!]);
      at = m.index! + m[0].length;
    }
    kept.push([at, line.text.length]);
    const last = kept[kept.length - 1]!;
    last[1] = at + line.text.slice(at).replace(/\s+$/, '').length;
    const pieces = kept.filter(([a, b]) => b > a);
    if (!pieces.length) {
      pendingBreaks++;
      continue;
    }
    if (text !== '') text += pendingBreaks > 0 ? '\n\n' : '\n';
    pendingBreaks = 0;
    // Whether the text ends a line, kept aside: asking the growing string (endsWith) flattens it every time.
    let atLineStart = true;
    for (const [a, b] of pieces) {
      let start = a;
      if (atLineStart) while (start < b && /\s/.test(line.text[start]!)) start++;
      if (start >= b) continue;
      map.push([text.length, line.start + start, b - start]);
      text += line.text.slice(start, b);
      atLineStart = line.text[b - 1] === '\n';
    }
  }
  return { text, map };
}

/** A span of a section's text (as in `report.sections`) as offsets into the document, when the map is known. */
export function sectionToDocument(map: TextMap | undefined, start: number, end: number): { start: number; end: number } | null {
  if (!map) return null;
  const find = (offset: number, isEnd: boolean) => {
    for (const [s, d, len] of map) {
      if (offset >= s && (offset < s + len || (isEnd && offset === s + len))) return d + (offset - s);
    }
    return null;
  };
  const a = find(start, false);
  const b = find(end, true);
  return a === null || b === null ? null : { start: a, end: b };
}

/**
 * Reads one report from its text: metadata, the six sections and the three
 * tables, each value with the place it was read. Throws InputError when the
 * text is not an annual report.
 */
export function extractReport(text: string, source: SourceInfo): ExtractedReport {
  const printedLines = splitLines(text);
  const { lines, flowed } = flowLines(printedLines, text);
  const headings = findHeadings(lines);
  const stream = tokenize(lines);
  const lineStarts = printedLines.map((l) => l.start);
  const rec = new Recorder(lineStarts);

  const firstHeadingLine = headings[0]?.line ?? lines.length;
  const metadata = readMetadata(lines, headings, source.hints);
  const { year } = metadata;
  const headingLine = (key: SectionKey) => headings.find((h) => h.key === key)?.line;


  // Template: from the tables' own layout.
  const markers = detectTemplate(stream);
  const legacyMarkers = legacyMarkersIn(lines);
  let template: Template;
  const n19 = markers['2019'].length;
  const n21 = markers['2021'].length;
  if (n19 === 0 && n21 === 0) {
    if ((year && year.value <= 2018) || legacyMarkers.length) template = 'legacy';
    else {
      template = year ? templateForYear(year.value) : '2021';
      rec.note('template-by-year', `未识别到统计表的格式特征，按年度采用${template}格式`);
    }
  } else if (n19 === n21) {
    template = year ? templateForYear(year.value) : '2021';
    if (template === 'legacy') template = '2019';
  } else {
    template = n19 > n21 ? '2019' : '2021';
  }

  rec.template = template;
  const tables: Tables = { active: {}, requests: {}, review: {} };
  const spans: TableSpan[] = [];
  if (template !== 'legacy') {
    const problemsAt = headingLine('problems');
    const endOfTables = problemsAt === undefined ? stream.length : cellIndexAtLine(stream, problemsAt);
    const t2 = firstIndex(stream, 0, (c) => isActiveAnchor(c, template as TableTemplate));
    const t3 = firstIndex(stream, Math.max(t2, 0), isRequestAnchor);
    const t4 = firstIndex(stream, Math.max(t3, t2, 0), isReviewAnchor);
    const bound = (...c: number[]) => Math.min(...c.filter((x) => x >= 0), endOfTables);
    const active = t2 >= 0 ? extractActive(stream, t2, bound(t3, t4), template, rec, lines) : null;
    const requests = t3 >= 0 ? extractRequests(stream, t3, bound(t4), template, rec, lines) : null;
    const review = t4 >= 0 ? extractReview(stream, t4, endOfTables > t4 ? endOfTables : stream.length, rec, lines) : null;
    tables.active = active?.table ?? {};
    tables.requests = requests?.table ?? {};
    tables.review = review?.table ?? {};
    for (const t of [active, requests, review]) if (t?.span) spans.push(t.span);
    const missing = (key: SectionKey, table: string) => {
      const s = SECTIONS.find((x) => x.key === key)!;
      rec.note('table-missing', `未找到表${s.numeral}（${s.heading}）`, table);
    };
    if (!active?.span) missing('active', 'active');
    if (!requests?.span) missing('requests', 'requests');
    if (!review?.span) missing('review', 'review');
  }

  const tablesFound = spans.length;
  if (!metadata.titled && headings.length < 3 && tablesFound === 0 && legacyMarkers.length === 0) {
    throw new InputError('not-a-report', `${source.path ?? source.name}：不是政府信息公开工作年度报告（没有找到报告标题、六个部分的标题或统计表）`, source.path ?? source.name);
  }
  if (template !== 'legacy' && headings.length < 3 && tablesFound === 0) {
    // A titled document whose parts ogi cannot find: a reading failure of ogi's, not six missing parts.
    const file = source.path ?? source.name;
    const found = [
      '报告标题',
      metadata.year ? `年度（${metadata.year.value}年）` : null,
      headings.length ? `${headings.length}个部分的标题（${headings.map((h) => h.text).join('、')}）` : null,
    ].filter(Boolean).join('、');
    throw new InputError('no-structure', `${file}：未能识别报告结构：找到了${found}，但没有找到六个部分的标题和任何一张统计表；可能是图片、扫描件或 ogi 尚不能读取的版式，不作核查`, file);
  }

  // Section text: the narrative between headings, without table cells, title or signature.
  const tableLine = new Uint8Array(lines.length);
  for (const s of spans) tableLine.fill(1, stream[s.first]!.line, stream[s.last]!.line + 1);
  const inTable = (l: number) => tableLine[l] === 1;
  const endOfText = metadata.endOfText;
  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, null])) as Record<SectionKey, string | null>;
  const sectionMaps: Partial<Record<SectionKey | 'preamble', TextMap>> = {};
  headings.forEach((h, n) => {
    const next = headings[n + 1]?.line ?? endOfText;
    const joined = joinLines(lines, h.line + 1, Math.min(next, Math.max(endOfText, h.line + 1)), inTable);
    sections[h.key] = joined.text;
    sectionMaps[h.key] = joined.map;
    rec.provenance[`sections.${h.key}`] = { start: h.start, end: lines[Math.max(h.line, Math.min(next, endOfText) - 1)]!.end, line: h.line + 1, text: h.text };
  });
  const preambleJoined = joinLines(lines, metadata.lastTitleLine + 1, Math.min(firstHeadingLine, endOfText), (l) => inTable(l) || metadata.pageLine(l));
  const preambleText = preambleJoined.text;
  sectionMaps.preamble = preambleJoined.map;

  const { agency } = metadata;
  recordMetadata(rec, metadata);

  // Lines cut out of a flattened line: provenance names the document's own line.
  const lineOf = flowed ? (offset: number) => lineColumn(lineStarts, offset).line : null;
  if (lineOf) for (const p of [...Object.values(rec.provenance), ...Object.values(rec.labels)]) p.line = lineOf(p.start);

  return {
    agency: agency?.value ?? null,
    year: year?.value ?? null,
    template,
    signedOn: metadata.signedOn?.value ?? null,
    publishedOn: metadata.publishedOn?.value ?? null,
    issuerType: inferIssuerType(agency?.value ?? null),
    sections,
    tables,
    source: {
      name: source.name, format: source.format, ...(source.encoding ? { encoding: source.encoding } : {}), ...(metadata.url ? { url: metadata.url.value } : {}),
    },
    preamble: preambleText === '' ? null : preambleText,
    provenance: rec.provenance,
    notes: rec.notes,
    producedBy: { extractor: EXTRACTOR_VERSION },
    structure: {
      headings: headings.map((h) => ({ ...h, line: lineOf ? lineOf(h.start) : h.line + 1 })),
      markers,
      legacyMarkers,
      labels: rec.labels,
      sectionMaps,
      lineStarts,
    },
  };
}
