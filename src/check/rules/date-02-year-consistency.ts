import { fold } from '../../schema/normalize.ts';
import { defineRule } from '../define-rule.ts';
import { YEAR_SOURCE_LABEL, yearSource } from '../report-year.ts';

/** A statement of the report year in the text: the year and the printed words that give it. */
export interface YearStatement {
  year: number;
  text: string;
}

// "由X编制的2020年政府信息公开工作年度报告", "2020年度X政府信息公开工作年度报告" (not inside 《…》: a cited notice).
const REPORT_NAME = /(?<!\d)((?:19|20)\d{2})\s*年\s*度?[^\s，,。；;、：:（）()《》“”"]{0,20}?政府信息公开(?:工作)?年度报告/g;

/** The years the preamble gives as the year of this report, outside cited titles in 《》. */
export function preambleYearStatements(preamble: string | null): YearStatement[] {
  if (!preamble) return [];
  const text = fold(preamble).replace(/《[^《》]*》/g, (m) => '　'.repeat(m.length));
  const out: YearStatement[] = [];
  REPORT_NAME.lastIndex = 0;
  for (let m = REPORT_NAME.exec(text); m; m = REPORT_NAME.exec(text)) {
    out.push({ year: Number(m[1]), text: preamble.slice(m.index, m.index + m[0].length) });
  }
  return out;
}

// At the start of a paragraph of section 一, after an optional list number and short label:
// "2020年，本机关…", "1、主动公开。2020年，…", "（一）主动公开情况：2023 年，…".
// Not "2020年5月15日…", "2020年以来…", "2020年上半年…", nor a year in the middle of a sentence.
const LIST = '(?:(?:[（(](?:[一二三四五六七八九十]+|\\d{1,2})[)）]|(?:[一二三四五六七八九十]+|\\d{1,2})\\s*[、.．])\\s*)?';
const LABEL = '(?:[^，,。：:；;\\d]{1,20}[。：:]\\s*)?';
const OPENING = new RegExp(`^\\s*${LIST}${LABEL}((?:19|20)\\d{2})\\s*年\\s*度?\\s*[，,]`);

/** Paragraphs of section 一 that open by giving the year they report on ("2020年，…"). */
export function narrativeYearStatements(overview: string | null): YearStatement[] {
  if (!overview) return [];
  const out: YearStatement[] = [];
  for (const line of overview.split('\n')) {
    const m = OPENING.exec(fold(line));
    if (m) out.push({ year: Number(m[1]), text: line.slice(0, m[0].length).trim() });
  }
  return out;
}

const rule = defineRule({
  meta: {
    id: 'DATE-02',
    name: 'year-consistency',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号“发布内容不准确”的问责要求；标题、前言与正文须指向同一报告年度',
    description: '标题的年份与前言所称的报告年度、第一部分开头所述年度一致',
    docs:
      '标题中的年份、前言中对本报告的称谓（“…编制的2020年政府信息公开工作年度报告”）和第一部分“总体情况”开头的年度陈述（“2020年，本机关…”）必须是同一个年度；' +
      '不一致通常是套用上一年报告后未改全。正文提到其他年份是正常的（“2020年5月15日修订实施后的《条例》”、引用的文件名、下一年的工作计划、“2020年以来”），' +
      '因此本规则只比较明确给出报告年度的陈述：前言中《》之外的“YYYY年（度）…政府信息公开工作年度报告”，以及第一部分各段开头（可带序号和小标题）的“YYYY年，”“YYYY年度，”。' +
      '只要有一处这样的陈述与报告年度相同就不报告（如开头先回顾往年、随后写“2020年，…”），只有全部陈述都不同才报告第一处，宁可漏报也不误报。' +
      '比较的基准是标题年份；标题没有年份时用统计期限的年份；以 JSON 提供的报告用 year 字段；年度只是从正文推断出来时不比较。' +
      '统计期限本身与报告年度不符由 DATE-01 报告，这里不重复。第一部分的陈述没有原文位置（正文按段落重新拼接），发现以所在部分定位，并引用原文。',
    messages: {
      preamble: '前言称本报告为{actual}年度报告（“{text}”），与{source}的{expected}年不一致',
      narrative: '第一部分“总体情况”开头写的是{actual}年（“{text}”），与{source}的{expected}年不一致',
    },
  },
  check(ctx) {
    const source = yearSource(ctx.doc);
    if (source === null || source === 'narrative') return;
    const year = ctx.doc.year!;
    const label = YEAR_SOURCE_LABEL[source];
    const groups = [
      ['preamble', preambleYearStatements(ctx.doc.preamble)],
      ['narrative', narrativeYearStatements(ctx.doc.sections.overview)],
    ] as const;
    for (const [kind, statements] of groups) {
      if (statements.length === 0 || statements.some((s) => s.year === year)) continue;
      const s = statements[0]!;
      ctx.report({
        messageId: kind,
        data: { actual: s.year, text: s.text, source: label, expected: year },
        location: { section: kind === 'preamble' ? 'preamble' : 'overview' },
        actual: s.year,
        expected: year,
      });
    }
  },
});

export default rule;
