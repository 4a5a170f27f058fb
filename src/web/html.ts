/**
 * HTML building for the pages. Everything interpolated into `html\`…\`` is
 * escaped unless it is already `Html` (made by `html` or `raw`): report
 * content is untrusted input, so escaping is the default and `raw` is reserved
 * for markup this module family builds itself (echarts SVG, JSON for scripts).
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Text for HTML content and attribute values (double- or single-quoted). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Markup that is known to be safe (built here, or escaped by its producer). */
export const raw = (s: string): Html => new Html(s);

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function part(v: Part): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  return escapeHtml(String(v));
}

/** Tagged template: interpolations are escaped; arrays are joined; null, undefined and booleans print nothing. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Joins parts with a separator (escaping the parts that are not Html). */
export function join(parts: readonly Part[], sep: Html | string = ''): Html {
  return new Html(parts.map(part).join(part(sep)));
}

/**
 * JSON inside `<script type="application/json">`: `<`, `>`, `&` and the line
 * separators are written as \u escapes, so no text can close the element.
 */
export function jsonScript(id: string, data: unknown): Html {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`);
}

/** A query string from the non-empty values, `?a=1&b=2` (or ''). */
export function query(params: Record<string, string | number | null | undefined | false>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== false && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
