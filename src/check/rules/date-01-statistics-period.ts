import { parseChineseNumber } from '../../extract/numerals.ts';
import { fold } from '../../schema/normalize.ts';
import { SECTION_KEYS, type SectionKey } from '../../schema/sections.ts';
import { defineRule } from '../define-rule.ts';
import { YEAR_SOURCE_LABEL, yearSource } from '../report-year.ts';
import type { CheckableReport, SourceSpan } from '../types.ts';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** One statement of the statistics period ("统计期限自2020年1月1日起至2020年12月31日止"). */
export interface PeriodStatement {
  block: 'preamble' | SectionKey;
  from: Ymd;
  to: Ymd;
  /** The printed date range, from the first year to the last 日. */
  text: string;
}

const N = '[0-9〇零○O一二三四五六七八九十]';
const RANGE = new RegExp(
  `(${N}{4})\\s*年\\s*(${N}{1,3})\\s*月\\s*(${N}{1,3})\\s*[日号]\\s*起?\\s*[,，]?\\s*(?:至|到|—{1,2}|-{1,2}|~|～)\\s*` +
    `(?:(${N}{4})\\s*年\\s*)?(${N}{1,3})\\s*月\\s*(${N}{1,3})\\s*[日号]`,
);
// "统计期限", "统计时间段", "数据统计期", "统计数据的期限" …; not "据统计" (a figure, not the period).
const KEY = /统计(?:数据)?的?(?:期限|时限|时间段?|期间|周期|区间|时段|范围|期)/g;
/** How far after the keyword the range may start ("统计期限是从…", "统计时间段均为…"). */
const MAX_GAP = 12;

function num(text: string): number {
  const t = text.replace(/[○O]/g, '〇');
  return /^\d+$/.test(t) ? Number(t) : (parseChineseNumber(t) ?? Number.NaN);
}

/** Every statement of the statistics period in the preamble and the six sections, in document order. */
export function periodStatements(doc: CheckableReport): PeriodStatement[] {
  const out: PeriodStatement[] = [];
  const blocks: ['preamble' | SectionKey, string | null][] = [['preamble', doc.preamble], ...SECTION_KEYS.map((k) => [k, doc.sections[k]] as [SectionKey, string | null])];
  for (const [block, raw] of blocks) {
    if (!raw) continue;
    const text = fold(raw);
    const seen = new Set<number>();
    KEY.lastIndex = 0;
    for (let k = KEY.exec(text); k; k = KEY.exec(text)) {
      const from = k.index + k[0].length;
      const stop = text.slice(from).search(/[。；;\n]/);
      const sentence = text.slice(from, stop < 0 ? text.length : from + stop);
      const m = RANGE.exec(sentence);
      if (!m || m.index > MAX_GAP || seen.has(from + m.index)) continue;
      seen.add(from + m.index);
      const y1 = num(m[1]!);
      const start = { y: y1, m: num(m[2]!), d: num(m[3]!) };
      const end = { y: m[4] ? num(m[4]) : y1, m: num(m[5]!), d: num(m[6]!) };
      if ([start.y, start.m, start.d, end.y, end.m, end.d].some(Number.isNaN)) continue;
      out.push({ block, from: start, to: end, text: raw.slice(from + m.index, from + m.index + m[0].length) });
    }
  }
  return out;
}

const cn = (x: Ymd) => `${x.y}年${x.m}月${x.d}日`;
const iso = (x: Ymd) => `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
const compact = (s: string) => fold(s).replace(/\s+/g, '');

const rule = defineRule({
  meta: {
    id: 'DATE-01',
    name: 'statistics-period',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条（“上一年度”报告）；四川省地方标准 DB51/T 2660—2019 第2.1条“年度报告统计时间段为上一年度1月1日至12月31日”',
    description: '报告写明的统计期限须为报告年度1月1日至12月31日',
    docs:
      '年度报告统计的是报告年度的全年情况。报告（通常在前言）写明统计期限时，期限必须是报告年度的1月1日至12月31日；' +
      '常见的错误是沿用上一年的期限或只统计到年中某日。本规则在前言和六个部分中查找“统计期限/统计时间/统计期间…”之后同一句内的日期区间' +
      '（“自2020年1月1日起至2020年12月31日止”“为2020年1月1日至12月31日”，含中文数字），“据统计”之后的区间不是统计期限，不予理会。' +
      '报告年度取自标题，标题没有年份时取自统计期限本身，以 JSON 提供的报告取 year 字段；报告年度只是从正文出现最多的年份推断出来时，' +
      '本规则只检查期限是否为一个完整的自然年度，不拿推断的年份去比较。统计期限的写明是惯例而非法定要求，没有写明不在此报告（见 NAR-10）；' +
      '期限与标题年份不符也由本规则报告，DATE-02 不再重复报告。',
    messages: {
      period: '统计期限应为{expectedFrom}至{expectedTo}（{year}年度报告，年度取自{yearSource}），报告写的是{actualFrom}至{actualTo}（“{text}”）',
      partialYear: '统计期限应为一个完整的自然年度（{expectedFrom}至{expectedTo}），报告写的是{actualFrom}至{actualTo}（“{text}”）',
    },
  },
  check(ctx) {
    const source = yearSource(ctx.doc);
    const periodSpan = ctx.span('meta.period');
    let spanUsed = false;
    for (const s of periodStatements(ctx.doc)) {
      const ref = source === null || source === 'narrative' ? s.from.y : ctx.doc.year!;
      const expectedFrom = { y: ref, m: 1, d: 1 };
      const expectedTo = { y: ref, m: 12, d: 31 };
      // The reader's span of the period is the first statement with the same text.
      let span: SourceSpan | null = null;
      if (!spanUsed && periodSpan && compact(periodSpan.text) === compact(s.text)) {
        span = periodSpan;
        spanUsed = true;
      }
      if (iso(s.from) === iso(expectedFrom) && iso(s.to) === iso(expectedTo)) continue;
      const whole = source === null || source === 'narrative';
      ctx.report({
        messageId: whole ? 'partialYear' : 'period',
        data: {
          expectedFrom: cn(expectedFrom),
          expectedTo: cn(expectedTo),
          actualFrom: cn(s.from),
          actualTo: cn(s.to),
          text: s.text,
          year: ref,
          yearSource: whole ? null : YEAR_SOURCE_LABEL[source],
        },
        location: { section: s.block },
        span,
        actual: `${iso(s.from)}/${iso(s.to)}`,
        expected: `${iso(expectedFrom)}/${iso(expectedTo)}`,
      });
    }
  },
});

export default rule;
