import { InputError } from '../../errors.ts';
import { HOLIDAY_NOTICES, type HolidayNotice, type HolidayPeriod } from './holiday-notices.ts';
import { isoFromDayNumber, requireIsoDate, weekdayOf } from './iso-date.ts';

const NOTICE_FILE = 'src/schema/calendar/holiday-notices.ts';

export const COVERED_YEARS: readonly number[] = HOLIDAY_NOTICES.map((n) => n.year);

/** A date in a year whose holiday notice is not in the calendar. */
export class CalendarGapError extends InputError {
  constructor(readonly year: number) {
    const first = Math.min(...COVERED_YEARS);
    const last = Math.max(...COVERED_YEARS);
    super(
      'unsupported',
      `工作日历只收录了 ${first}—${last} 年（依据各年《国务院办公厅关于…年部分节假日安排的通知》），${year} 年不在其中，无法计算工作日。` +
        `要计算 ${year} 年的工作日，按《国务院办公厅关于${year}年部分节假日安排的通知》原文，在 ${NOTICE_FILE} 中添加该年的放假和调休上班日期，并在 test/working-days.test.ts 中添加该年的核对（见 README“工作日与答复期限”）。`,
    );
    this.name = 'CalendarGapError';
  }
}

interface DayEntry { period: HolidayPeriod; notice: HolidayNotice }

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = requireIsoDate(from, '放假起始日'); d <= requireIsoDate(to, '放假结束日'); d++) days.push(isoFromDayNumber(d));
  return days;
}

// A later notice's period may begin in the year before (元旦 2022-12-31), so days are indexed
// across all notices rather than per year.
const DAYS_OFF = new Map<string, DayEntry>();
const MAKE_UP_DAYS = new Map<string, DayEntry>();
for (const notice of HOLIDAY_NOTICES) {
  for (const period of notice.periods) {
    for (const day of eachDay(period.from, period.to)) DAYS_OFF.set(day, { period, notice });
    for (const day of period.makeUp) MAKE_UP_DAYS.set(day, { period, notice });
  }
}

function coveredYear(iso: string): number {
  requireIsoDate(iso, '日期');
  const year = Number(iso.slice(0, 4));
  if (!COVERED_YEARS.includes(year)) throw new CalendarGapError(year);
  return year;
}

/** A working day: Monday to Friday outside the holidays, or a 调休 make-up day. Throws outside the covered years. */
export function isWorkingDay(iso: string): boolean {
  coveredYear(iso);
  if (MAKE_UP_DAYS.has(iso)) return true;
  if (DAYS_OFF.has(iso)) return false;
  const weekday = weekdayOf(requireIsoDate(iso, '日期'));
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `iso` (the day itself is not counted); `iso` itself for n = 0. */
export function addWorkingDays(iso: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new InputError('usage', `工作日数应为非负整数，收到“${n}”`);
  let day = requireIsoDate(iso, '日期');
  for (let left = n; left > 0; ) {
    day++;
    if (isWorkingDay(isoFromDayNumber(day))) left--;
  }
  return isoFromDayNumber(day);
}

/** What the calendar holds between two dates (inclusive): the holiday periods touched and the make-up days. */
export function calendarBetween(from: string, to: string): { periods: DayEntry[]; makeUpDays: string[]; notices: HolidayNotice[]; citations: string[] } {
  const periods: DayEntry[] = [];
  const makeUpDays: string[] = [];
  const notices = new Set<HolidayNotice>();
  for (const day of eachDay(from, to)) {
    notices.add(HOLIDAY_NOTICES.find((n) => n.year === coveredYear(day))!);
    const off = DAYS_OFF.get(day);
    if (off && !periods.some((p) => p.period === off.period)) periods.push(off);
    const makeUp = MAKE_UP_DAYS.get(day);
    if (makeUp) {
      makeUpDays.push(day);
      notices.add(makeUp.notice);
    }
    if (off) notices.add(off.notice);
  }
  const sorted = [...notices].sort((a, b) => a.year - b.year);
  const amendments = periods.flatMap((p) => p.notice.amendments?.filter((a) => a.number === p.period.by) ?? []);
  const citations = [...sorted.map(noticeCitation), ...amendments.map((a) => `《${a.title}》（${a.number}）`)];
  return { periods, makeUpDays, notices: sorted, citations: [...new Set(citations)] };
}

/** How a notice is cited: its title and, where known, its number. */
export function noticeCitation(notice: HolidayNotice): string {
  return `《${notice.title}》${notice.number ? `（${notice.number}）` : `（${notice.issued.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}）`}`;
}
