import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { InputError } from '../errors.ts';
import type { Block, TextPiece } from './blocks.ts';
import { checkMarkup } from './html-scan.ts';
import { LIMITS, ReadBudget } from './limits.ts';
import { collapseSpans, type GridSlot } from './table-grid.ts';
import { openZip, readZipText } from './zip-parts.ts';

/**
 * A .docx → paragraphs and tables. Tables keep their merged cells (gridSpan,
 * vMerge) resolved to the grid; automatic numbering ("一、" that lives in
 * numbering.xml, not in the text) is rebuilt so that headings read as printed.
 */

interface Level {
  start: number;
  format: string;
  text: string;
}

type Numbering = Map<string, Map<number, Level>>; // numId → level → definition

const attr = (el: Element | undefined, name: string): string | undefined => el?.attribs[name];
const children = (el: AnyNode, name?: string): Element[] =>
  ((el as Element).children ?? []).filter((c): c is Element => c.type === 'tag' && (!name || c.name === name));
const child = (el: AnyNode, name: string): Element | undefined => children(el, name)[0];

/** A numbering level (0–8), whatever the file says. */
const listLevel = (value: string | undefined): number => Math.min(Math.max(Math.trunc(Number(value ?? 0)) || 0, 0), LIMITS.listLevel);
/** A list start value, clamped so that counting and formatting stay cheap. */
const listStart = (value: string | undefined): number => {
  const n = Math.trunc(Number(value ?? 1));
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), LIMITS.listStart) : 1;
};
/** A count of grid columns (gridSpan, gridBefore), at least `min`, at most the cap. */
const columns = (value: string | undefined, min: number): number => Math.min(Math.max(Math.trunc(Number(value ?? min)) || min, min), LIMITS.columnSpan);

function readNumbering($: CheerioAPI | null): Numbering {
  const map: Numbering = new Map();
  if (!$) return map;
  const abstract = new Map<string, Map<number, Level>>();
  $('w\\:abstractNum').each((_, el) => {
    const levels = new Map<number, Level>();
    for (const lvl of children(el as Element, 'w:lvl')) {
      levels.set(listLevel(attr(lvl, 'w:ilvl')), {
        start: listStart(attr(child(lvl, 'w:start'), 'w:val')),
        format: attr(child(lvl, 'w:numFmt'), 'w:val') ?? 'decimal',
        text: attr(child(lvl, 'w:lvlText'), 'w:val') ?? '',
      });
    }
    abstract.set(attr(el as Element, 'w:abstractNumId') ?? '', levels);
  });
  $('w\\:num').each((_, el) => {
    const id = attr(el as Element, 'w:numId') ?? '';
    const base = abstract.get(attr(child(el as Element, 'w:abstractNumId'), 'w:val') ?? '');
    if (!base) return;
    const levels = new Map(base);
    for (const o of children(el as Element, 'w:lvlOverride')) {
      const ilvl = listLevel(attr(o, 'w:ilvl'));
      const start = attr(child(o, 'w:startOverride'), 'w:val');
      const lv = levels.get(ilvl);
      if (lv && start !== undefined) levels.set(ilvl, { ...lv, start: listStart(start) });
    }
    map.set(id, levels);
  });
  return map;
}

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (list numbers in Word's Chinese counting). */
export function formatChineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${formatChineseNumber(rest)}` : formatChineseNumber(rest)}`;
  }
  return String(n);
}

function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
    case 'chineseLegalSimplified':
      return formatChineseNumber(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'lowerLetter':
      return String.fromCharCode(96 + ((n - 1) % 26) + 1);
    case 'upperLetter':
      return String.fromCharCode(64 + ((n - 1) % 26) + 1);
    case 'lowerRoman':
    case 'upperRoman': {
      const r = roman(n);
      return format === 'lowerRoman' ? r.toLowerCase() : r;
    }
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

class Counters {
  private readonly counts = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering) {}

  label(numId: string, ilvl: number): string {
    const levels = this.numbering.get(numId);
    const level = levels?.get(ilvl);
    if (!levels || !level || level.format === 'bullet') return '';
    const counts = this.counts.get(numId) ?? [];
    for (let l = 0; l <= ilvl; l++) counts[l] ??= (levels.get(l)?.start ?? 1) - 1;
    counts[ilvl] = counts[ilvl]! + 1;
    counts.length = ilvl + 1;
    this.counts.set(numId, counts);
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatCounter(counts[l] ?? levels.get(l)?.start ?? 1, levels.get(l)?.format ?? 'decimal');
    });
  }
}

/** numPr of a paragraph, from its own properties or from its style (and the styles it is based on). */
function numberingOf(p: Element, styles: Map<string, Element>): { numId: string; ilvl: number } | null {
  const pPr = child(p, 'w:pPr');
  let numPr = pPr ? child(pPr, 'w:numPr') : undefined;
  let styleId = pPr ? attr(child(pPr, 'w:pStyle'), 'w:val') : undefined;
  for (let depth = 0; !numPr && styleId && depth < 10; depth++) {
    const style = styles.get(styleId);
    const spPr = style ? child(style, 'w:pPr') : undefined;
    numPr = spPr ? child(spPr, 'w:numPr') : undefined;
    styleId = style ? attr(child(style, 'w:basedOn'), 'w:val') : undefined;
  }
  if (!numPr) return null;
  const numId = attr(child(numPr, 'w:numId'), 'w:val');
  if (!numId || numId === '0') return null;
  return { numId, ilvl: listLevel(attr(child(numPr, 'w:ilvl'), 'w:val')) };
}

function runText(node: Element): string {
  let out = '';
  for (const c of children(node)) {
    if (c.name === 'w:t') out += (c.children[0] as unknown as { data?: string } | undefined)?.data ?? '';
    else if (c.name === 'w:tab') out += ' ';
    else if (c.name === 'w:br' || c.name === 'w:cr') out += '\n';
    else if (c.name === 'w:noBreakHyphen') out += '-';
    else if (['w:r', 'w:hyperlink', 'w:ins', 'w:smartTag', 'w:fldSimple', 'w:sdt', 'w:sdtContent'].includes(c.name)) out += runText(c);
  }
  return out;
}

/** Word never writes a DTD: one in a part can only be an entity expansion attack. */
function refuseDtd(xml: string, part: string, file: string): string {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new InputError('unsupported', `${file}：Word 文件的 ${part} 含有 DTD 或实体声明（<!DOCTYPE、<!ENTITY），出于安全原因不予读取`, file);
  return xml;
}

export async function readDocx(bytes: Uint8Array, file: string, budget = new ReadBudget(file)): Promise<Block[]> {
  const zip = await openZip(bytes, budget);
  const part = async (name: string) => {
    const text = await readZipText(zip, name, budget);
    if (text === undefined) return undefined;
    checkMarkup(refuseDtd(text, name, file), budget, false);
    return text;
  };
  const documentXml = await part('word/document.xml');
  if (!documentXml) throw new InputError('damaged', `${file}：压缩包中没有 word/document.xml，不是 Word（.docx）文件`, file);
  const xml = (s: string) => load(s, { xml: true });
  const numberingXml = await part('word/numbering.xml');
  const stylesXml = await part('word/styles.xml');
  const counters = new Counters(readNumbering(numberingXml ? xml(numberingXml) : null));
  const styles = new Map<string, Element>();
  if (stylesXml) {
    const $s = xml(stylesXml);
    $s('w\\:style').each((_, el) => {
      const id = attr(el as Element, 'w:styleId');
      if (id) styles.set(id, el as Element);
    });
  }
  const $ = xml(documentXml);
  const body = $('w\\:body')[0] as Element | undefined;
  if (!body) throw new InputError('damaged', `${file}：Word 文件中没有正文`, file);

  const paragraphText = (p: Element): string => {
    const num = numberingOf(p, styles);
    const prefix = num ? counters.label(num.numId, num.ilvl) : '';
    return prefix + runText(p);
  };

  const blocks: Block[] = [];
  const cells = { count: 0 };
  const walk = (parent: Element, path: string): void => {
    const seen = new Map<string, number>();
    for (const el of children(parent)) {
      budget.check();
      const n = (seen.get(el.name) ?? 0) + 1;
      seen.set(el.name, n);
      const here = `${path}/${el.name}[${n}]`;
      if (el.name === 'w:p') {
        const text = paragraphText(el);
        for (const line of text.split('\n')) blocks.push({ kind: 'paragraph', pieces: [{ text: line, loc: { path: here } }] });
      } else if (el.name === 'w:tbl') {
        blocks.push({ kind: 'table', rows: tableGrid(el, here, paragraphText, budget, cells) });
      } else if (el.name === 'w:sdt') {
        const content = child(el, 'w:sdtContent');
        if (content) walk(content, `${here}/w:sdtContent[1]`);
      }
    }
  };
  walk(body, '/w:document/w:body');
  return blocks;
}

/** The table's grid, merged cells (gridSpan, vMerge) resolved; columns that only spans cover are dropped (`collapseSpans`). */
function tableGrid(tbl: Element, path: string, paragraphText: (p: Element) => string, budget: ReadBudget, cells: { count: number }): TextPiece[][] {
  const rows: (GridSlot | undefined)[][] = [];
  const open = new Map<number, GridSlot>(); // column → first cell of a vertical merge
  const trs = children(tbl, 'w:tr');
  budget.cap('tableRows', trs.length, 'Word 表格的行数');
  trs.forEach((tr, r) => {
    budget.check();
    const row: (GridSlot | undefined)[] = [];
    let col = 0;
    const before = child(child(tr, 'w:trPr') ?? tr, 'w:gridBefore');
    col += columns(attr(before, 'w:val'), 0);
    for (let i = 0; i < col; i++) row.push(undefined);
    children(tr, 'w:tc').forEach((tc, c) => {
      const tcPr = child(tc, 'w:tcPr');
      const span = columns(attr(tcPr ? child(tcPr, 'w:gridSpan') : undefined, 'w:val'), 1);
      cells.count += span;
      budget.cap('tableCells', cells.count, '表格单元格数量');
      const vMerge = tcPr ? child(tcPr, 'w:vMerge') : undefined;
      const loc = { path: `${path}/w:tr[${r + 1}]/w:tc[${c + 1}]` };
      const continues = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      const above = continues ? open.get(col) : undefined;
      const text = continues ? '' : children(tc, 'w:p').map(paragraphText).join('').replace(/\n/g, '');
      // A continuation without a first cell above is a cell of its own.
      const slot: GridSlot = { piece: { text, loc: above?.piece.loc ?? loc }, cell: above?.cell ?? tc, start: !above };
      if (vMerge && !continues) open.set(col, slot);
      if (!vMerge) open.delete(col);
      row.push(slot);
      for (let k = 1; k < span; k++) row.push({ piece: { text: '', loc: slot.piece.loc }, cell: slot.cell, start: false });
      col += span;
    });
    rows.push(row);
  });
  return collapseSpans(rows);
}
