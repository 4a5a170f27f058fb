import { InputError } from '../../errors.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid ISO date `YYYY-MM-DD`; null for anything else (2024-02-30 too). */
export function isoDayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.getTime() / DAY_MS;
}

export function isoFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of `iso`, or an InputError naming `what` (e.g. 收到申请之日). */
export function requireIsoDate(iso: string, what: string): number {
  const day = isoDayNumber(iso);
  if (day === null) throw new InputError('usage', `${what}应为“年-月-日”格式的有效日期，如 2024-09-27，收到“${iso}”`);
  return day;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

export function addDays(iso: string, n: number): string {
  return isoFromDayNumber(requireIsoDate(iso, '日期') + n);
}
