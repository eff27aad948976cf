import {
  JALALI_MONTHS_EN,
  daysBetween,
  fiscalYearRange,
  formatJalali,
  tehranDate,
  toJalali,
  type IsoDate,
} from '../../shared/jalali.js';
import type { Language } from './i18n.js';

/**
 * Jalali dates for the screen in the current language: the calendar is always
 * Jalali; Persian shows Persian digits and month names, English shows Latin
 * digits and transliterated month names.
 */

const weekdayFormats: Partial<Record<Language, Intl.DateTimeFormat>> = {};

function weekdayOf(iso: IsoDate, language: Language): string {
  const format = (weekdayFormats[language] ??= new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  }));
  // Noon UTC of the calendar date names the same weekday everywhere.
  return format.format(new Date(`${iso}T12:00:00Z`));
}

/** ۱۴۰۳/۰۷/۱۵ or 1403/07/15 */
export function formatDate(iso: IsoDate, language: Language): string {
  return formatJalali(iso, { digits: language === 'fa' ? 'fa' : 'latn' });
}

/** ۱۵ مهر ۱۴۰۳ or 15 Mehr 1403 */
export function formatDateLong(iso: IsoDate, language: Language): string {
  if (language === 'fa') return formatJalali(iso, { style: 'long' });
  const { year, month, day } = toJalali(iso);
  return `${day} ${JALALI_MONTHS_EN[month - 1] ?? ''} ${year}`;
}

/** یکشنبه ۸ آذر ۱۴۰۵ or Sunday 8 Azar 1405 */
export function formatDateWithWeekday(iso: IsoDate, language: Language): string {
  return `${weekdayOf(iso, language)} ${formatDateLong(iso, language)}`;
}

/** Today's calendar date in Tehran, whatever the browser's time zone. */
export function todayInTehran(now: Date = new Date()): IsoDate {
  return tehranDate(now);
}

/** Share of a fiscal year already gone on `today` (0..1). */
export function fiscalYearElapsed(fiscalYear: number, today: IsoDate): number {
  const { from, to } = fiscalYearRange(fiscalYear);
  const length = daysBetween(from, to) + 1;
  const gone = daysBetween(from, today);
  return Math.min(1, Math.max(0, gone / length));
}
