import type { ReadBudget } from './limits.ts';

/**
 * A linear pass over the markup (HTML, and the XML parts of Word files), before the parser sees it: the parser's tree building costs
 * time in proportion to the depth of open elements for every element, so 100 000 nested (or never
 * closed) <div>s take minutes. The pass follows open and close tags the way the parser nests them,
 * closely enough to refuse such pages: void elements and raw text (script, style, comments) add no
 * depth, and an element that closes its own kind implicitly (p, li, td, tr…) does not nest in it.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame', 'basefont', 'bgsound', 'image']);
/** Elements that an open tag of their own kind closes (a new <td> closes the open <td> or <th>, a <tr> the row). */
const CLOSES: Record<string, readonly string[]> = {
  p: ['p'], li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], td: ['td', 'th'], th: ['td', 'th'], tr: ['tr'],
  thead: ['thead', 'tbody', 'tfoot'], tbody: ['thead', 'tbody', 'tfoot'], tfoot: ['thead', 'tbody', 'tfoot'],
  option: ['option'], optgroup: ['optgroup'], rb: ['rb', 'rt', 'rp'], rt: ['rb', 'rt', 'rp'], rp: ['rb', 'rt', 'rp'],
};
/** How far down the open elements an implicitly closed one is looked for (a <tr> closes its <td>, then itself). */
const IMPLIED_SEARCH = 4;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** A close tag is matched against this many open elements at most, so the pass stays linear. */
const CLOSE_SEARCH = 64;

const TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*>|<!--/g;

const FOREIGN = new Set(['svg', 'math']);

/** `capElements` false for Word parts: their size cap bounds them, and a long document has many small elements. */
export function checkMarkup(html: string, budget: ReadBudget, capElements = true): void {
  const stack: string[] = [];
  let foreign = 0; // open svg and math elements: inside them "<x/>" closes itself
  let elements = 0;
  const closeTo = (length: number) => {
    for (let i = length; i < stack.length; i++) if (FOREIGN.has(stack[i]!)) foreign--;
    stack.length = length;
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', TAG.lastIndex);
      if (end < 0) return;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      for (let i = stack.length - 1; i >= Math.max(0, stack.length - CLOSE_SEARCH); i--) {
        if (stack[i] === name) {
          closeTo(i);
          break;
        }
      }
      continue;
    }
    if (capElements) budget.cap('htmlElements', ++elements, '元素数量');
    else elements++;
    if ((elements & 0xfff) === 0) budget.check();
    if (VOID.has(name) || (foreign > 0 && m[0].endsWith('/>'))) continue;
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'ig');
      close.lastIndex = TAG.lastIndex;
      const end = close.exec(html);
      if (!end) return;
      TAG.lastIndex = end.index;
      continue;
    }
    const closes = CLOSES[name];
    if (closes) {
      for (let i = stack.length - 1; i >= Math.max(0, stack.length - IMPLIED_SEARCH); i--) {
        if (closes.includes(stack[i]!)) {
          closeTo(i);
          break;
        }
      }
    }
    stack.push(name);
    if (FOREIGN.has(name)) foreign++;
    budget.cap('htmlDepth', stack.length, '元素嵌套层数');
  }
}
