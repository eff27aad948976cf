import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  daysLeftInFiscalYear,
  fiscalYearOf,
  fiscalYearRange,
  formatJalali,
  formatJalaliDateTime,
  fromJalali,
  isIsoDate,
  isJalaliLeapYear,
  JALALI_MONTHS_EN,
  JALALI_MONTHS_FA,
  jalaliMonthLength,
  jalaliMonthRange,
  jalaliQuarterRange,
  parseJalali,
  checkJalaliInput,
  tehranDate,
  tehranDayStart,
  toJalali,
} from './jalali.js';

describe('toJalali / fromJalali', () => {
  it('converts known dates', () => {
    expect(toJalali('2024-10-06')).toEqual({ year: 1403, month: 7, day: 15 });
    expect(toJalali('2024-03-19')).toEqual({ year: 1402, month: 12, day: 29 });
    expect(toJalali('2024-03-20')).toEqual({ year: 1403, month: 1, day: 1 });
    expect(toJalali('2026-03-21')).toEqual({ year: 1405, month: 1, day: 1 });
    expect(fromJalali(1403, 7, 15)).toBe('2024-10-06');
    expect(fromJalali(1405, 1, 1)).toBe('2026-03-21');
    expect(fromJalali(1404, 10, 1)).toBe('2025-12-22');
  });
  it('knows 1403 is a leap year and 1404 is not', () => {
    expect(fromJalali(1403, 12, 30)).toBe('2025-03-20');
    expect(toJalali('2025-03-20')).toEqual({ year: 1403, month: 12, day: 30 });
    expect(toJalali('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(() => fromJalali(1404, 12, 30)).toThrow(RangeError);
    expect(fromJalali(1404, 12, 29)).toBe('2026-03-20');
    expect(isJalaliLeapYear(1403)).toBe(true);
    expect(isJalaliLeapYear(1404)).toBe(false);
    expect(isJalaliLeapYear(1399)).toBe(true);
  });
  it('rejects dates that do not exist', () => {
    expect(() => fromJalali(1403, 13, 1)).toThrow(RangeError);
    expect(() => fromJalali(1403, 0, 1)).toThrow(RangeError);
    expect(() => fromJalali(1403, 7, 31)).toThrow(RangeError);
    expect(() => fromJalali(1403, 1, 0)).toThrow(RangeError);
    expect(() => fromJalali(1403, 1, 32)).toThrow(RangeError);
    expect(() => fromJalali(1403.5, 1, 1)).toThrow(RangeError);
    expect(() => fromJalali(Number.NaN, 1, 1)).toThrow(RangeError);
  });
  it('rejects malformed ISO dates', () => {
    expect(() => toJalali('2025-02-29')).toThrow(RangeError);
    expect(() => toJalali('2025-2-28')).toThrow(RangeError);
    expect(() => toJalali('2025-03-21T00:00:00Z')).toThrow(RangeError);
    expect(toJalali('2024-02-29')).toEqual({ year: 1402, month: 12, day: 10 });
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1403/07/15')).toBe(false);
  });
  it('has month lengths 31 ×6, 30 ×5, then 29 or 30', () => {
    expect(Array.from({ length: 12 }, (_, i) => jalaliMonthLength(1403, i + 1))).toEqual([
      31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30,
    ]);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
  });
  it('round-trips every day of 1395–1415 and agrees with ICU’s Persian calendar', () => {
    const icu = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    let iso = fromJalali(1395, 1, 1);
    const end = fromJalali(1415, 12, jalaliMonthLength(1415, 12));
    let count = 0;
    while (iso <= end) {
      const j = toJalali(iso);
      expect(fromJalali(j.year, j.month, j.day)).toBe(iso);
      const parts = icu.formatToParts(new Date(`${iso}T12:00:00Z`));
      const part = (t: string) => Number(parts.find((p) => p.type === t)?.value);
      expect([j.year, j.month, j.day], iso).toEqual([part('year'), part('month'), part('day')]);
      iso = addDays(iso, 1);
      count++;
    }
    expect(count).toBe(daysBetween(fromJalali(1395, 1, 1), fromJalali(1416, 1, 1)));
  });
});

describe('parseJalali', () => {
  it('accepts the usual ways of typing a Jalali date', () => {
    expect(parseJalali('1403/07/15')).toBe('2024-10-06');
    expect(parseJalali('۱۴۰۳/۷/۱۵')).toBe('2024-10-06');
    expect(parseJalali('1403-07-15')).toBe('2024-10-06');
    expect(parseJalali('١٤٠٣/٠٧/١٥')).toBe('2024-10-06');
    expect(parseJalali(' ۱۴۰۳/۰۷/۱۵ ')).toBe('2024-10-06');
    expect(parseJalali('1403.7.15')).toBe('2024-10-06');
    expect(parseJalali('\u200F1403/07/15')).toBe('2024-10-06');
  });
  it('returns null for what is not a real Jalali date', () => {
    for (const bad of ['1404/12/30', '1403/13/01', '1403/00/10', '1403/07/31', '1403/07', '1403/07-15', 'abc', '', '03/07/15', '15/07/1403']) {
      expect(parseJalali(bad), bad).toBeNull();
    }
  });
});

describe('formatJalali', () => {
  it('is numeric with Persian digits by default', () => {
    expect(formatJalali('2024-10-06')).toBe('۱۴۰۳/۰۷/۱۵');
    expect(formatJalali('2024-10-06', { digits: 'latn' })).toBe('1403/07/15');
  });
  it('writes the month name in the long style', () => {
    expect(formatJalali('2024-10-06', { style: 'long' })).toBe('۱۵ مهر ۱۴۰۳');
    expect(formatJalali('2026-03-20', { style: 'long', digits: 'latn' })).toBe('29 اسفند 1404');
  });
  it('takes a Date to its calendar day in Tehran', () => {
    expect(formatJalali(new Date('2026-03-20T20:29:59Z'))).toBe('۱۴۰۴/۱۲/۲۹');
    expect(formatJalali(new Date('2026-03-20T20:30:00Z'))).toBe('۱۴۰۵/۰۱/۰۱');
  });
  it('formats an instant with Tehran wall-clock time', () => {
    expect(formatJalaliDateTime(new Date('2024-10-06T10:35:00Z'))).toBe('۱۴۰۳/۰۷/۱۵ ۱۴:۰۵');
    expect(formatJalaliDateTime(new Date('2026-03-20T20:30:00Z'), 'latn')).toBe('1405/01/01 00:00');
    expect(formatJalaliDateTime(new Date('2026-03-20T20:29:59Z'), 'latn')).toBe('1404/12/29 23:59');
    // summer 1400, when Iran still kept daylight saving time (+04:30)
    expect(formatJalaliDateTime(new Date('2021-06-01T10:00:00Z'), 'latn')).toBe('1400/03/11 14:30');
  });
});

describe('Tehran days', () => {
  it('puts the Nowruz 1405 boundary at 20:30 UTC', () => {
    expect(tehranDate(new Date('2026-03-20T20:29:59.999Z'))).toBe('2026-03-20');
    expect(tehranDate(new Date('2026-03-20T20:30:00Z'))).toBe('2026-03-21');
    expect(fiscalYearOf(new Date('2026-03-20T20:29:59Z'))).toBe(1404);
    expect(fiscalYearOf(new Date('2026-03-20T20:30:00Z'))).toBe(1405);
    expect(tehranDayStart('2026-03-21').toISOString()).toBe('2026-03-20T20:30:00.000Z');
  });
  it('uses the historic offset where daylight saving time applied', () => {
    // +04:30 in June 2021: 20:00 UTC is already 00:30 of the next day
    expect(tehranDate(new Date('2021-06-01T20:00:00Z'))).toBe('2021-06-02');
    expect(tehranDate(new Date('2021-06-01T19:29:59Z'))).toBe('2021-06-01');
    expect(tehranDayStart('2021-06-02').toISOString()).toBe('2021-06-01T19:30:00.000Z');
  });
  it('starts a day whose midnight was skipped at 01:00, and the fall-back day at 00:00', () => {
    // 1400/01/02: clocks went from 00:00 (+03:30) to 01:00 (+04:30)
    expect(tehranDayStart('2021-03-22').toISOString()).toBe('2021-03-21T20:30:00.000Z');
    // 1400/06/31 ends at 24:00 (+04:30) → 23:00 (+03:30); the next day starts once, at 00:00 +03:30
    expect(tehranDayStart('2021-09-21').toISOString()).toBe('2021-09-20T19:30:00.000Z');
    expect(tehranDayStart('2021-09-22').toISOString()).toBe('2021-09-21T20:30:00.000Z');
  });
  it('gives the first instant of each day for two years across clock changes', () => {
    let iso = '2020-12-01';
    for (let i = 0; i < 730; i++) {
      const start = tehranDayStart(iso).getTime();
      expect(tehranDate(new Date(start)), iso).toBe(iso);
      expect(tehranDate(new Date(start - 1)), iso).toBe(addDays(iso, -1));
      iso = addDays(iso, 1);
    }
  });
  it('rejects an invalid Date', () => {
    expect(() => tehranDate(new Date(Number.NaN))).toThrow(RangeError);
  });
  it('answers from its per-minute memory as Intl does, asked again and again, across clock changes', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });
    // every 7 minutes and 13 seconds through the spring and autumn changes of 2021, each instant asked twice, with its
    // minute's first and last millisecond
    for (const from of [Date.UTC(2021, 2, 20), Date.UTC(2021, 8, 19)]) {
      for (let ms = from; ms < from + 3 * 86_400_000; ms += 433_000) {
        for (const at of [ms, ms, Math.floor(ms / 60_000) * 60_000, Math.floor(ms / 60_000) * 60_000 + 59_999]) {
          expect(tehranDate(new Date(at)), new Date(at).toISOString()).toBe(intl.format(new Date(at)));
        }
      }
    }
    // before 1935 (Tehran mean time, +03:25:44) a day began mid-minute: both sides of that midnight stay right
    const midnight = Date.UTC(1930, 5, 1) - (3 * 3600 + 25 * 60 + 44) * 1000;
    for (const at of [midnight - 1, midnight, midnight - 1, midnight]) expect(tehranDate(new Date(at))).toBe(intl.format(new Date(at)));
    expect(tehranDate(new Date(midnight))).not.toBe(tehranDate(new Date(midnight - 1)));
  });
});

describe('fiscal years and periods', () => {
  it('a fiscal year is the Jalali year', () => {
    expect(fiscalYearOf('2026-03-20')).toBe(1404);
    expect(fiscalYearOf('2026-03-21')).toBe(1405);
    expect(fiscalYearRange(1403)).toEqual({ from: '2024-03-20', to: '2025-03-20' });
    expect(fiscalYearRange(1404)).toEqual({ from: '2025-03-21', to: '2026-03-20' });
  });
  it('month ranges are inclusive and follow the leap year', () => {
    expect(jalaliMonthRange(1405, 1)).toEqual({ from: '2026-03-21', to: '2026-04-20' });
    expect(jalaliMonthRange(1404, 7)).toEqual({ from: '2025-09-23', to: '2025-10-22' });
    expect(jalaliMonthRange(1403, 12)).toEqual({ from: '2025-02-19', to: '2025-03-20' });
    expect(jalaliMonthRange(1404, 12)).toEqual({ from: '2026-02-20', to: '2026-03-20' });
    expect(() => jalaliMonthRange(1404, 13)).toThrow(RangeError);
  });
  it('quarter ranges', () => {
    expect(jalaliQuarterRange(1405, 1)).toEqual({ from: '2026-03-21', to: '2026-06-21' });
    expect(jalaliQuarterRange(1404, 4)).toEqual({ from: '2025-12-22', to: '2026-03-20' });
    expect(jalaliQuarterRange(1403, 4).to).toBe('2025-03-20');
    expect(() => jalaliQuarterRange(1404, 5)).toThrow(RangeError);
    expect(() => jalaliQuarterRange(1404, 0)).toThrow(RangeError);
  });
  it('days left in the fiscal year count today', () => {
    expect(daysLeftInFiscalYear('2026-03-20')).toBe(1);
    expect(daysLeftInFiscalYear('2026-03-19')).toBe(2);
    expect(daysLeftInFiscalYear('2025-03-21')).toBe(365);
    expect(daysLeftInFiscalYear('2024-03-20')).toBe(366);
  });
});

describe('calendar-day arithmetic', () => {
  it('daysBetween is b − a', () => {
    expect(daysBetween('2025-03-21', '2026-03-21')).toBe(365);
    expect(daysBetween('2026-03-21', '2025-03-21')).toBe(-365);
    expect(daysBetween('2021-03-21', '2021-03-23')).toBe(2);
    expect(daysBetween('2024-10-06', '2024-10-06')).toBe(0);
  });
  it('addDays crosses months, leap days and years', () => {
    expect(addDays('2025-03-20', 1)).toBe('2025-03-21');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-10-06', 0)).toBe('2024-10-06');
    expect(() => addDays('2024-10-06', 1.5)).toThrow(RangeError);
  });
});

describe('month names', () => {
  it('lists the twelve months from Farvardin to Esfand', () => {
    expect(JALALI_MONTHS_FA).toHaveLength(12);
    expect(JALALI_MONTHS_EN).toHaveLength(12);
    expect(JALALI_MONTHS_FA[0]).toBe('فروردین');
    expect(JALALI_MONTHS_FA[6]).toBe('مهر');
    expect(JALALI_MONTHS_FA[11]).toBe('اسفند');
    expect(JALALI_MONTHS_EN[0]).toBe('Farvardin');
    expect(JALALI_MONTHS_EN[11]).toBe('Esfand');
  });
});

describe('checkJalaliInput', () => {
  it('takes a real Jalali date, typed either way', () => {
    expect(checkJalaliInput('1405/09/29')).toEqual({ ok: true, iso: '2026-12-20' });
    expect(checkJalaliInput('۱۴۰۵/۹/۲۹')).toEqual({ ok: true, iso: '2026-12-20' });
  });
  it('says why it refuses the rest', () => {
    expect(checkJalaliInput('1405/13/40')).toEqual({ ok: false, problem: 'impossible' });
    expect(checkJalaliInput('1404/12/30')).toEqual({ ok: false, problem: 'impossible' });
    expect(checkJalaliInput('1405/07/31')).toEqual({ ok: false, problem: 'impossible' });
    expect(checkJalaliInput('2026-12-20')).toEqual({ ok: false, problem: 'gregorian' });
    expect(checkJalaliInput('2026/12/20')).toEqual({ ok: false, problem: 'gregorian' });
    expect(checkJalaliInput('1250/01/01')).toEqual({ ok: false, problem: 'range' });
    expect(checkJalaliInput('1405/01/01', { min: '2026-04-01', max: '2027-03-20' })).toEqual({ ok: false, problem: 'range' });
    expect(checkJalaliInput('20/12/2026')).toEqual({ ok: false, problem: 'format' });
    expect(checkJalaliInput('فردا')).toEqual({ ok: false, problem: 'format' });
  });
});
