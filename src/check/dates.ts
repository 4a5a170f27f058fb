import type { IssuerType } from '../schema/types.ts';
import type { CheckConfig, CheckableReport, DeadlineRule, RuleContext } from './types.ts';

// Dates shared by the DATE rules: ISO day arithmetic, what is known of the publication date (DATE-03),
// the art. 49 deadlines (DATE-04, DATE-05) and the configured local deadlines (DATE-06, DATE-09).

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

/** A publication deadline for one report: the last permitted day, and where it comes from. */
export interface Deadline {
  date: string;
  source: string;
  kind: 'statute' | 'local';
}

const STATUTE: Partial<Record<IssuerType, { month: number; day: number; source: string }>> = {
  department: { month: 1, day: 31, source: '《政府信息公开条例》第四十九条第一款' },
  government: { month: 3, day: 31, source: '《政府信息公开条例》第四十九条第二款' },
};

/** The art. 49 deadline for the report of year `year`: departments 1月31日, governments 3月31日 of the next year (on or before). */
export function statutoryDeadline(issuerType: IssuerType, year: number): Deadline | null {
  const s = STATUTE[issuerType];
  return s ? { date: isoDate(year + 1, s.month, s.day), source: s.source, kind: 'statute' } : null;
}

/**
 * DATE-04 and DATE-05: reports once when the known publication date, or failing that the signing
 * date (the earliest possible publication date), is after the art. 49 deadline of the issuer type.
 * The rule's messages `published` and `signed` take {year}, {actual} and {deadline}.
 */
export function checkStatutoryDeadline(ctx: RuleContext<'published' | 'signed'>, issuerType: IssuerType): void {
  const { year } = ctx.doc;
  if (year === null || ctx.doc.issuerType !== issuerType) return;
  const deadline = statutoryDeadline(issuerType, year)!;
  const evidence = publicationEvidence(ctx.doc);
  if (!evidence || evidence.date <= deadline.date) return;
  const field = evidence.kind === 'published' ? 'publishedOn' : 'signedOn';
  ctx.report({
    messageId: evidence.kind,
    data: { year, actual: cnDate(evidence.date), deadline: cnDate(deadline.date) },
    location: { field },
    span: evidence.kind === 'signed' ? (ctx.span('meta.signedOn') ?? null) : null,
    actual: evidence.date,
    expected: deadline.date,
  });
}

/** Whether a configured deadline applies to the report: its issuer type(s) and agency pattern, when given, both match. */
export function deadlineMatches(rule: DeadlineRule, doc: CheckableReport): boolean {
  if (rule.issuerType !== undefined) {
    const types = Array.isArray(rule.issuerType) ? rule.issuerType : [rule.issuerType];
    if (!types.includes(doc.issuerType)) return false;
  }
  if (rule.agencyPattern !== undefined) {
    if (!doc.agency) return false;
    try {
      if (!new RegExp(rule.agencyPattern, 'u').test(doc.agency.replace(/\s+/g, ''))) return false;
    } catch {
      return false; // loadCheckConfig rejects a bad pattern; a config built in code is not trusted either
    }
  }
  return true;
}

/** The first configured local deadline that matches the report (first match wins), for the report year `year`. */
export function localDeadline(doc: CheckableReport, config: CheckConfig): Deadline | null {
  if (doc.year === null) return null;
  const rule = (config.deadlines ?? []).find((d) => deadlineMatches(d, doc));
  return rule ? { date: isoDate(doc.year + 1, rule.month, rule.day), source: rule.source ?? '核查配置中的地方期限', kind: 'local' } : null;
}

/**
 * The deadline that applies to the report: the art. 49 deadline for departments and governments,
 * unless a matching local deadline is earlier (a local rule may be stricter, never looser);
 * the matching local deadline for townships and other issuers; null when there is none.
 */
export function applicableDeadline(doc: CheckableReport, config: CheckConfig): Deadline | null {
  if (doc.year === null) return null;
  const statute = statutoryDeadline(doc.issuerType, doc.year);
  const local = localDeadline(doc, config);
  if (statute) return local && local.date < statute.date ? local : statute;
  return local;
}
