import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOLIDAY_NOTICES } from '../src/schema/calendar/holiday-notices.ts';
import { isoDayNumber, isoFromDayNumber, weekdayOf } from '../src/schema/calendar/iso-date.ts';
import { addWorkingDays, CalendarGapError, COVERED_YEARS, isWorkingDay } from '../src/schema/calendar/working-days.ts';

// Every date here was checked against the notices' published text (国务院公报 / 中国政府网 reprints).
// Not confirmed: the 发文字号 of the 2026 notice (dated 2025年11月4日), left null in the data.

const WEEKDAY = '日一二三四五六';
const day = (iso: string) => isoDayNumber(iso)!;
const isWeekend = (iso: string) => [0, 6].includes(weekdayOf(day(iso)));
const daysOf = (from: string, to: string) =>
  Array.from({ length: day(to) - day(from) + 1 }, (_, i) => isoFromDayNumber(day(from) + i));

test('the calendar covers 2019–2026, one notice a year, each citing its title, date and number', () => {
  assert.deepEqual(COVERED_YEARS, [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  for (const n of HOLIDAY_NOTICES) {
    assert.equal(n.title, `国务院办公厅关于${n.year}年部分节假日安排的通知`);
    assert.ok(isoDayNumber(n.issued) !== null && n.issued < `${n.year}-01-01`, `${n.year}: issued before the year`);
    if (n.year !== 2026) assert.match(n.number!, /^国办发明电〔\d{4}〕\d+号$/);
    const names = n.periods.map((p) => p.holiday).join('、');
    for (const h of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']) assert.ok(names.includes(h), `${n.year}: ${h}`);
  }
});

test('every make-up working day is a Saturday or Sunday and a working day; every day of a period is a day off', () => {
  for (const n of HOLIDAY_NOTICES) {
    for (const p of n.periods) {
      assert.ok(p.from <= p.to, `${n.year} ${p.holiday}`);
      for (const d of p.makeUp) {
        assert.ok(isWeekend(d), `${d} is a weekday`);
        if (COVERED_YEARS.includes(Number(d.slice(0, 4)))) assert.equal(isWorkingDay(d), true, d);
      }
      for (const d of daysOf(p.from, p.to)) {
        if (COVERED_YEARS.includes(Number(d.slice(0, 4)))) assert.equal(isWorkingDay(d), false, d);
      }
    }
  }
});

test('the dates agree with the sentence of the notice: day counts, weekdays and the days worked', () => {
  for (const n of HOLIDAY_NOTICES) {
    for (const p of n.periods) {
      const total = /共(\d+)天/.exec(p.stated);
      if (total) assert.equal(daysOf(p.from, p.to).length, Number(total[1]), `${n.year} ${p.holiday}`);
      const year = Number(p.from.slice(0, 4));
      const dated = [...p.stated.matchAll(/(?:(\d{4})年)?(\d+)月(\d+)日（[^）]*?(?:星期|周)([日一二三四五六])）/g)];
      for (const [text, y, m, d, w] of dated) {
        const iso = `${y ?? year}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
        assert.equal(WEEKDAY[weekdayOf(day(iso))], w, `${n.year} ${p.holiday}: ${text}`);
      }
      const worked = p.stated.split('。').filter((s) => s.endsWith('上班') && !s.includes('正常上班'))
        .flatMap((s) => [...s.matchAll(/(?:(\d{4})年)?(\d+)月(\d+)日/g)])
        .map(([, y, m, d]) => `${y ?? year}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`);
      // 2020: 国办发明电〔2020〕1号 extended 春节 to 2月2日, so 2月1日（星期六）was no longer worked.
      const expected = n.year === 2020 && p.holiday === '春节' ? [...p.makeUp, '2020-02-01'] : p.makeUp;
      assert.deepEqual(worked, expected, `${n.year} ${p.holiday}`);
    }
  }
});

test('weekdays off minus make-up days equal the days 全体公民放假 (11 to 2024, 13 from 2025)', () => {
  for (const n of HOLIDAY_NOTICES) {
    const weekdaysOff = n.periods.flatMap((p) => daysOf(p.from, p.to)).filter((d) => !isWeekend(d)).length;
    const makeUp = n.periods.flatMap((p) => p.makeUp).length;
    // 2020's extension added 1月31日（星期五）off and cancelled the 2月1日 make-up day: two days more.
    const extra = n.year === 2020 ? 2 : 0;
    assert.equal(weekdaysOff - makeUp, n.statutoryDays + extra, String(n.year));
    assert.equal(n.statutoryDays, n.year >= 2025 ? 13 : 11);
  }
});

test('2024 国庆: 9月29日（星期日）and 10月12日（星期六）are working days, 9月28日 and 10月1日–7日 are not', () => {
  assert.equal(isWorkingDay('2024-09-29'), true);
  assert.equal(isWorkingDay('2024-10-12'), true);
  assert.equal(isWorkingDay('2024-09-28'), false);
  for (const d of daysOf('2024-10-01', '2024-10-07')) assert.equal(isWorkingDay(d), false, d);
  assert.equal(isWorkingDay('2024-10-08'), true);
  assert.equal(isWorkingDay('2024-02-09'), true, '2024 除夕 was only encouraged as a day off');
  assert.equal(addWorkingDays('2024-09-27', 20), '2024-10-30');
});

test('2025 春节: 1月26日（星期日）and 2月8日（星期六）are working days, 1月28日–2月4日 are not', () => {
  assert.equal(isWorkingDay('2025-01-26'), true);
  assert.equal(isWorkingDay('2025-02-08'), true);
  for (const d of daysOf('2025-01-28', '2025-02-04')) assert.equal(isWorkingDay(d), false, d);
  assert.equal(addWorkingDays('2025-01-20', 20), '2025-02-21');
  assert.equal(addWorkingDays('2025-01-24', 1), '2025-01-26');
});

test('plain weeks: weekends are skipped, the day itself is not counted, 0 days is the day itself', () => {
  assert.equal(addWorkingDays('2024-03-01', 1), '2024-03-04');
  assert.equal(addWorkingDays('2024-03-01', 20), '2024-03-29');
  assert.equal(addWorkingDays('2024-03-01', 0), '2024-03-01');
});

test('a date outside 2019–2026 is a clear error naming the year and how to add its notice', () => {
  for (const [date, year] of [['2027-01-04', 2027], ['2018-12-31', 2018]] as const) {
    assert.throws(() => isWorkingDay(date), (err: unknown) => {
      assert.ok(err instanceof CalendarGapError);
      assert.equal(err.year, year);
      assert.match(err.message, new RegExp(`工作日历只收录了 2019—2026 年.*${year} 年不在其中`));
      assert.match(err.message, new RegExp(`《国务院办公厅关于${year}年部分节假日安排的通知》.*src/schema/calendar/holiday-notices\\.ts`));
      return true;
    });
  }
  assert.throws(() => addWorkingDays('2026-12-10', 20), CalendarGapError, 'a count running into 2027');
  assert.throws(() => isWorkingDay('2024-02-30'), /应为“年-月-日”格式的有效日期/);
});
