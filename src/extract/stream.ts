import { fold } from '../schema/normalize.ts';
import { SECTIONS } from '../schema/sections.ts';
import { ANCHORS, STREAM_NOISE, type Anchor } from './anchors.ts';
import type { Line } from './cells.ts';

/**
 * Reads a document whose line breaks were lost — a crawler's page text with the whole
 * report on one line, table cells glued together — by finding the statutory labels as
 * anchors in the character stream and cutting the line into the lines and cells it
 * printed. Offsets stay those of the document; nothing is inserted.
 */

/** Lines shorter than this are read as printed. */
const LONG_LINE = 200;
/** Characters `fold` changes that the test below depends on (radicals, full-width forms). */
const FOLDS = /[\u2e80-\u2fdf\uff01-\uff5e\u3000]/;
/** A cheap test before the anchors are searched: a flattened report prints a table 二 caption or numbered headings. */
const FLATTENED = /第\s*二\s*十\s*条|[一二三四五六]\s*[、.．]\s*\S{2,12}情况.*[一二三四五六]\s*[、.．]\s*\S{2,12}情况/;
const PLACEHOLDER = /[\d/\\—\-－无]/;
const TITLE_END = /政府信息公开(?:工作)?年度报告/;
/** "。<organ><date>" after the last part (compact text). */
const SIGNATURE = /。([^。，；:：]{2,40}?)((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)/g;
const PROBLEMS = SECTIONS.findIndex((s) => s.key === 'problems');
const headingIndex = new Map(ANCHORS.filter((a) => a.kind === 'heading').map((a) => [a.body, SECTIONS.findIndex((s) => s.heading === a.body || (s.variants as readonly string[]).includes(a.body))]));

/**
 * Where a title glued after site chrome starts ("…浏览次数：1024某某局2023年…年度报告"): the organ
 * before the year, back to the first character that cannot be part of a name.
 */
function titleStart(c: string, end: number): number {
  const year = /(?:19|20)\d{2}年度?$/.exec(c.slice(0, end));
  if (!year) return -1;
  let at = year.index;
  while (at > 0 && at > year.index - 30 && /[\u4e00-\u9fff（）()]/.test(c[at - 1]!) && !/(?:年度报告|首页|正文|内容|栏目)$/.test(c.slice(0, at))) at--;
  return at;
}

interface Occurrence {
  /** Compact offsets: [start, end), the numbering included. */
  start: number;
  end: number;
  anchor: Anchor;
  numbered: boolean;
}

/** The line without white space and quotes, with the offset in the line of each kept character. */
function compactLine(text: string): { c: string; pos: number[] } {
  const folded = fold(text);
  // Kept in an array: reading the last character of a string built by += flattens it each time (quadratic on a long line).
  const kept: string[] = [];
  const pos: number[] = [];
  let last = '';
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    if (STREAM_NOISE.test(ch)) continue;
    last = ch === '、' || ch === '．' ? (/\d/.test(last) ? '.' : ch) : ch;
    kept.push(last);
    pos.push(i);
  }
  return { c: kept.join(''), pos };
}

function numberedAt(c: string, at: number, numeral: string): number {
  if (c.endsWith(numeral, at)) return at - numeral.length;
  // "一、" printed "一." and "2." printed "2、" (the latter already made "." by compactLine).
  if (numeral.endsWith('、') && c.endsWith(`${numeral.slice(0, -1)}.`, at)) return at - numeral.length;
  return -1;
}

function occurrences(c: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const anchor of ANCHORS) {
    for (let at = c.indexOf(anchor.body); at >= 0; at = c.indexOf(anchor.body, at + 1)) {
      const numStart = anchor.numeral ? numberedAt(c, at, anchor.numeral) : -1;
      if (anchor.kind === 'heading' && numStart < 0) continue;
      found.push({ start: numStart >= 0 ? numStart : at, end: at + anchor.body.length, anchor, numbered: numStart >= 0 });
    }
  }
  // Longest first where they overlap (a short label inside a longer one).
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || Number(b.numbered) - Number(a.numbered));
  const kept: Occurrence[] = [];
  for (const o of found) if (!kept.length || o.start >= kept[kept.length - 1]!.end) kept.push(o);
  return kept;
}

/** A label printed as a table cell sits next to a value or another label; one in a sentence does not. */
function inTableContext(c: string, all: readonly Occurrence[], i: number): boolean {
  const o = all[i]!;
  if (o.numbered) return true;
  const after = c[o.end];
  const before = c[o.start - 1];
  return (after !== undefined && PLACEHOLDER.test(after)) || all[i + 1]?.start === o.end ||
    (before !== undefined && /\d/.test(before)) || all[i - 1]?.end === o.start;
}

export interface Cut {
  /** Offsets in the line text. */
  start: number;
  end: number;
  /** Offsets in the line text at which cells break. */
  cells: number[];
}

/**
 * The printed lines of one flattened line (`folded` is `fold(text)`), or null when it does not hold a report's
 * headings and tables (a long paragraph is read as it is).
 */
export function cutLine(text: string, folded: string): Cut[] | null {
  if (text.length < LONG_LINE || !FLATTENED.test(FOLDS.test(text) ? folded : text)) return null;
  const { c, pos } = compactLine(text);
  const all = occurrences(c);
  // The tables lie between the first item caption of table 二 and heading 五; without one, only headings are cut.
  const firstCaption = all.findIndex((o) => o.anchor.kind === 'caption');
  const zoneStart = firstCaption >= 0 ? all[firstCaption]!.start : c.length;
  const problems = all.find((o) => o.anchor.kind === 'heading' && o.start > zoneStart && (headingIndex.get(o.anchor.body) ?? -1) >= PROBLEMS);
  const zoneEnd = problems?.start ?? c.length;
  const accepted = all.filter((o, i) =>
    o.anchor.kind === 'heading' || (o.start >= zoneStart && o.start < zoneEnd && inTableContext(c, all, i)));
  const headings = accepted.filter((o) => o.anchor.kind === 'heading').length;
  if (accepted.length - headings < 3 && headings < 3) return null;

  // Line breaks (compact offsets) and cell breaks.
  const breaks = new Set<number>([0]);
  const cellBreaks = new Set<number>();
  const firstHeading = accepted.find((o) => o.anchor.kind === 'heading');
  const title = TITLE_END.exec(c.slice(0, firstHeading?.start ?? zoneStart));
  if (title) {
    breaks.add(title.index + title[0].length);
    const start = titleStart(c, title.index);
    if (start > 0) breaks.add(start);
  }
  accepted.forEach((o, i) => {
    const prev = accepted[i - 1];
    const adjacent = prev?.end === o.start;
    const kind = o.anchor.kind;
    const joinsRow = adjacent && ((kind === 'row' && prev.anchor.kind === 'row') || (kind === 'column' && prev.anchor.kind === 'column'));
    if (!joinsRow) breaks.add(o.start);
    cellBreaks.add(o.start);
    cellBreaks.add(o.end);
    if (kind === 'heading' || kind === 'caption') breaks.add(o.end);
    // A header row is followed by the values of the row below it (table 四).
    if (kind === 'column' && accepted[i + 1]?.start !== o.end && /\d/.test(c[o.end] ?? '')) breaks.add(o.end);
  });
  breaks.add(zoneEnd);
  // The signature after the last part: the organ and the date on lines of their own.
  const lastHeading = accepted.filter((o) => o.anchor.kind === 'heading').pop();
  let signature: RegExpExecArray | null = null;
  for (const m of c.slice(lastHeading?.end ?? zoneEnd).matchAll(SIGNATURE)) signature = m;
  if (signature) {
    const at = (lastHeading?.end ?? zoneEnd) + signature.index!;
    breaks.add(at + 1);
    breaks.add(at + 1 + signature[1]!.length);
    breaks.add(at + signature[0].length);
  }

  const at = (ci: number) => (ci >= pos.length ? text.length : pos[ci]!);
  const sorted = [...breaks].filter((b) => b < c.length).sort((a, b) => a - b);
  const cellsSorted = [...cellBreaks].sort((a, b) => a - b);
  const cuts: Cut[] = [];
  let k = 0;
  sorted.forEach((b, n) => {
    const next = sorted[n + 1] ?? c.length;
    let start = at(b);
    let end = next >= c.length ? text.length : at(next);
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start >= end) return;
    // The cell breaks inside (b, next), walked once for the whole line.
    while (k < cellsSorted.length && cellsSorted[k]! <= b) k++;
    const cells: number[] = [];
    for (let j = k; j < cellsSorted.length && cellsSorted[j]! < next; j++) cells.push(at(cellsSorted[j]!));
    cuts.push({ start, end, cells });
  });
  return cuts;
}

const GRID_ROW = /<tr\b[^>]*>([\s\S]*?)<\/tr\s*>/gi;
const GRID_CELL = /<t[dh]\b/gi;

/**
 * Table rows a converter left as HTML inside Markdown (pandoc's commonmark writes
 * "<tr>", "<td>…</td>" one tag per line): each row becomes one line whose cells break
 * at its "<td>"s, a blank "<td></td>" a blank cell.
 */
function gridRows(text: string): { start: number; end: number; cells: number[] }[] {
  if (!text.includes('<t')) return [];
  const rows: { start: number; end: number; cells: number[] }[] = [];
  for (const m of text.matchAll(GRID_ROW)) {
    const inner = m.index! + m[0].indexOf('>') + 1;
    const body = m[1]!;
    const starts = [...body.matchAll(GRID_CELL)].map((c) => inner + c.index!);
    if (!starts.length) continue;
    const end = m.index! + m[0].length;
    rows.push({ start: starts[0]!, end, cells: starts.slice(1).map((s) => s - starts[0]!) });
  }
  return rows;
}

/**
 * The document's lines with every flattened line replaced by the lines it printed,
 * and HTML table rows as one line each.
 */
export function flowLines(lines: readonly Line[], text: string): { lines: Line[]; flowed: boolean } {
  const rows = gridRows(text);
  const cutsOf = new Map<number, Cut[]>();
  for (const line of lines) {
    if (line.text.length < LONG_LINE) continue;
    const cuts = cutLine(line.text, line.folded);
    if (cuts) cutsOf.set(line.index, cuts);
  }
  if (!rows.length && !cutsOf.size) return { lines: lines as Line[], flowed: false };
  const out: Line[] = [];
  let flowed = rows.length > 0;
  let r = 0;
  for (const line of lines) {
    while (r < rows.length && rows[r]!.end <= line.start) r++;
    const row = rows[r];
    if (row && row.start < line.end && line.start < row.end) {
      // The first line the row touches gives it; the others are inside it.
      if (line.start <= row.start) {
        out.push({ index: out.length, start: row.start, end: row.end, text: text.slice(row.start, row.end), folded: fold(text.slice(row.start, row.end)), cells: row.cells, grid: true });
      }
      continue;
    }
    const cuts = cutsOf.get(line.index);
    if (!cuts) {
      out.push({ ...line, index: out.length });
      continue;
    }
    flowed = true;
    for (const cut of cuts) {
      out.push({
        index: out.length,
        start: line.start + cut.start,
        end: line.start + cut.end,
        text: line.text.slice(cut.start, cut.end),
        folded: line.folded.slice(cut.start, cut.end),
        cells: cut.cells.map((x) => x - cut.start),
      });
    }
  }
  return { lines: out, flowed };
}
