import { parseChineseNumber } from '../numerals.ts';

/** A number printed in narrative text, with its unit. Offsets are into the scanned string. */
export interface NumberToken {
  /** Counts as printed; money in 元; percentages in percent. */
  value: number;
  /** False for approximations: 30余条, 千余条, 近百件, 约20件, 20件左右, 10件以上, 1.2万条. */
  exact: boolean;
  kind: 'count' | 'money' | 'percent';
  unit: string;
  /** The whole token, approximation markers and unit included. */
  start: number;
  end: number;
}

const CN = '零〇一二两三四五六七八九十百千万';
const PRE = String.raw`(?<pre>大约|将近|接近|多达|不足|不到|不少于|至少|超过|约|近|逾|上(?=[百千万])|数(?=[十百千万])|几(?=[十百千万]))?`;
const NUM = String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[${CN}]+)`;
const MULT = String.raw`(?<mult>万|亿)?`;
const APPROX = String.raw`(?<approx>余|多|来)?`;
const UNIT = String.raw`(?<unit>元|件|条|篇|份|个|宗|起|次|项|部|张|%)`;
const POST = String.raw`(?<post>左右|以上|以下|上下|余|多)?`;
const PERCENT_CN = String.raw`百分之(?<pct>[${CN}点]+)`;
const TOKEN = new RegExp(`${PRE}(?:${PERCENT_CN}|${NUM}${MULT}${APPROX}${UNIT}${POST})`, 'g');

/** Characters after 个 that make it a measure of something else (3个工作日, 两个方面). */
const NOT_AFTER_GE = /^[工月方部单科窗渠平小年季层环阶领批]/;

function chinesePercent(text: string): number | null {
  const [int, frac] = text.split('点');
  const whole = parseChineseNumber(int ?? '');
  if (whole === null) return null;
  if (!frac) return whole;
  const digits = [...frac].map((ch) => parseChineseNumber(ch));
  if (digits.some((d) => d === null || d > 9)) return null;
  return Number(`${whole}.${digits.join('')}`);
}

/**
 * Finds the numbers with a unit in a folded, whitespace-free string (full-width digits already
 * made ASCII). Numbers without a unit — dates, phone numbers, document numbers, list numbers —
 * are not tokens. Ordinals (第1件) and "每N件" are skipped.
 */
export function scanNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    const numStart = start + (g.pre?.length ?? 0);
    const before = text[numStart - 1] ?? '';
    if (g.pct !== undefined) {
      const v = chinesePercent(g.pct);
      if (v !== null) out.push({ value: v, exact: !g.pre, kind: 'percent', unit: '%', start, end });
      continue;
    }
    const raw = g.num!;
    const arabic = /^\d/.test(raw);
    // A digit run glued to letters or other digits (zb2777902, 0533-4110187) is not a count.
    if (arabic && /[A-Za-z0-9_.\-@/]/.test(before)) continue;
    if (!arabic && /[第每]/.test(before)) continue;
    if (arabic && before === '第') continue;
    let value = arabic ? Number(raw.replace(/,/g, '')) : parseChineseNumber(raw);
    if (value === null || !Number.isFinite(value)) continue;
    const unit = g.unit!;
    if (unit === '个' && NOT_AFTER_GE.test(text.slice(end))) continue;
    if (unit === '件' && text[end] === '事') continue; // 一件事一次办
    let exact = !g.pre && !g.approx && !g.post;
    if (g.mult) {
      value *= g.mult === '万' ? 10000 : 100000000;
      if (unit !== '元') exact = false; // 1.2万条 is rounded
    }
    // A count written with 万 in Chinese (三万条) is as rounded as 3万条.
    if (!arabic && /[万]/.test(raw) && unit !== '元') exact = false;
    // Chinese hundreds without a digit before them (百件, 千条) are round figures.
    if (!arabic && /^[百千万]/.test(raw)) exact = false;
    const kind = unit === '元' ? 'money' : unit === '%' ? 'percent' : 'count';
    if (kind === 'money') value = Math.round(value * 100) / 100; // 0.1234万元 → 1234元, not 1233.9999…
    if (kind === 'count' && !Number.isInteger(value)) continue;
    out.push({ value, exact, kind, unit, start, end });
  }
  return out;
}
