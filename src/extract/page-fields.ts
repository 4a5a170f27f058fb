import { isoDate } from '../ingest/html-meta.ts';
import { issuerName } from '../schema/issuer.ts';
import type { Line } from './cells.ts';
import type { Found } from './metadata.ts';

/**
 * The lines a crawler or a web page prints around a report: a crawler's header
 * ("标题: …", "发布时间: 2020-01-20", "发布机构: …", "原文链接: http://…"), the page's
 * information line ("发布时间：2024-01-26 来源：某某局 浏览次数：1024") and site chrome
 * ("当前位置：首页 > …" above, "附件下载", "分享到" below). None of it is the report's text.
 */

type Field = 'title' | 'publishedOn' | 'issuer' | 'url';

const KEYS: Record<string, Field | null> = {
  标题: 'title', 文章标题: 'title', 题目: 'title', 名称: 'title',
  发布时间: 'publishedOn', 发布日期: 'publishedOn', 公开时间: 'publishedOn', 公开日期: 'publishedOn', 时间: 'publishedOn', 日期: 'publishedOn',
  发布机构: 'issuer', 发布单位: 'issuer', 发文机关: 'issuer', 信息来源: 'issuer', 文章来源: 'issuer', 来源: 'issuer',
  原文链接: 'url', 原文地址: 'url', 链接: 'url', 网址: 'url', URL: 'url', url: 'url',
  文号: null, 发文字号: null, 索引号: null, 栏目: null, 所属栏目: null, 分类: null, 主题分类: null, 成文日期: null,
  浏览次数: null, 阅读次数: null, 点击数: null, 访问量: null, 字号: null, 作者: null, 编辑: null, 责任编辑: null, 有效性: null, 关键词: null,
};
const KEY = new RegExp(`(?:^|\\s+|[|｜]\\s*)(${Object.keys(KEYS).sort((a, b) => b.length - a.length).join('|')})\\s*:`, 'g');
const DATE_VALUE = /^\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$/;
const CHROME_ABOVE = /^(?:(?:当前位置|您的位置|您现在的位置|所在位置)\s*:|首页\s*[>＞›»])/;
const CHROME_BELOW = /^【?(?:附件下载|相关附件|附件|分享到|分享|打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|扫一扫)/;

export interface PageFields {
  title: Found<string> | null;
  publishedOn: Found<string> | null;
  issuer: Found<string> | null;
  url: Found<string> | null;
  /** Indexes of the lines that hold only such fields or site chrome. */
  lines: Set<number>;
  /** The first line of the chrome after the report (the number of lines when there is none). */
  end: number;
}

interface Printed {
  key: string;
  /** Offsets of the trimmed value in the line. */
  from: number;
  to: number;
}

/** The fields of a line made only of "键：值" pairs with known keys, or null. */
function fieldsOf(line: Line): Printed[] | null {
  const text = line.folded;
  const matches = [...text.matchAll(KEY)];
  if (!matches.length || text.slice(0, matches[0]!.index).trim() !== '' || text.length > 400) return null;
  const out: Printed[] = [];
  matches.forEach((m, i) => {
    const valueAt = m.index! + m[0].length;
    const raw = text.slice(valueAt, matches[i + 1]?.index ?? text.length);
    const from = valueAt + (raw.length - raw.trimStart().length);
    out.push({ key: m[1]!, from, to: valueAt + raw.trimEnd().length });
  });
  // "时间：2020年1月1日至2020年12月31日" is a sentence, not a page's date.
  const dated = out.every((f) => KEYS[f.key] !== 'publishedOn' || f.from === f.to || DATE_VALUE.test(text.slice(f.from, f.to)));
  return dated && out.every((f) => f.to - f.from <= 300) ? out : null;
}

function isChrome(line: Line, re: RegExp, maxLength: number): boolean {
  const text = line.folded.trim();
  return text.length <= maxLength && re.test(text);
}

/** Reads the page fields among the first lines (up to `limit`, the first section heading) and the chrome after the report. */
export function readPageFields(lines: readonly Line[], limit: number): PageFields {
  const page: PageFields = { title: null, publishedOn: null, issuer: null, url: null, lines: new Set(), end: lines.length };
  const take = (line: Line, f: Printed) => {
    const field = KEYS[f.key];
    const raw = line.text.slice(f.from, f.to);
    if (!field || raw === '' || page[field]) return;
    const value = field === 'publishedOn' ? isoDate(raw) : field === 'issuer' ? issuerName(raw) : field === 'url' ? /^https?:\/\/\S+/i.exec(raw)?.[0] : raw;
    if (value) page[field] = { value, start: line.start + f.from, end: line.start + f.to, line: line.index + 1, text: raw, note: `取自“${f.key}”` };
  };
  let seen = 0;
  for (let i = 0; i < Math.min(limit, lines.length) && seen < 40; i++) {
    const line = lines[i]!;
    if (line.text.trim() === '') continue;
    seen++;
    const fields = fieldsOf(line);
    if (fields) for (const f of fields) take(line, f);
    if (fields || isChrome(line, CHROME_ABOVE, 120)) page.lines.add(i);
  }
  for (let i = lines.length - 1; i >= 0 && !page.lines.has(i); i--) {
    const line = lines[i]!;
    if (line.text.trim() === '') continue;
    if (!isChrome(line, CHROME_BELOW, 60) && !fieldsOf(line)) break;
    page.lines.add(i);
    page.end = i;
  }
  return page;
}
