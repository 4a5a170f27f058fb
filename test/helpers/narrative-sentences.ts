import type { Tables } from '../../src/schema/types.ts';

/**
 * Sentences in the style of real reports that state the counts of tables 三 and 四, for the
 * findings suite: with the table's own numbers (a clean document) or with one of them changed
 * (a planted narrative defect, which NAR-01 or NAR-03 must report).
 */

export type Stated = 'newReceived' | 'carriedOver' | 'accepted' | 'resultTotal' | 'carriedForward' | 'review' | 'litigation';

export type Counts = Record<Stated, number>;

const total = (row: readonly (number | null)[] | undefined) => row?.at(-1) ?? 0;

export function statedCounts(tables: Tables): Counts {
  const r = tables.requests;
  return {
    newReceived: total(r.newReceived),
    carriedOver: total(r.carriedOver),
    accepted: total(r.newReceived) + total(r.carriedOver),
    resultTotal: total(r.resultTotal),
    carriedForward: total(r.carriedForward),
    review: total(tables.review.review),
    litigation: total(tables.review.litigationDirect) + total(tables.review.litigationAfterReview),
  };
}

/** The requests sentence of a variant (0–2) and the counts it states. */
export function requestSentence(variant: number, year: number, c: Counts): { text: string; states: Stated[] } {
  switch (variant % 3) {
    case 0:
      return {
        text: `本年度共收到政府信息公开申请${c.newReceived}件，上年结转${c.carriedOver}件，办结${c.resultTotal}件，结转下年度继续办理${c.carriedForward}件。`,
        states: ['newReceived', 'carriedOver', 'resultTotal', 'carriedForward'],
      };
    case 1:
      return {
        text: `${year}年，本机关新收政府信息公开申请${c.newReceived}件，办结${c.resultTotal}件，${c.carriedForward}件结转下年度继续办理。`,
        states: ['newReceived', 'resultTotal', 'carriedForward'],
      };
    default:
      return {
        text: `全年共受理政府信息公开申请${c.accepted}件（含上年结转${c.carriedOver}件），已办结${c.resultTotal}件。`,
        states: ['accepted', 'carriedOver', 'resultTotal'],
      };
  }
}

export function reviewSentence(c: Counts): { text: string; states: Stated[] } {
  return { text: `本年度因政府信息公开被申请行政复议${c.review}件，被提起行政诉讼${c.litigation}件。`, states: ['review', 'litigation'] };
}

/** The rule that compares a stated count with the tables. */
export const ruleFor = (stated: Stated) => (stated === 'review' || stated === 'litigation' ? 'NAR-03' : 'NAR-01');

/**
 * Other values a rule accepts for a stated count, as the rule's documented readings: 办结 may
 * count only this year's applications (from 办结 − 上年结转 up to 办结). A misstated count avoids them.
 */
export function acceptedReadings(stated: Stated, c: Counts): number[] {
  if (stated !== 'resultTotal') return [];
  return Array.from({ length: c.carriedOver }, (_, i) => c.resultTotal - c.carriedOver + i);
}

/** A value for `stated` other than the true one and than every accepted reading. */
export function misstate(stated: Stated, c: Counts, r: () => number): number {
  const was = c[stated];
  const avoid = new Set([was, ...acceptedReadings(stated, c)]);
  let v = was === 0 ? 1 + Math.floor(r() * 9) : r() < 0.5 ? was - 1 : was + 1 + Math.floor(r() * 5);
  while (avoid.has(v) || v < 0) v++;
  return v;
}
