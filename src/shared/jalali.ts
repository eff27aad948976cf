/**
 * Calendar dates, the Jalali calendar and Tehran day boundaries.
 *
 * An `IsoDate` ('YYYY-MM-DD') is a calendar date with no time zone: the API
 * speaks it, the UI shows it in Jalali. An instant (`Date`) becomes a
 * calendar date only through Asia/Tehran, via Intl's time-zone data — not a
 * fixed +03:30, since Iran kept daylight saving time until 1401 (2022).
 * The fiscal year is the Jalali year: 1 Farvardin to the end of Esfand.
 *
 * Jalali arithmetic comes from date-fns-jalali, which works on local-time
 * `Date`s; we only ever hand it local noon of a calendar day, so the host's
 * time zone cannot shift the day.
 */
import { getDate, getDaysInMonth, getMonth, getYear, newDate } from 'date-fns-jalali';
import { toAsciiDigits, toPersianDigits } from './text.js';

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface JalaliDate {
  year: number;
  month: number;
  day: number;
}

export const JALALI_MONTHS_FA = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

export const JALALI_MONTHS_EN = [
  'Farvardin',
  'Ordibehesht',
  'Khordad',
  'Tir',
  'Mordad',
  'Shahrivar',
  'Mehr',
  'Aban',
  'Azar',
  'Dey',
  'Bahman',
  'Esfand',
] as const;

const DAY_MS = 86_400_000;
const MIN_JALALI_YEAR = 1;
const MAX_JALALI_YEAR = 9377; // ends in Gregorian 9999, the last 4-digit ISO year

// ---------------------------------------------------------------- ISO dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds of UTC midnight of a Gregorian date; years 0–99 stay themselves. */
function utcMidnight(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  return t.getTime();
}

function isoFromUtc(ms: number): IsoDate {
  const t = new Date(ms);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function parseIso(iso: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(iso);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (isoFromUtc(utcMidnight(year, month, day)) === iso) return { year, month, day };
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${iso}"`);
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2025-02-29' is false). */
export function isIsoDate(s: string): s is IsoDate {
  try {
    parseIso(s);
    return true;
  } catch {
    return false;
  }
}

/** `b − a` in calendar days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const x = parseIso(a);
  const y = parseIso(b);
  return Math.round((utcMidnight(y.year, y.month, y.day) - utcMidnight(x.year, x.month, x.day)) / DAY_MS);
}

/** The date `n` calendar days after `iso` (before it when `n` is negative). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  const { year, month, day } = parseIso(iso);
  return isoFromUtc(utcMidnight(year, month, day) + n * DAY_MS);
}

// ------------------------------------------------------------------- Jalali

/** Local noon of a Gregorian date: the time date-fns-jalali is handed. */
function localNoon(year: number, month: number, day: number): Date {
  const d = new Date(2000, 0, 1, 12);
  d.setFullYear(year, month - 1, day);
  return d;
}

function assertJalaliYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_JALALI_YEAR || year > MAX_JALALI_YEAR) {
    throw new RangeError(`Not a Jalali year: ${year}`);
  }
}

function assertJalaliMonth(year: number, month: number): void {
  assertJalaliYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Not a Jalali month: ${year}/${month}`);
  }
}

/** Days in a Jalali month: 31 (months 1–6), 30 (7–11), 29 or 30 (Esfand). */
export function jalaliMonthLength(year: number, month: number): number {
  assertJalaliMonth(year, month);
  return getDaysInMonth(newDate(year, month - 1, 1, 12));
}

/** True when Esfand of `year` has 30 days (1403 is; 1404 is not). */
export function isJalaliLeapYear(year: number): boolean {
  return jalaliMonthLength(year, 12) === 30;
}

/** The Jalali date of a calendar date. */
export function toJalali(iso: IsoDate): JalaliDate {
  const { year, month, day } = parseIso(iso);
  const d = localNoon(year, month, day);
  return { year: getYear(d), month: getMonth(d) + 1, day: getDate(d) };
}

/** The calendar date of a Jalali date; RangeError when it does not exist (1404/12/30). */
export function fromJalali(year: number, month: number, day: number): IsoDate {
  const length = jalaliMonthLength(year, month);
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(`Not a Jalali date: ${year}/${month}/${day}`);
  }
  const d = newDate(year, month - 1, day, 12);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const BIDI_MARKS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
const JALALI_INPUT = /^(\d{4})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;

/**
 * A Jalali date as people type it — '1403/07/15', '۱۴۰۳/۷/۱۵', '1403-07-15'
 * — as an IsoDate; null when it is not a real Jalali date.
 */
export function parseJalali(s: string): IsoDate | null {
  const m = JALALI_INPUT.exec(toAsciiDigits(s).replace(BIDI_MARKS, '').trim());
  if (!m) return null;
  try {
    return fromJalali(Number(m[1]), Number(m[3]), Number(m[4]));
  } catch {
    return null;
  }
}

/** Why a typed date was refused: not a date at all, a Gregorian date, no such Jalali day, or outside the range. */
export type JalaliInputProblem = 'format' | 'gregorian' | 'impossible' | 'range';

/** The years a person could mean when they type a date into a form (the dates the server accepts are wider). */
export const SANE_JALALI_YEARS = { min: 1350, max: 1450 } as const;

/**
 * A date typed into a Jalali field, checked as a clerk would: '1405/09/29' (or with Persian digits, '-' or '.') is a
 * date; '2026-12-20' is a Gregorian date typed in the wrong field ('gregorian'); '1405/13/40' is no day at all
 * ('impossible' — never rolled over into another month); a year outside `range` is refused ('range').
 */
export function checkJalaliInput(
  text: string,
  range: { min: IsoDate; max: IsoDate } = { min: fromJalali(SANE_JALALI_YEARS.min, 1, 1), max: fromJalali(SANE_JALALI_YEARS.max, 12, jalaliMonthLength(SANE_JALALI_YEARS.max, 12)) },
): { ok: true; iso: IsoDate } | { ok: false; problem: JalaliInputProblem } {
  const m = JALALI_INPUT.exec(toAsciiDigits(text).replace(BIDI_MARKS, '').trim());
  if (!m) return { ok: false, problem: 'format' };
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  // A Gregorian year (this century's are 19xx–21xx) is at least 500 years after any Jalali year in use.
  if (year >= 1700) return { ok: false, problem: 'gregorian' };
  if (month < 1 || month > 12 || day < 1 || day > 31) return { ok: false, problem: 'impossible' };
  if (year < MIN_JALALI_YEAR || year > MAX_JALALI_YEAR) return { ok: false, problem: 'range' };
  let iso: IsoDate;
  try {
    iso = fromJalali(year, month, day);
  } catch {
    return { ok: false, problem: 'impossible' };
  }
  if (iso < range.min || iso > range.max) return { ok: false, problem: 'range' };
  return { ok: true, iso };
}

export interface FormatJalaliOptions {
  /** 'fa' (default) for Persian digits, 'latn' for ASCII. */
  digits?: 'fa' | 'latn';
  /** 'numeric' (default) → ۱۴۰۳/۰۷/۱۵; 'long' → ۱۵ مهر ۱۴۰۳. */
  style?: 'numeric' | 'long';
}

/** A date in Jalali; a `Date` is first taken to its calendar day in Tehran. */
export function formatJalali(iso: IsoDate | Date, opts: FormatJalaliOptions = {}): string {
  const { year, month, day } = toJalali(iso instanceof Date ? tehranDate(iso) : iso);
  const text =
    opts.style === 'long'
      ? `${day} ${JALALI_MONTHS_FA[month - 1] ?? ''} ${year}`
      : `${pad(year, 4)}/${pad(month)}/${pad(day)}`;
  return opts.digits === 'latn' ? text : toPersianDigits(text);
}

/** An instant as Jalali date and Tehran wall-clock time: '۱۴۰۳/۰۷/۱۵ ۱۴:۰۵'. */
export function formatJalaliDateTime(d: Date, digits: 'fa' | 'latn' = 'fa'): string {
  const p = tehranParts(d);
  const date = formatJalali(`${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`, { digits: 'latn' });
  const text = `${date} ${pad(p.hour)}:${pad(p.minute)}`;
  return digits === 'latn' ? text : toPersianDigits(text);
}

// ------------------------------------------------------------------- Tehran

const TEHRAN = 'Asia/Tehran';
let tehranFormat: Intl.DateTimeFormat | undefined;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function tehranParts(instant: Date): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  tehranFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TEHRAN,
    calendar: 'gregory',
    numberingSystem: 'latn',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    era: 'short', // so that years before 1 CE cannot be misread
  });
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of tehranFormat.formatToParts(instant)) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  if (bc) out.year = 1 - out.year;
  out.hour %= 24; // some engines print midnight as 24 even with h23
  return out;
}

/** Whole-minute offsets since Tehran left its mean time (+03:25:44) in 1935; the cache below relies on them. */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1936, 0, 1);
const dayOfMinute = new Map<number, IsoDate>();

/**
 * The calendar date in Tehran at an instant. Remembered per minute (bounded): since 1936 Tehran's offsets are whole
 * minutes, so every instant of a UTC minute falls on the same Tehran day — and Intl's time-zone formatting (~5 µs) is
 * the costliest step of turning a page of records into answers, whose instants repeat.
 */
export function tehranDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  const minute = ms >= WHOLE_MINUTE_OFFSETS_FROM ? Math.floor(ms / 60_000) : NaN;
  const known = dayOfMinute.get(minute);
  if (known !== undefined) return known;
  const p = tehranParts(instant);
  const day = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (!Number.isNaN(minute)) {
    if (dayOfMinute.size >= 50_000) dayOfMinute.clear();
    dayOfMinute.set(minute, day);
  }
  return day;
}

/** Tehran's offset from UTC at an instant, in ms (+03:30 → 12_600_000). */
function tehranOffset(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = tehranParts(new Date(whole));
  const t = new Date(0);
  t.setUTCFullYear(p.year, p.month - 1, p.day);
  t.setUTCHours(p.hour, p.minute, p.second, 0);
  return t.getTime() - whole;
}

function startsDay(ms: number, iso: IsoDate): boolean {
  return tehranDate(new Date(ms)) === iso && tehranDate(new Date(ms - 1)) < iso;
}

/**
 * The first instant of a calendar day in Tehran: 00:00 local, or the end of
 * the skipped hour on a day whose midnight daylight saving time skipped.
 */
export function tehranDayStart(iso: IsoDate): Date {
  const { year, month, day } = parseIso(iso);
  const midnightUtc = utcMidnight(year, month, day);
  let guess = midnightUtc - tehranOffset(midnightUtc);
  const offsetThen = tehranOffset(guess);
  if (midnightUtc - offsetThen !== guess) guess = midnightUtc - offsetThen;
  if (startsDay(guess, iso)) return new Date(guess);
  // A clock change near midnight: search the hours around it.
  let lo = midnightUtc - 16 * 3_600_000; // before the day in every zone offset Tehran has had
  let hi = midnightUtc + 16 * 3_600_000; // within the day or after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tehranDate(new Date(mid)) < iso) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

// ------------------------------------------------------ fiscal years, periods

/** The fiscal (Jalali) year of a date, or of an instant's Tehran date. */
export function fiscalYearOf(isoOrDate: IsoDate | Date): number {
  return toJalali(isoOrDate instanceof Date ? tehranDate(isoOrDate) : isoOrDate).year;
}

/** First and last day (inclusive) of a fiscal year. */
export function fiscalYearRange(year: number): { from: IsoDate; to: IsoDate } {
  return { from: fromJalali(year, 1, 1), to: fromJalali(year, 12, jalaliMonthLength(year, 12)) };
}

/** First and last day (inclusive) of a Jalali month. */
export function jalaliMonthRange(year: number, month: number): { from: IsoDate; to: IsoDate } {
  return { from: fromJalali(year, month, 1), to: fromJalali(year, month, jalaliMonthLength(year, month)) };
}

/** First and last day (inclusive) of a Jalali quarter: q1 = Farvardin–Khordad … q4 = Dey–Esfand. */
export function jalaliQuarterRange(year: number, q: number): { from: IsoDate; to: IsoDate } {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`Not a quarter: ${q}`);
  return { from: jalaliMonthRange(year, 3 * q - 2).from, to: jalaliMonthRange(year, 3 * q).to };
}

/**
 * Days left in the fiscal year, counting today: 1 on the last day of
 * Esfand, 365 (or 366) on 1 Farvardin.
 */
export function daysLeftInFiscalYear(today: IsoDate): number {
  return daysBetween(today, fiscalYearRange(fiscalYearOf(today)).to) + 1;
}
