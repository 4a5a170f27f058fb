import type { CheckableReport, ReportRule } from '../types.ts';

// Date helpers shared by the DATE rules (a module in this folder must be a rule, so they live here).

/** Day number (days since 1970-01-01) of a valid ISO date `YYYY-MM-DD`; null for anything else. */
export function dayNumber(iso: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const date = new Date(t);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

/** ISO date of a day in a year; day 29 of February (or any day past the month's end) is the month's last day (“2月底”). */
export function isoDate(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** `2021-01-31` → `2021年1月31日`. */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/**
 * What is known about the publication date: the date itself (`publishedOn`), or, when only the
 * 落款 is known, the signing date as the earliest possible publication date (a report cannot be
 * published before it is signed). Null when neither is a valid date.
 */
export interface PublicationEvidence {
  kind: 'published' | 'signed';
  date: string;
}

export function publicationEvidence(doc: CheckableReport): PublicationEvidence | null {
  if (dayNumber(doc.publishedOn) !== null) return { kind: 'published', date: doc.publishedOn! };
  if (dayNumber(doc.signedOn) !== null) return { kind: 'signed', date: doc.signedOn! };
  return null;
}

const rule: ReportRule = {
  meta: {
    id: 'DATE-03',
    name: 'published-after-year',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条（公布“上一年度”报告）；全年报告只能在统计年度结束后形成',
    description: '发布日期不得早于报告年度次年1月1日',
    docs:
      '年度报告统计的是报告年度1月1日至12月31日的全年情况，条例第四十九条要求公布的是“上一年度”的报告，因此发布日期不可能早于次年1月1日；' +
      '早于此日的发布日期说明日期或年度有误。本规则只看已知的发布日期（publishedOn，来自网页或导入时提供）：文本报告通常没有发布日期，' +
      '而落款日期只是发布日期的下限，落款早于年度结束并不能证明发布也早于年度结束，这种情况由 DATE-07 以警告报告。没有发布日期或报告年度时本规则不作判断。',
    messages: {
      early: '发布日期为{actual}，早于{expected}：{year}年度报告须在统计年度结束后（{expected}或以后）发布',
    },
  },
  check(ctx) {
    const year = ctx.doc.year;
    const published = ctx.doc.publishedOn;
    if (year === null || dayNumber(published) === null) return;
    const earliest = isoDate(year + 1, 1, 1);
    if (published! < earliest) {
      ctx.report({
        messageId: 'early',
        data: { actual: cnDate(published!), expected: cnDate(earliest), year },
        location: { field: 'publishedOn' },
        actual: published,
        expected: earliest,
      });
    }
  },
};

export default rule;
