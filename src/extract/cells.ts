import { fold, labelKey } from '../schema/normalize.ts';
import { parseCellText, type CellValue } from './values.ts';
import { blankMarkup, mayHaveMarkup, SHORT_TEXT } from './markup.ts';

export interface Line {
  /** 0-based index. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** `fold(text)`: same length, full-width forms and odd spaces made plain. */
  folded: string;
  /** A line cut out of a flattened one (see stream.ts): offsets in `text` at which its cells break. */
  cells?: number[];
  /** The cells are those of a printed grid row: a blank one is a blank cell. */
  grid?: boolean;
}

export function splitLines(text: string): Line[] {
  const folded = fold(text);
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ index: index++, start, end, text: text.slice(start, end), folded: folded.slice(start, end) });
    start = nl + 1;
  }
  return lines;
}

/**
 * One table cell as printed. `label` cells carry `key` (see `labelKey`);
 * `value` cells carry the parsed value; `text` cells are narrative lines
 * inside the document, which end any run of table cells.
 */
export interface Cell {
  kind: 'label' | 'value' | 'text';
  text: string;
  start: number;
  end: number;
  /** 0-based line index of the cell's first character. */
  line: number;
  /** Cells of one printed table row share a row number. */
  row: number;
  key: string;
  value: CellValue | null;
  /** A value printed glued to the label before it ("规章23545"): its own end is not known. */
  glued?: boolean;
  /** The cell was printed between explicit separators (tabs, pipes, a grid row): a blank cell keeps its place. */
  separated?: boolean;
}

const NARRATIVE = /[。；]/;
const NON_BLANK = /\S/;
const RAISED = /^([+\-]?\d[\d.,]*)\^([+\-]?\d[\d.,]*)$/;
const LABEL_THEN_DIGITS = /^(.*[^\d\s.,+\-])([+\-]?\d[\d.,]*(?:万元|亿元|元|万)?)$/;

const isSpace = (code: number) => code === 32 || code === 9 || code === 13 || code === 10 || code === 0xa0 || code === 0x3000 || code === 0xfeff || (code >= 0x2000 && code <= 0x200b);

// Every cell has the same fields, so that the readers' property accesses stay monomorphic.
function makeCell(text: string, start: number, line: number, row: number, separated = false): Cell {
  // Trim while keeping offsets.
  let s = 0;
  let e = text.length;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  const trimmed = text.slice(s, e);
  const value = parseCellText(trimmed);
  return {
    kind: value ? 'value' : 'label',
    text: trimmed,
    start: start + s,
    end: start + e,
    line,
    row,
    key: value ? '' : labelKey(trimmed),
    value,
    glued: false,
    separated,
  };
}

/** Splits a segment of a line on a separator character, keeping offsets. */
function segments(text: string, start: number, sep: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(sep, from);
    const to = at < 0 ? text.length : at;
    out.push({ text: text.slice(from, to), start: start + from });
    if (at < 0) return out;
    from = at + 1;
  }
}

/**
 * Cells of a line of plain text ("<label> 0 0 0", "<label>640020470"):
 * whitespace separates cells, adjacent words that are not values form one label,
 * and digits glued to the end of a label are split off.
 */
function plainCells(line: Line, row: number): Cell[] {
  const words: { text: string; start: number; glued?: boolean }[] = [];
  const re = /\S+/g;
  const folded = line.folded;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const raw = line.text.slice(m.index, m.index + m[0].length);
    const raised = RAISED.exec(m[0]);
    if (raised && parseCellText(raised[1]!)?.kind === 'number' && parseCellText(raised[2]!)?.kind === 'number') {
      // A PDF→Markdown converter marks a cell printed a little higher than its neighbour with "^": two cells.
      words.push({ text: raw.slice(0, raised[1]!.length), start: line.start + m.index });
      words.push({ text: raw.slice(raised[1]!.length + 1), start: line.start + m.index + raised[1]!.length + 1 });
      continue;
    }
    const glued = LABEL_THEN_DIGITS.exec(m[0]);
    if (glued && /[\u4e00-\u9fff)]/.test(glued[1]!) && parseCellText(glued[2]!)) {
      words.push({ text: raw.slice(0, glued[1]!.length), start: line.start + m.index });
      words.push({ text: raw.slice(glued[1]!.length), start: line.start + m.index + glued[1]!.length, glued: true });
    } else {
      words.push({ text: raw, start: line.start + m.index });
    }
  }
  const cells: Cell[] = [];
  const joined = new Set<Cell>(); // keyed once at the end: keying at every word is quadratic in a long line
  for (const w of words) {
    const cell = makeCell(w.text, w.start, line.index, row);
    if (w.glued && cell.kind === 'value') cell.glued = true;
    const prev = cells[cells.length - 1];
    if (cell.kind === 'label' && prev?.kind === 'label') {
      prev.end = cell.end;
      joined.add(prev);
    } else {
      cells.push(cell);
    }
  }
  for (const cell of joined) {
    cell.text = line.text.slice(cell.start - line.start, cell.end - line.start);
    cell.key = labelKey(cell.text);
  }
  return cells;
}

/** Rows a converter printed on one line ("<label> 0 0 0 0 0 0 0 <label> 0 …"): most of its words are values. */
const ROW_RUN_VALUES = 7;

function isRowRun(line: Line, text: string, folded: string): boolean {
  if (text.includes('|')) return false;
  const cells = plainCells({ ...line, text, folded }, 0);
  const values = cells.filter((c) => c.kind === 'value' && c.value?.kind === 'number').length;
  return values >= ROW_RUN_VALUES && values >= cells.length * 0.75 && cells.every((c) => c.kind !== 'label' || c.text.replace(/\s+/g, ' ').length <= 60);
}

function isPaddedPipeRow(folded: string): boolean {
  const pipeRow = folded.trimStart().startsWith('|') && folded.trimEnd().endsWith('|');
  return pipeRow && folded.replace(/\s+/g, ' ').length <= 160 + folded.split('|').length * 2;
}

/** `text.indexOf('\t', from)`, by hand for a short rest of the text. */
function indexOfTab(text: string, from: number): number {
  if (text.length - from > SHORT_TEXT) return text.indexOf('\t', from);
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) === 9) return i;
  return -1;
}

/** The column of a cell's centre in its line (pdftotext -layout gives every character one column, CJK or digit). */
export const centreOf = (cell: Cell, lines: readonly Line[]): number => cell.start - lines[cell.line]!.start + (cell.text.length - 1) / 2;

/** A table's ruled line in plain text ("------ ------", "+----+----+", "====="): no cell, no row. */
const RULE_LINE = /^\s*[-=+]{3,}[-=+\s]*$/;

function isSeparatorRow(text: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(text);
}

/**
 * Turns the document into a stream of cells. Handles the layouts real reports
 * use: one cell per line (tab-indented, rows separated by blank lines),
 * tab-separated rows, pipe and Markdown rows, and plain text rows.
 */
export function tokenize(lines: readonly Line[]): Cell[] {
  const cells: Cell[] = [];
  let row = 0;
  let inBlock = false; // inside a run of one-cell-per-line cells
  for (const line of lines) {
    const hasMarkup = mayHaveMarkup(line.text);
    const text = hasMarkup ? blankMarkup(line.text) : line.text;
    const folded = hasMarkup ? fold(text) : line.folded;
    const firstTab = indexOfTab(text, 0);
    let tabs = 0;
    for (let at = firstTab; at >= 0; at = indexOfTab(text, at + 1)) tabs++;
    if (tabs === 0 && (!NON_BLANK.test(folded) || RULE_LINE.test(folded))) {
      if (inBlock) row++;
      inBlock = false;
      continue;
    }
    if (tabs === 1 && (firstTab === 0 || !NON_BLANK.test(text.slice(0, firstTab)))) {
      // One cell per line: the cell joins the current block.
      if (!inBlock) row++;
      inBlock = true;
      cells.push(makeCell(text.slice(firstTab + 1), line.start + firstTab + 1, line.index, row));
      continue;
    }
    if (inBlock && tabs === 0 && !NARRATIVE.test(folded)) {
      // A label broken across lines ("本年新" / "公开数量") continues the previous cell.
      const prev = cells[cells.length - 1]!;
      const cont = makeCell(text, line.start, line.index, row);
      if (prev.kind === 'label' && cont.kind === 'label' && prev.row === row) {
        prev.text = `${prev.text}${cont.text}`;
        prev.end = cont.end;
        prev.key = labelKey(prev.text);
        continue;
      }
    }
    inBlock = false;
    row++;
    if (line.grid || (line.cells?.length && !NARRATIVE.test(folded))) {
      const breaks = [0, ...(line.cells ?? []), text.length];
      for (let n = 0; n + 1 < breaks.length; n++) {
        const [a, b] = [breaks[n]!, breaks[n + 1]!];
        if (b <= a) continue;
        if (line.grid) {
          cells.push(makeCell(NON_BLANK.test(text.slice(a, b)) ? blankMarkup(text.slice(a, b)) : '', line.start + a, line.index, row, true));
          continue;
        }
        const piece = plainCells({ ...line, start: line.start + a, end: line.start + b, text: text.slice(a, b), folded: folded.slice(a, b) }, row);
        // A value that follows a label with no space between was glued to it.
        if (a > 0 && piece[0]?.kind === 'value' && piece[0].start === line.start + a && !isSpace(text.charCodeAt(a - 1))) piece[0].glued = true;
        cells.push(...piece);
      }
      continue;
    }
    // Converters pad table rows with spaces (pandoc): length tells a paragraph only outside a table row.
    const long = folded.length > 160 && tabs === 0 && !isPaddedPipeRow(folded);
    if (NARRATIVE.test(folded) || (long && !isRowRun(line, text, folded))) {
      cells.push({ kind: 'text', text: line.text, start: line.start, end: line.end, line: line.index, row, key: '', value: null, glued: false, separated: false });
      continue;
    }
    if (tabs > 0) {
      for (const seg of segments(text, line.start, '\t')) cells.push(makeCell(seg.text, seg.start, line.index, row, true));
      continue;
    }
    if (folded.includes('|') && (folded.trim().startsWith('|') || folded.split('|').length > 2)) {
      if (isSeparatorRow(folded)) continue;
      const segs = segments(text, line.start, '|');
      const trimmedStart = folded.trimStart().startsWith('|') ? 1 : 0;
      const trimmedEnd = folded.trimEnd().endsWith('|') ? segs.length - 1 : segs.length;
      for (const seg of segs.slice(trimmedStart, trimmedEnd)) cells.push(makeCell(seg.text, seg.start, line.index, row, true));
      continue;
    }
    cells.push(...plainCells({ ...line, text, folded }, row));
  }
  return cells;
}
