import { issuingOrgan, ORGAN_NAME, withoutSummaryMark } from '../schema/issuer.ts';
import { fold } from '../schema/normalize.ts';
import type { Line } from './cells.ts';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './numerals.ts';
import { blankMarkup, MARKUP } from './markup.ts';

export interface Found<T> {
  value: T;
  start: number;
  end: number;
  line: number;
  text: string;
  note?: string;
  /** Where it was read when not in the text (a page's <title> or <meta>): a CSS selector. */
  path?: string;
}


/** Folded text without Markdown emphasis and heading marks at its ends. */
const withoutMarks = (folded: string): string => folded.trim().replace(/^[#>*\s]+|[*\s]+$/g, '');

/** A line's text without conversion markup or Markdown emphasis and heading marks. */
function clean(text: string): string {
  return withoutMarks(fold(text.replace(MARKUP, '')));
}

/** Every marker of MARKUP holds one of these. */
const MARKUP_CHARS = /[#[<]/;

/** `clean(line.text)`, from the line's folded text when it holds no markup. */
function cleanLine(line: Line): string {
  return MARKUP_CHARS.test(line.text) ? clean(line.text) : withoutMarks(line.folded);
}

function found<T>(line: Line, value: T, from = 0, length?: number, note?: string): Found<T> {
  const start = line.start + from;
  const end = length === undefined ? line.end : start + length;
  return { value, start, end, line: line.index + 1, text: line.text.slice(from, from + (end - start)), ...(note ? { note } : {}) };
}

/** Span of the trimmed content of a line. */
function contentSpan(line: Line): { from: number; length: number } {
  const spaced = blankMarkup(line.text);
  const from = spaced.search(/\S/);
  return { from, length: spaced.trimEnd().length - from };
}

const TITLE = /^(.*?)((?:19|20)\d{2})\s*年\s*度?\s*(.*?)(?:政府信息公开|政务公开|信息公开)\S*年度?报告$/;
// The year after the subject: "淄博市政府信息公开工作2020年度报告".
const TITLE_YEAR_LAST = /^(.*?)(?:政府信息公开|政务公开|信息公开)工作((?:19|20)\d{2})年度?报告$/;
// What collectors and clerks glue to a name: "名称沭阳县发展和改革局2019年…", "某某局关于2019年…".
const NOT_NAME = /^(?:名称|标题|题目|文章标题|关于)[:：]?|(?:关于|的)$/g;

interface TitleName {
  /** The name as printed (without whitespace). */
  printed: string;
  /** The organ it stands for (issuingOrgan). */
  organ: string;
}

export interface TitleParts {
  year: number;
  /** The organ the title names before or after its year, if any. */
  agency: TitleName | null;
}

function titleName(part: string): TitleName | null {
  // "某某市人民政府办公室关于某某市2020年…": the office compiles, the report is the region's.
  const after = part.slice(part.lastIndexOf('关于') + 2);
  const subject = part.includes('关于') && after !== '' ? after : part;
  // A region's summary report (“某市（汇总）2023年…”) is the region's: its government.
  const printed = withoutSummaryMark(subject.replace(NOT_NAME, ''));
  const organ = printed && !/\d/.test(printed) ? issuingOrgan(printed) : null;
  return organ ? { printed, organ } : null;
}

/**
 * A report's title: "<机关><年>年…年度报告" or "<年>年<机关>…年度报告"; a region alone names
 * its government ("淄博市2020年…" → 淄博市人民政府). Null when the text is no such title.
 */
export function parseTitle(text: string): TitleParts | null {
  const compact = clean(text).replace(/\s+/g, '');
  if (compact.length > 80 || /[。；]/.test(compact)) return null;
  const m = TITLE.exec(compact);
  if (!m) {
    const last = TITLE_YEAR_LAST.exec(compact);
    return last ? { year: Number(last[2]), agency: titleName(last[1]!) } : null;
  }
  // "2024年某某区人民政府信息公开工作年度报告": 政府 belongs to the name and to 政府信息公开.
  const after = m[3]!.endsWith('人民') ? `${m[3]}政府` : m[3]!;
  return { year: Number(m[2]), agency: titleName(m[1]!) ?? titleName(after) };
}

/** Where `compact` (folded, whitespace removed) is printed in `raw`. */
function locate(raw: string, compact: string): { from: number; length: number } | null {
  const re = new RegExp([...compact].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));
  const m = re.exec(fold(raw));
  return m ? { from: m.index, length: m[0].length } : null;
}

function nameNote(name: TitleName, note?: string): string | undefined {
  const read = name.organ !== name.printed ? `“${name.printed}”读作“${name.organ}”` : undefined;
  return [note, read].filter(Boolean).join('；') || undefined;
}

export interface TitleInfo {
  titleLine: number | null;
  agency: Found<string> | null;
  year: Found<number> | null;
  /** Lines that belong to the title block (not to the preamble). */
  lastTitleLine: number;
}

/** Reads the title block: "<机关>\n<年>年政府信息公开工作年度报告" or both on one line; `skip` passes over a page's own lines. */
export function readTitle(lines: readonly Line[], limit: number, skip: (line: number) => boolean = () => false): TitleInfo {
  const info: TitleInfo = { titleLine: null, agency: null, year: null, lastTitleLine: -1 };
  const nonEmpty: Line[] = [];
  for (let i = 0; i < limit && nonEmpty.length < 6; i++) if (!skip(i) && cleanLine(lines[i]!) !== '') nonEmpty.push(lines[i]!);
  for (let n = 0; n < nonEmpty.length; n++) {
    const line = nonEmpty[n]!;
    const text = cleanLine(line).replace(/\s+/g, '');
    if (/[。；]/.test(text)) break;
    if (text.length > 80) continue;
    const title = parseTitle(line.text);
    if (!title) continue;
    info.titleLine = line.index;
    info.lastTitleLine = line.index;
    const yearAt = line.text.search(/(?:19|20)\d{2}/);
    info.year = found(line, title.year, yearAt, 4);
    if (title.agency) {
      const at = locate(line.text, title.agency.printed) ?? contentSpan(line);
      info.agency = found(line, title.agency.organ, at.from, at.length, nameNote(title.agency));
    } else if (n > 0) {
      const prev = nonEmpty[n - 1]!;
      const printed = cleanLine(prev).replace(/\s+/g, '').replace(NOT_NAME, '');
      // A summary's title block names its region alone (“某市（汇总）”): the region's government.
      const name = withoutSummaryMark(printed);
      const organ = name.length <= 40 && (ORGAN_NAME.test(name) || name !== printed) && !/\d/.test(name) ? issuingOrgan(name) : null;
      if (organ) {
        const span = contentSpan(prev);
        info.agency = found(prev, organ, span.from, span.length, nameNote({ printed: name, organ }));
      }
    }
    break;
  }
  return info;
}

/**
 * Year and agency of a title given whole — a crawler's "标题:" line, a page's <title> — with
 * spans inside the title's own span when it is in the text.
 */
export function readTitleField(title: Found<string>): { year: Found<number> | null; agency: Found<string> | null } {
  const parts = parseTitle(title.value);
  if (!parts) return { year: null, agency: null };
  const inText = title.end - title.start === title.text.length;
  const part = <T>(value: T, at: { from: number; length: number } | null, note?: string): Found<T> => {
    const span = inText && at ? { start: title.start + at.from, end: title.start + at.from + at.length } : { start: title.start, end: title.end };
    const text = at ? title.text.slice(at.from, at.from + at.length) : title.text;
    return { ...title, value, ...span, text, ...(note ? { note } : {}) };
  };
  const yearAt = title.text.search(/(?:19|20)\d{2}/);
  const year = part(parts.year, yearAt >= 0 ? { from: yearAt, length: 4 } : null);
  const agency = parts.agency
    ? part(parts.agency.organ, locate(title.text, parts.agency.printed), nameNote(parts.agency, title.note))
    : null;
  return { year, agency };
}

const PERIOD =
  /((?:19|20)\d{2})\s*年\s*(?:1|01|一)\s*月\s*(?:1|01|一)\s*日\s*(?:起)?\s*[,，]?\s*(?:至|到|—|－|-|~|～)\s*((?:19|20)\d{2})\s*年\s*(?:12|十二)\s*月\s*(?:31|三十一)\s*日/;

/** The statistics period "自YYYY年1月1日起至YYYY年12月31日止" (DATE-01), anywhere before section 二. */
export function readPeriod(lines: readonly Line[], limit: number): Found<{ from: number; to: number }> | null {
  for (const line of lines.slice(0, limit)) {
    if (!line.folded.includes('月')) continue;
    const m = PERIOD.exec(line.folded);
    if (m) return found(line, { from: Number(m[1]), to: Number(m[2]) }, m.index, m[0].length);
  }
  return null;
}

/** The year most often named in the given lines ("2020年，我局…"). */
export function readNarrativeYear(lines: readonly Line[]): Found<number> | null {
  const counts = new Map<number, { n: number; first: Found<number> }>();
  for (const line of lines) {
    const re = /((?:19|20)\d{2})\s*年/g;
    const text = line.folded;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const y = Number(m[1]);
      const c = counts.get(y);
      if (c) c.n++;
      else counts.set(y, { n: 1, first: found(line, y, m.index, 4, '取自正文中出现最多的年份') });
    }
  }
  let best: { n: number; first: Found<number> } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.first ?? null;
}

const NUM = `[0-9${CHINESE_NUMERAL_CHARS}]`;
const DATE_LINE = new RegExp(`^(${NUM}{4})\\s*年\\s*(${NUM}{1,3})\\s*月\\s*(${NUM}{1,3})\\s*日$`);

function toIso(y: string, m: string, d: string): string | null {
  const n = (s: string) => (/^\d+$/.test(s) ? Number(s) : parseChineseNumber(s));
  const year = n(y);
  const month = n(m);
  const day = n(d);
  if (year === null || month === null || day === null || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Signature {
  date: Found<string> | null;
  agency: Found<string> | null;
  /** First line of the signature block, 0-based. */
  firstLine: number;
}

/** The 落款 at the end: an organ's name and a date, each on its own line. */
export function readSignature(lines: readonly Line[]): Signature {
  const tail: Line[] = [];
  for (let i = lines.length - 1; i >= 0 && tail.length < 4; i--) if (cleanLine(lines[i]!) !== '') tail.unshift(lines[i]!);
  const sig: Signature = { date: null, agency: null, firstLine: -1 };
  for (let n = tail.length - 1; n >= 0; n--) {
    const line = tail[n]!;
    const m = DATE_LINE.exec(cleanLine(line).replace(/\s+/g, ' '));
    if (!m) continue;
    const iso = toIso(m[1]!, m[2]!, m[3]!);
    if (!iso) continue;
    const span = contentSpan(line);
    sig.date = found(line, iso, span.from, span.length);
    sig.firstLine = line.index;
    const prev = tail[n - 1];
    if (prev) {
      const name = cleanLine(prev).replace(/\s+/g, '');
      if (name.length <= 40 && ORGAN_NAME.test(name) && !/[。，,]/.test(name)) {
        const s = contentSpan(prev);
        sig.agency = found(prev, name, s.from, s.length);
        sig.firstLine = prev.index;
      }
    }
    break;
  }
  if (!sig.date) {
    // A signature with the organ's name only.
    const last = tail[tail.length - 1];
    const name = last ? cleanLine(last).replace(/\s+/g, '') : '';
    if (last && name.length <= 40 && ORGAN_NAME.test(name) && !/[。，,：:；\d]/.test(name) && tail.length > 1) {
      const s = contentSpan(last);
      sig.agency = found(last, name, s.from, s.length);
      sig.firstLine = last.index;
    }
  }
  return sig;
}

const COMPILED_BY = /由(\S{2,40}?)(?:编制|制作|发布|编写)/;
const CONTACT = /(?:请?与|请联系|联系)(\S{2,40}?)(?:联系|\(|（|，|。|;|；)/;
// An internal office of the organ is where to ask, not who reports.
const INTERNAL_OFFICE = /(政府信息公开工作领导小组办公室|政务公开领导小组办公室|政务公开办公室|办公室)$/;

/** The agency as named in the preamble: "由X编制", or the contact "请与X联系". */
export function readPreambleAgency(lines: readonly Line[]): Found<string> | null {
  for (const re of [COMPILED_BY, CONTACT]) {
    for (const line of lines) {
      const text = line.folded;
      const m = re.exec(text);
      if (!m) continue;
      let name = m[1]!.replace(/^(本机关|本单位)/, '');
      const stripped = name.replace(INTERNAL_OFFICE, '');
      if (stripped !== name && /(局|管委会|管理委员会|委员会|中心|厅|院|镇|乡|街道)$/.test(stripped)) name = stripped;
      if (!ORGAN_NAME.test(name)) continue;
      const at = m.index + m[0].indexOf(m[1]!);
      return found(line, name, at, name.length, re === CONTACT ? '取自联系方式' : '取自前言');
    }
  }
  return null;
}
