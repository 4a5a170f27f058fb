import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { issuerName } from '../schema/issuer.ts';

/**
 * What a web page says about the report outside the report's own text: the publication date,
 * the title, the issuer and the address, from the CMS's <meta> tags (PubDate, ArticleTitle,
 * ContentSource, Url), <title> ("标题_站点名") and the lines printed above the article
 * ("发布时间：2024-01-26 来源：某某局").
 */

/** A value, where on the page it was read (a Chinese note) and, when known, the element (CSS selector). */
export interface Hint {
  value: string;
  /** As printed, when it differs from the value ("2024-01-26 10:00" for 2024-01-26). */
  text?: string;
  note: string;
  path?: string;
}

export interface PageHints {
  title?: Hint;
  /** ISO date. */
  publishedOn?: Hint;
  issuer?: Hint;
  url?: Hint;
}

const DATE = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
// 成文日期 is when the report was signed, not when it was published.
const PUBLISHED = [
  new RegExp(`(?:发布|公开)(?:日期|时间)\\s*[:：]?\\s*${DATE.source}`),
  new RegExp(`(?:^|[^\\u4e00-\\u9fa5])(?:时间|日期)\\s*[:：]\\s*${DATE.source}`),
];
const SOURCE = /(?:^|[^\u4e00-\u9fa5])(发布机构|发布单位|信息来源|文章来源|来源)\s*[:：]\s*([^\s|｜:：]{2,40})/g;
const TITLE_SEPARATOR = /\s*[_|｜]\s*|\s+[-—–]+\s+|\s*——\s*/;
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template']);

/** "2024-01-26 10:00", "2024年1月26日" → "2024-01-26"; null when it is no date. */
export function isoDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface MetaTag {
  content: string;
  /** `name="PubDate"` or `property="og:url"`, as written. */
  attr: string;
}

/** The first <meta> whose name or property is one of `names` (case-insensitive), with its content. */
function metaTag($: CheerioAPI, names: readonly string[]): MetaTag | null {
  for (const el of $('meta').toArray()) {
    const key = $(el).attr('name') !== undefined ? 'name' : 'property';
    const name = $(el).attr(key) ?? '';
    const content = ($(el).attr('content') ?? '').trim();
    if (content && names.includes(name.toLowerCase())) return { content, attr: `${key}="${name}"` };
  }
  return null;
}

const fromMeta = (tag: MetaTag, value = tag.content): Hint => ({
  value, ...(tag.content !== value ? { text: tag.content } : {}), note: `取自页面的 <meta ${tag.attr}>`, path: `meta[${tag.attr}]`,
});

/**
 * The smallest element (in page order) whose text `test` accepts, with what it returned.
 * The lines above an article are short: larger elements are passed over.
 */
function printed<T>($: CheerioAPI, pathOf: (el: Element) => string, test: (text: string) => T | null): { value: T; path: string } | null {
  let best: { el: Element; value: T } | null = null;
  for (const el of $('body *').toArray() as Element[]) {
    if (best && !$.contains(best.el, el)) break;
    if (NOT_TEXT.has(el.name)) continue;
    const raw = $(el).text();
    if (raw.length > 600 || !/[:：]/.test(raw)) continue;
    const text = raw.replace(/\s+/g, ' ');
    if (text.length > 300) continue;
    const value = test(text);
    if (value !== null) best = { el, value };
  }
  return best && { value: best.value, path: pathOf(best.el) };
}

interface Labelled {
  value: string;
  /** As printed, when it differs from the value. */
  text?: string;
  /** The label as printed ("发布时间", "来源"). */
  label: string;
}

function publishedIn(text: string): Labelled | null {
  for (const re of PUBLISHED) {
    const m = re.exec(text);
    const value = m && isoDate(m[0]);
    if (value) return { value, text: DATE.exec(m[0])![0], label: /[\u4e00-\u9fa5]+/.exec(m[0])![0] };
  }
  return null;
}

function issuerIn(text: string): Labelled | null {
  for (const m of text.matchAll(SOURCE)) if (issuerName(m[2]!)) return { value: m[2]!, label: m[1]! };
  return null;
}

/** The page's own title: the ArticleTitle the CMS gives, else the part of <title> that names the report. */
function title($: CheerioAPI): Hint | undefined {
  const tag = metaTag($, ['articletitle', 'title', 'og:title']);
  if (tag) return fromMeta(tag, tag.content.replace(/\s+/g, ' '));
  const raw = $('head > title').first().text().replace(/\s+/g, ' ').trim() || $('title').first().text().trim();
  if (!raw) return undefined;
  const parts = raw.split(TITLE_SEPARATOR).filter((p) => p !== '');
  const value = parts.find((p) => p.includes('报告')) ?? parts[0] ?? raw;
  return { value, note: '取自页面标题（<title>）', path: 'title' };
}

export function readPageHints($: CheerioAPI, pathOf: (el: Element) => string): PageHints {
  const hints: PageHints = {};
  const t = title($);
  if (t) hints.title = t;

  const pub = metaTag($, ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time']);
  const pubIso = pub && isoDate(pub.content);
  if (pub && pubIso) hints.publishedOn = fromMeta(pub, pubIso);
  else {
    const line = printed($, pathOf, publishedIn) ?? { value: publishedIn($('body').text() || $.root().text()), path: 'body' };
    if (line.value) hints.publishedOn = { value: line.value.value, ...(line.value.text ? { text: line.value.text } : {}), note: `取自页面上的“${line.value.label}”`, path: line.path };
  }

  const source = metaTag($, ['contentsource']);
  if (source && issuerName(source.content)) hints.issuer = fromMeta(source);
  else {
    const line = printed($, pathOf, issuerIn);
    if (line) hints.issuer = { value: line.value.value, note: `取自页面上的“${line.value.label}”`, path: line.path };
  }

  const canonical = $('link[rel="canonical"]').attr('href');
  const url = metaTag($, ['url', 'og:url']);
  if (url && /^https?:\/\//i.test(url.content)) hints.url = fromMeta(url);
  else if (canonical && /^https?:\/\//i.test(canonical)) hints.url = { value: canonical, note: '取自页面的 <link rel="canonical">', path: 'link[rel="canonical"]' };
  return hints;
}
