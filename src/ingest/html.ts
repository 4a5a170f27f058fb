import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { SECTIONS } from '../schema/sections.ts';
import type { Block, TextPiece } from './blocks.ts';
import { readPageHints, type PageHints } from './html-meta.ts';
import { checkMarkup } from './html-scan.ts';
import { ReadBudget } from './limits.ts';
import { collapseSpans, type GridSlot } from './table-grid.ts';

/**
 * A web page as saved from a government site → paragraphs and tables.
 * Navigation, breadcrumbs, share buttons and footers are dropped; the report is
 * the element that holds the most of its tables and section headings.
 */

const DROP = 'script, style, noscript, template, iframe, object, embed, nav, header, footer, aside, form, button, select, input, textarea, svg, canvas, link, meta, head';
const NOISE = /(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|share|bdshare|social|footer|foot|header|head|sidebar|side|banner|toolbar|copyright|topbar|related|pager|print|location|position|guide|search|login)([-_\s]|$)/i;
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'ul', 'center', 'caption', 'body', 'html',
]);
const HEADINGS = SECTIONS.map((s) => s.heading);

export interface HtmlRead {
  blocks: Block[];
  /** What the page says about the report outside its text: publication date, title, issuer, address. */
  hints: PageHints;
}

/** The charset a page declares (BOM or <meta>), as a TextDecoder label. */
export function htmlCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase();
  if (!label) return 'utf-8';
  if (['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936'].includes(label)) return 'gb18030';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'utf-8';
  }
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

const pathMemo = new WeakMap<Element, string>();
/** Each element's place among its parent's children of the same name: 1-based, and whether it has such siblings. */
const nthMemo = new WeakMap<Element, { nth: number; alone: boolean }>();

function nthOfType(parent: Element, el: Element): { nth: number; alone: boolean } {
  if (!nthMemo.has(el)) {
    const byName = new Map<string, Element[]>();
    for (const c of parent.children) {
      if (!isElement(c)) continue;
      const same = byName.get(c.name);
      if (same) same.push(c);
      else byName.set(c.name, [c]);
    }
    for (const same of byName.values()) same.forEach((c, i) => nthMemo.set(c, { nth: i + 1, alone: same.length === 1 }));
  }
  return nthMemo.get(el) ?? { nth: 1, alone: true };
}

/** A CSS selector that finds the element again (document.querySelector). */
function cssPath(el: Element): string {
  const known = pathMemo.get(el);
  if (known !== undefined) return known;
  const path = computeCssPath(el);
  pathMemo.set(el, path);
  return path;
}

/** The parent's selector (memoised) and this element's step: linear in the page, however deep. */
function computeCssPath(el: Element): string {
  if (el.type !== 'tag' || el.name === 'html') return '';
  const parent: Element | null = el.parent && isElement(el.parent as AnyNode) ? (el.parent as Element) : null;
  if (!parent) return el.name;
  const { nth, alone } = nthOfType(parent, el);
  const step = alone ? el.name : `${el.name}:nth-of-type(${nth})`;
  const above = cssPath(parent);
  return above ? `${above} > ${step}` : step;
}

/**
 * Chooses the element that holds the report: the one with the most data tables
 * and section headings inside it, and of those the one with the least text.
 * One pass up from each table and text node, so a large page stays cheap.
 */
function findArticle($: CheerioAPI, budget: ReadBudget): Element {
  const body = ($('body')[0] ?? $.root().children()[0]) as Element;
  const score = new Map<Element, number>();
  const length = new Map<Element, number>();
  const up = (node: AnyNode, fn: (el: Element) => void) => {
    for (let p = node.parent as AnyNode | null; p && isElement(p); p = p.parent as AnyNode | null) fn(p);
  };
  $('table').each((_, t) => {
    const table = t as Element;
    if ($(table).find('table').length === 0 && $(table).find('tr').length >= 2) {
      up(table, (el) => score.set(el, (score.get(el) ?? 0) + 5));
      score.set(table, (score.get(table) ?? 0) + 5);
    }
  });
  const walkText = (node: AnyNode): void => {
    budget.check();
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      const headings = HEADINGS.filter((h) => data.includes(h)).length;
      up(node, (el) => {
        length.set(el, (length.get(el) ?? 0) + data.length);
        if (headings) score.set(el, (score.get(el) ?? 0) + headings);
      });
      return;
    }
    for (const child of (node as Element).children ?? []) walkText(child);
  };
  walkText(body);
  let best = body;
  let bestScore = -1;
  let bestLength = Infinity;
  $('body, body div, body article, body section, body main, body td').each((_, el) => {
    const e = el as Element;
    const s = score.get(e) ?? 0;
    const len = length.get(e) ?? 0;
    if (s > bestScore || (s === bestScore && s > 0 && len < bestLength)) {
      best = e;
      bestScore = s;
      bestLength = len;
    }
  });
  return best;
}

/** The table's grid, merged cells resolved; columns that only spans cover are dropped (`collapseSpans`). */
function tableGrid($: CheerioAPI, table: Element, budget: ReadBudget, cells: { count: number }): TextPiece[][] {
  const rows = $(table).find('tr').toArray().filter((tr) => $(tr).closest('table')[0] === table) as Element[];
  budget.cap('tableRows', rows.length, '网页表格的行数');
  const grid: (GridSlot | undefined)[][] = [];
  rows.forEach((tr, r) => {
    budget.check();
    grid[r] ??= [];
    let c = 0;
    for (const cell of tr.children.filter((n): n is Element => isElement(n) && (n.name === 'td' || n.name === 'th'))) {
      while (grid[r]![c]) c++;
      const colspan = Math.min(Math.max(Number.parseInt($(cell).attr('colspan') ?? '1', 10) || 1, 1), budget.limits.columnSpan);
      const rowspan = Math.min(Math.max(Number.parseInt($(cell).attr('rowspan') ?? '1', 10) || 1, 1), budget.limits.rowSpan);
      cells.count += colspan * rowspan;
      budget.cap('tableCells', cells.count, '表格单元格数量');
      const loc = { path: cssPath(cell) };
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          grid[r + dr] ??= [];
          const start = dr === 0 && dc === 0;
          grid[r + dr]![c + dc] = { piece: { text: start ? cellContent($, cell) : '', loc }, cell, start };
        }
      }
      c += colspan;
    }
  });
  return collapseSpans(Array.from({ length: rows.length }, (_, r) => grid[r] ?? []));
}

/** Text of a table cell: line breaks and paragraphs inside a cell join its text (labels broken by <br>). */
function cellContent($: CheerioAPI, cell: Element): string {
  return $(cell).text().replace(/[\s\u00a0]*\n[\s\u00a0]*/g, '').replace(/[ \t]+/g, ' ').trim();
}

/** Refuses pages nested too deep or with too many elements, before anything walks them. */
function checkTree($: CheerioAPI, budget: ReadBudget): void {
  const stack: [AnyNode, number][] = [[$.root()[0] as AnyNode, 0]];
  let elements = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (isElement(node)) {
      budget.cap('htmlElements', ++elements, '元素数量');
      budget.cap('htmlDepth', depth, '元素嵌套层数');
    }
    for (const c of (node as Element).children ?? []) stack.push([c, depth + 1]);
  }
}

export function readHtml(html: string, budget = new ReadBudget('网页')): HtmlRead {
  checkMarkup(html, budget);
  const $ = load(html);
  checkTree($, budget);
  const hints = readPageHints($, cssPath);
  // Skipped, not removed: removing would shift the nth-of-type selectors of what follows.
  const skip = new Set<AnyNode>($(DROP).toArray());
  $('[class], [id]').each((_, el) => {
    const e = $(el);
    const names = `${e.attr('class') ?? ''} ${e.attr('id') ?? ''}`;
    budget.check();
    if (NOISE.test(names) && e.find('table').length === 0 && e.text().length < 2000) skip.add(el);
  });
  const root = findArticle($, budget);
  const cells = { count: 0 };
  const blocks: Block[] = [];
  let pieces: TextPiece[] = [];
  const flush = () => {
    if (pieces.some((p) => p.text.trim() !== '')) blocks.push({ kind: 'paragraph', pieces: trimPieces(pieces) });
    pieces = [];
  };
  const walk = (node: AnyNode): void => {
    budget.check();
    if (node.type === 'text') {
      const text = (node as unknown as { data: string }).data.replace(/\s+/g, ' ');
      if (text !== '') pieces.push({ text, loc: { path: node.parent && isElement(node.parent as AnyNode) ? cssPath(node.parent as Element) : '' } });
      return;
    }
    if (!isElement(node) || skip.has(node)) return;
    const name = node.name;
    if (name === 'br') {
      flush();
      return;
    }
    if (name === 'table') {
      flush();
      if ($(node).find('table').length > 0) {
        // A layout table: its cells hold blocks, not data.
        $(node).find('td, th').filter((_, td) => $(td).closest('table')[0] === node && !skip.has(td)).each((__, td) => {
          for (const child of (td as Element).children) walk(child);
          flush();
        });
        return;
      }
      const rows = tableGrid($, node, budget, cells);
      if (rows.length) blocks.push({ kind: 'table', rows });
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return { blocks, hints };
}

function trimPieces(pieces: TextPiece[]): TextPiece[] {
  const out = pieces.map((p) => ({ ...p }));
  while (out.length && out[0]!.text.trim() === '') out.shift();
  while (out.length && out[out.length - 1]!.text.trim() === '') out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.replace(/^\s+/, '');
    out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/\s+$/, '');
  }
  return out;
}
